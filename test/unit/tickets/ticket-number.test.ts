import { describe, expect, it } from 'vitest';
import {
  TICKET_NUMBER_PATTERN,
  findTicketNumber,
  formatTicketNumber,
} from '../../../core/tickets/ticket-number.js';

describe('formatTicketNumber', () => {
  it.each([
    [1, 'INC-20261123-0001'],
    [7, 'INC-20261123-0007'],
    [9999, 'INC-20261123-9999'],
    [10_000, 'INC-20261123-10000'],
    [123_456, 'INC-20261123-123456'],
  ])('sequence %i → %s', (sequence, expected) => {
    const number = formatTicketNumber('INC', '2026-11-23', sequence);
    expect(number).toBe(expected);
    expect(number).toMatch(TICKET_NUMBER_PATTERN);
  });

  it('uses the desk prefix', () => {
    expect(formatTicketNumber('REQ', '2027-01-05', 12)).toBe('REQ-20270105-0012');
  });
});

describe('findTicketNumber', () => {
  it.each([
    ['进度 #INC-20261123-0007', 'INC-20261123-0007'],
    ['Re: [inc-20261123-0007] 打印机还是卡纸', 'INC-20261123-0007'],
    ['工单INC-20261123-0007还没人来', 'INC-20261123-0007'],
    ['催一下 INC-20261123-10000。', 'INC-20261123-10000'],
    ['INC-20261123-0003 和 INC-20261123-0004', 'INC-20261123-0003'],
    ['(INC-20261123-0007)', 'INC-20261123-0007'],
  ])('finds it in %j', (text, expected) => {
    expect(findTicketNumber(text, 'INC')).toBe(expected);
  });

  it.each([
    ['no number at all', '打印机卡纸了'],
    ['a date of nine digits', 'INC-202611231-0007'],
    ['digits run on before the prefix', '2025INC-20261123-0007'],
    ['letters run on before the prefix', 'XINC-20261123-0007'],
    ['a sequence of three digits', 'INC-20261123-007'],
    ['a phone number', '请拨 13800138000-0007'],
    ['another prefix', 'REQ-20261123-0007'],
  ])('finds nothing in %s', (_why, text) => {
    expect(findTicketNumber(text, 'INC')).toBeNull();
  });
});
