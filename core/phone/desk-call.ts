/**
 * Phone numbers as the PBX and the roster write them differ in punctuation and in the
 * international prefix; digits (and a leading +) are what identifies a line.
 */
export function normalizeNumber(value: string): string {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[^\d]/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** A set of hotline numbers to test callees against in constant time. */
export function hotlineMatcher(hotlines: readonly string[]): (callee: string) => boolean {
  const set = new Set(hotlines.map(normalizeNumber).filter((n) => n !== ''));
  return (callee) => {
    const n = normalizeNumber(callee);
    return n !== '' && set.has(n);
  };
}

/** Asterisk's clid column: `"Name" <number>`; the number inside the brackets, else the text. */
export function numberFromCallerId(clid: string): string {
  const m = /<([^>]*)>/.exec(clid);
  return (m?.[1] ?? clid).trim();
}
