import { describe, expect, it } from 'vitest';
import {
  applyComplaintStep,
  COMPLAINT_ERROR_CODES,
  COMPLAINT_STEP_NAMES,
  COMPLAINT_STEPS,
  complaintReminderDue,
  DEFAULT_COMPLAINT_REMINDER_HOURS,
  nextStepOf,
  type Complaint,
  type ComplaintParty,
  type ComplaintStepInput,
} from '../../../core/complaints/index.js';

const T0 = new Date('2026-11-23T02:00:00Z');

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: 'CMP-20261123-ABC123',
    sourceKey: 'web:1',
    version: 1,
    status: 'submitted',
    ticketId: 't1',
    ticketNumber: 'INC-20261123-0001',
    channel: 'web',
    complainant: { personId: 'rep-zhang', name: '张老师', address: null, conversationId: null },
    text: '工程师态度差',
    engineerId: 'eng-print',
    upheld: null,
    decision: null,
    rating: null,
    steps: [],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

const actor = { kind: 'person' as const, id: 'x', name: 'X' };
const input = (
  step: ComplaintStepInput['step'],
  party: ComplaintParty | 'unknown',
  extra: Partial<ComplaintStepInput> = {},
) =>
  ({
    step,
    party,
    actor,
    at: new Date(T0.getTime() + 60_000),
    note: '已核实',
    ...extra,
  }) as ComplaintStepInput;

describe('complaint process', () => {
  it('walks submitted → verified → reported → decided → fed_back → rated → closed, each step by its role', () => {
    let c = complaint();
    const walk: Array<[ComplaintStepInput['step'], ComplaintParty, Partial<ComplaintStepInput>]> = [
      ['verify', 'desk', {}],
      ['report', 'desk', { note: null }],
      ['decide', 'it_head', { upheld: true, note: '投诉成立，扣减绩效' }],
      ['feed_back', 'manager', { note: '已电话告知' }],
      ['rate', 'complainant', { rating: 4, note: null }],
      ['close', 'desk', { note: null }],
    ];
    for (const [step, party, extra] of walk) {
      const r = applyComplaintStep(c, input(step, party, extra));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.complaint.status).toBe(COMPLAINT_STEPS[step].to);
      c = r.value.complaint;
    }
    expect(c.status).toBe('closed');
    expect(c.upheld).toBe(true);
    expect(c.decision).toBe('投诉成立，扣减绩效');
    expect(c.rating).toBe(4);
    expect(c.steps.map((s) => s.step)).toEqual(['verify', 'report', 'decide', 'feed_back', 'rate', 'close']);
    expect(nextStepOf('closed')).toBeNull();
  });

  it('refuses every step to a role not entitled to it', () => {
    const parties: Array<ComplaintParty | 'unknown'> = [
      'reporter',
      'desk',
      'engineer',
      'manager',
      'auditor',
      'it_head',
      'complainant',
      'unknown',
    ];
    for (const step of COMPLAINT_STEP_NAMES) {
      const c = complaint({ status: COMPLAINT_STEPS[step].from });
      for (const party of parties) {
        const r = applyComplaintStep(c, input(step, party, { upheld: false, rating: 3 }));
        const allowed = (COMPLAINT_STEPS[step].by as readonly string[]).includes(party);
        expect(r.ok, `${step} by ${party}`).toBe(allowed);
        if (!r.ok) expect(r.error.code).toBe(COMPLAINT_ERROR_CODES.NOT_ENTITLED);
      }
    }
  });

  it('refuses a step out of order', () => {
    const r = applyComplaintStep(complaint(), input('decide', 'it_head', { upheld: true }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(COMPLAINT_ERROR_CODES.INVALID_STEP);
  });

  it('asks for what a step needs: a note, a decision, a rating from 1 to 5', () => {
    const cases: Array<[Complaint['status'], ComplaintStepInput]> = [
      ['submitted', input('verify', 'desk', { note: '  ' })],
      ['reported', input('decide', 'it_head', {})],
      ['decided', input('feed_back', 'desk', { note: null })],
      ['fed_back', input('rate', 'complainant', { rating: 6 })],
      ['fed_back', input('rate', 'complainant', { rating: 2.5 })],
    ];
    for (const [status, i] of cases) {
      const r = applyComplaintStep(complaint({ status }), i);
      expect(r.ok, i.step).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(COMPLAINT_ERROR_CODES.DETAILS_REQUIRED);
    }
  });

  it('dates each step reminder from when the status was entered, none once closed', () => {
    expect(complaintReminderDue('reported', T0, DEFAULT_COMPLAINT_REMINDER_HOURS)?.toISOString()).toBe(
      '2026-11-24T02:00:00.000Z',
    );
    expect(complaintReminderDue('closed', T0, DEFAULT_COMPLAINT_REMINDER_HOURS)).toBeNull();
  });
});
