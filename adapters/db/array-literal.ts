/**
 * PostgreSQL array literals (`{…}`) for batch parameters, built in one pass per array. pg would
 * serialize a JS array element by element (two regex replacements per string, a local-time
 * formatting per Date); for a bulk write of thousands of rows that is a good share of the work.
 * The server reads these as `$n::text[]`, `$n::float8[]`, … exactly as pg's own arrays.
 */

const NEEDS_ESCAPE = /["\\]/;

/** Every element double-quoted, `"` and `\` backslash-escaped: commas, braces, spaces and NULL stay text. */
export function textArrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as string;
    if (i > 0) out += ',';
    out += NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

/** Finite numbers (null: SQL NULL). */
export function numberArrayLiteral(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (Number.isFinite(v)) out += String(v);
    else throw new RangeError(`${v} is not a number PostgreSQL can store`);
  }
  return `${out}}`;
}

export function booleanArrayLiteral(values: readonly boolean[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i += 1) out += i > 0 ? (values[i] ? ',t' : ',f') : values[i] ? 't' : 'f';
  return `${out}}`;
}
