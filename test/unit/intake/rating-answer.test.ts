import { describe, expect, it } from 'vitest';
import { parseRatingAnswer } from '../../../core/intake/rating-answer.js';

describe('parseRatingAnswer', () => {
  it.each([
    ['5', 5, null],
    ['4分', 4, null],
    ['1 太慢了', 1, '太慢了'],
    ['非常满意', 5, null],
    ['满意，师傅很专业', 4, '师傅很专业'],
    ['一般', 3, null],
    ['不满意 等了一上午', 2, '等了一上午'],
    ['非常不满意！', 1, null],
  ])('%s → %i', (text, rating, comment) => {
    expect(parseRatingAnswer(text)).toEqual({ rating, comment });
  });

  it.each(['6', '10', '3.5', '好的', '打印机又坏了', ''])('%s is not a rating', (text) => {
    expect(parseRatingAnswer(text)).toBeNull();
  });
});
