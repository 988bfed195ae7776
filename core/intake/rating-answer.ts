/** 您对本次服务的评价, as a reporter types it: a digit 1–5 or the form's words, then an optional comment. */
export interface RatingAnswer {
  rating: 1 | 2 | 3 | 4 | 5;
  comment: string | null;
}

// Longest words first: 非常不满意 must not be read as 不满意, nor 不满意 as 满意.
const WORDS: [string, RatingAnswer['rating']][] = [
  ['非常不满意', 1],
  ['非常满意', 5],
  ['不满意', 2],
  ['满意', 4],
  ['一般', 3],
];
const DIGIT = /^([1-5])(?:\s*(?:分|星|颗星))?(?![\d.])/;
const SEPARATORS = /^[\s,，。.、:：;；!！~-]+|[\s]+$/g;

export function parseRatingAnswer(text: string): RatingAnswer | null {
  const t = text.trim();
  const digit = DIGIT.exec(t);
  if (digit?.[1]) return answer(Number(digit[1]) as RatingAnswer['rating'], t.slice(digit[0].length));
  for (const [word, rating] of WORDS) if (t.startsWith(word)) return answer(rating, t.slice(word.length));
  return null;
}

function answer(rating: RatingAnswer['rating'], rest: string): RatingAnswer {
  const comment = rest.replace(SEPARATORS, '').trim();
  return { rating, comment: comment === '' ? null : comment };
}
