import { z } from 'zod';

/*
 * desk.yaml is read with YAML's failsafe schema: every scalar stays the string the operator typed, so a
 * phone number `010…` or a hotline keeps its leading zero and `24:00` is never read as a number. The few
 * numeric and boolean fields convert here, and accept real numbers/booleans too for callers passing objects.
 */

const BLANKS = ['', '~', 'null'];

export function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && BLANKS.includes(value.trim()))
  );
}

/** An optional text field: absent or blank → null, otherwise trimmed and checked by `inner`. */
export function nullableText<T extends z.ZodType<string, string>>(inner: T) {
  return z.preprocess((value) => {
    if (isBlank(value)) return null;
    if (typeof value === 'number') return String(value);
    return typeof value === 'string' ? value.trim() : value;
  }, inner.nullable());
}

export function wholeNumber(opts: { min: number; max: number; default?: number }) {
  const message = `must be a whole number from ${opts.min} to ${opts.max}`;
  return z.preprocess(
    (value) => {
      if (opts.default !== undefined && isBlank(value)) return opts.default;
      return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    },
    z.number({ error: message }).int(message).min(opts.min, message).max(opts.max, message),
  );
}

/** A list that may be left out or empty (`skills:` with nothing after it). */
export function optionalList<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (isBlank(value) ? [] : value), z.array(item));
}

export function flag(defaultValue: boolean) {
  return z.preprocess(
    (value) => {
      if (isBlank(value)) return defaultValue;
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    },
    z.boolean({ error: 'must be true or false' }),
  );
}
