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

/**
 * A number in one form for comparing callers: one line reaches the PBX as +86 138…, 86138…,
 * 0086 138… or, through a trunk that prefixes 0, 0138…; a landline as +86 10 … or 010 …. The
 * country code 86 goes, a landline keeps its national 0 and a mobile (1 and ten digits) loses one.
 * Anything else (an extension, a foreign number) is its digits, 00 read as +.
 */
export function comparableNumber(value: string): string {
  let digits = value.replace(/\D/g, '');
  let international = value.trim().startsWith('+');
  if (digits.startsWith('00')) {
    digits = digits.slice(2);
    international = true;
  }
  if (/^861\d{10}$/.test(digits)) return digits.slice(2);
  if (international && digits.startsWith('86')) return `0${digits.slice(2)}`;
  return /^01\d{10}$/.test(digits) ? digits.slice(1) : digits;
}
