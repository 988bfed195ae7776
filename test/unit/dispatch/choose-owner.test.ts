import { describe, expect, it } from 'vitest';
import { chooseOwner, DISPATCH_ERROR_CODES } from '../../../core/dispatch/index.js';
import { person } from './roster.js';

const desk = (id: string, active = true) => person(id, { role: 'desk', level: null, active });
const people = [
  desk('desk-zhang'),
  desk('desk-li'),
  desk('desk-wang'),
  desk('desk-gone', false),
  person('eng-1'),
];

describe('chooseOwner', () => {
  it('makes the desk engineer on shift the owner', () => {
    const choice = chooseOwner({ people, onShift: new Set(['desk-wang', 'eng-1']), openCounts: new Map() });
    expect(choice).toEqual({
      ok: true,
      value: {
        personId: 'desk-wang',
        reason: {
          summary: '服务台·在班·当前0单',
          offShift: false,
          candidates: [{ personId: 'desk-wang', openTickets: 0 }],
        },
      },
    });
  });

  it('balances between several on shift by open owned tickets', () => {
    const choice = chooseOwner({
      people,
      onShift: new Set(['desk-zhang', 'desk-li']),
      openCounts: new Map([
        ['desk-zhang', 2],
        ['desk-li', 5],
      ]),
    });
    expect(choice.ok && choice.value.personId).toBe('desk-zhang');
    expect(choice.ok && choice.value.reason.summary).toBe('服务台·在班·当前2单');
    expect(choice.ok && choice.value.reason.candidates).toEqual([
      { personId: 'desk-zhang', openTickets: 2 },
      { personId: 'desk-li', openTickets: 5 },
    ]);
  });

  it('breaks a workload tie by id, whatever the roster order', () => {
    const onShift = new Set(['desk-zhang', 'desk-li']);
    const a = chooseOwner({ people, onShift, openCounts: new Map() });
    const b = chooseOwner({ people: [...people].reverse(), onShift, openCounts: new Map() });
    expect(a.ok && a.value.personId).toBe('desk-li');
    expect(b.ok && b.value.personId).toBe('desk-li');
  });

  it('ignores inactive desk engineers and other roles even when on shift', () => {
    const choice = chooseOwner({
      people,
      onShift: new Set(['desk-gone', 'eng-1', 'desk-zhang']),
      openCounts: new Map(),
    });
    expect(choice.ok && choice.value.personId).toBe('desk-zhang');
  });

  it('falls back to any active desk engineer, flagged off shift, when nobody is on shift', () => {
    const choice = chooseOwner({
      people,
      onShift: new Set(['eng-1', 'desk-gone']),
      openCounts: new Map([
        ['desk-li', 4],
        ['desk-wang', 1],
        ['desk-zhang', 1],
      ]),
    });
    expect(choice.ok && choice.value.personId).toBe('desk-wang');
    expect(choice.ok && choice.value.reason.offShift).toBe(true);
    expect(choice.ok && choice.value.reason.summary).toBe('服务台·无人在班(非在班指派)·当前1单');
  });

  it('fails with a stable code when the roster has no active desk engineer', () => {
    const choice = chooseOwner({
      people: [desk('desk-gone', false), person('eng-1')],
      onShift: new Set(),
      openCounts: new Map(),
    });
    expect(choice.ok).toBe(false);
    expect(!choice.ok && choice.error.code).toBe(DISPATCH_ERROR_CODES.NO_DESK);
    expect(!choice.ok && choice.error.message).toMatch(/服务台.*No active desk engineer/s);
  });
});
