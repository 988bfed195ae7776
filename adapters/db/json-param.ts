/** A `\uD800`-`\uDFFF` escape that is not itself escaped: JSON.stringify writes only lone surrogates so. */
const LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\u(d[89a-f][0-9a-f]{2})/gi;

/**
 * The JSON text of a batch parameter. Text from the outside may hold lone surrogates, which
 * PostgreSQL's JSON parser rejects; as plain text parameters they became U+FFFD on the way to the
 * server, and they still do, so a malformed character never fails a write.
 */
export function jsonParam(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u') ? json.replace(LONE_SURROGATE, '$1\\ufffd') : json;
}
