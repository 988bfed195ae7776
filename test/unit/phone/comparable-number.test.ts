import { describe, expect, it } from 'vitest';
import { comparableNumber } from '../../../core/phone/index.js';

describe('comparableNumber', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
    ['013800138000', '13800138000'],
    ['010-12345678', '01012345678'],
    ['+86 10 1234 5678', '01012345678'],
    ['0086 21 1234 5678', '02112345678'],
    ['8001', '8001'],
    ['+1 415 555 0100', '14155550100'],
    ['001 415 555 0100', '14155550100'],
    ['', ''],
  ])('%j → %j', (typed, expected) => {
    expect(comparableNumber(typed)).toBe(expected);
  });

  it('keeps different lines apart', () => {
    expect(comparableNumber('13800138000')).not.toBe(comparableNumber('13800138001'));
    expect(comparableNumber('010-12345678')).not.toBe(comparableNumber('021-12345678'));
  });
});
