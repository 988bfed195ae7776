import type { CallRecord } from './call-record.js';
import { strongerDisposition } from './disposition.js';

const earlier = (a: Date, b: Date): Date => (a <= b ? a : b);
const later = (a: Date, b: Date): Date => (a >= b ? a : b);

/**
 * Two legs (or two reports) of one call as one record. Order-independent and idempotent, so legs
 * merge the same whether they arrive together, in separate files, or twice; storage's upsert
 * applies the same rules (adapters/db call.sql.ts).
 */
export function mergeCalls(a: CallRecord, b: CallRecord): CallRecord {
  const answeredAt =
    a.answeredAt && b.answeredAt ? earlier(a.answeredAt, b.answeredAt) : (a.answeredAt ?? b.answeredAt);
  // The dialled hotline names the call; internal legs (Local/ch1…) carry extension names instead.
  const hotlineLeg = a.isDeskCall ? a : b.isDeskCall ? b : a;
  return {
    sourceId: a.sourceId,
    startedAt: earlier(a.startedAt, b.startedAt),
    answeredAt,
    endedAt: later(a.endedAt, b.endedAt),
    caller: a.caller !== '' ? a.caller : b.caller,
    callee: hotlineLeg.callee,
    disposition: strongerDisposition(a.disposition, b.disposition),
    durationS: Math.max(a.durationS, b.durationS),
    billsecS: Math.max(a.billsecS, b.billsecS),
    isDeskCall: a.isDeskCall || b.isDeskCall,
  };
}
