import { describe, expect, it } from 'vitest';
import { sameJson } from '../../../core/shared/same-json.js';

describe('sameJson', () => {
  it('ignores key order and undefined keys, as jsonb round trips do', () => {
    expect(sameJson({ a: 1, b: { c: [1, 'x'] } }, { b: { c: [1, 'x'] }, a: 1, d: undefined })).toBe(true);
  });
  it('tells different values, lengths, types and nesting apart', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [1] })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson({ a: { b: 1 } }, { a: { b: 1, c: 2 } })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
  it('compares dates by instant', () => {
    expect(sameJson(new Date(5), new Date(5))).toBe(true);
    expect(sameJson(new Date(5), new Date(6))).toBe(false);
  });
});
