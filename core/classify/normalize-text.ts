const HAN = /\p{Script=Han}/u;
const SPACE_BETWEEN_HAN = /(\p{Script=Han}) (?=\p{Script=Han})/gu;

export const hasHan = (s: string): boolean => HAN.test(s);

// One classification normalizes the same report for the rules, the features and two cue sets.
let lastIn: string | null = null;
let lastOut = '';

/**
 * The form keywords and reports are compared in: full-width folded to ASCII (ＶＰＮ → vpn), lower case,
 * runs of whitespace as one space, and no space between two Chinese characters, because people
 * type "打印机 卡纸" and "打 印 机" in chat and mean the same words.
 */
export function normalizeText(text: string): string {
  if (text === lastIn) return lastOut;
  const out = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(SPACE_BETWEEN_HAN, '$1')
    .trim();
  lastIn = text;
  lastOut = out;
  return out;
}
