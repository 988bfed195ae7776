import { err, ok, type Result } from '../shared/result.js';
import type { CallRecord } from './call-record.js';
import { parseDisposition } from './disposition.js';
import type { WallClockParser } from './wall-time.js';

/** One call's values as text, whatever the source (CDR column, mapped CSV column, JSON field). */
export interface CallFields {
  sourceId: string;
  start: string;
  answer?: string;
  end?: string;
  caller: string;
  callee: string;
  disposition: string;
  duration?: string;
  billsec?: string;
}

export interface CallFieldContext {
  wallClock: WallClockParser;
  isHotline: (callee: string) => boolean;
  /**
   * Asterisk marks a leg ANSWERED when the PBX itself picked up (a Hangup or Playback step) with
   * nobody on the other end; such a leg with no billable second was not answered by the desk.
   */
  zeroBillsecIsUnanswered?: boolean;
}

const INT = /^\d{1,9}$/;
const UNIX_SECONDS = /^\d{9,11}(\.\d+)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Local wall time, ISO 8601 with a zone, or Unix seconds. No text is two of these, so the local
 * time every CDR row has three of is tried first.
 */
export function parseCallTime(value: string, wall: WallClockParser): Date | null {
  const v = value.trim();
  const local = wall.parse(v);
  if (local) return local;
  if (UNIX_SECONDS.test(v)) return new Date(Math.round(Number(v) * 1000));
  if (ISO_WITH_ZONE.test(v)) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function seconds(value: string | undefined, name: string): Result<number | null, string> {
  if (value === undefined || value.trim() === '') return ok(null);
  const v = value.trim();
  return INT.test(v) ? ok(Number(v)) : err(`${name} "${v.slice(0, 20)}" is not a whole number of seconds`);
}

/** Validates one call's text values into a record; the error says which value is wrong and why. */
export function callFromFields(f: CallFields, ctx: CallFieldContext): Result<CallRecord, string> {
  const sourceId = f.sourceId.trim();
  if (sourceId === '') return err('no call id');
  if (sourceId.length > 200) return err('call id longer than 200 characters');
  const startedAt = parseCallTime(f.start, ctx.wallClock);
  if (!startedAt) return err(`start time "${f.start.slice(0, 30)}" is not a date and time`);
  let disposition = parseDisposition(f.disposition);
  if (!disposition) return err(`unknown disposition "${f.disposition.slice(0, 30)}"`);
  const duration = seconds(f.duration, 'duration');
  if (!duration.ok) return duration;
  const billsec = seconds(f.billsec, 'billsec');
  if (!billsec.ok) return billsec;

  const endText = f.end?.trim() ?? '';
  let endedAt: Date | null = null;
  if (endText !== '') {
    endedAt = parseCallTime(endText, ctx.wallClock);
    if (!endedAt) return err(`end time "${endText.slice(0, 30)}" is not a date and time`);
  } else if (duration.value !== null) endedAt = new Date(startedAt.getTime() + duration.value * 1000);
  if (!endedAt) return err('neither an end time nor a duration');
  if (endedAt < startedAt) return err('ends before it starts');

  const answerText = f.answer?.trim() ?? '';
  let answeredAt: Date | null = null;
  if (answerText !== '') {
    answeredAt = parseCallTime(answerText, ctx.wallClock);
    if (!answeredAt) return err(`answer time "${answerText.slice(0, 30)}" is not a date and time`);
  }
  const durationS = duration.value ?? Math.round((endedAt.getTime() - startedAt.getTime()) / 1000);
  let billsecS =
    billsec.value ?? (answeredAt ? Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000) : 0);
  if (disposition === 'ANSWERED' && billsecS === 0 && ctx.zeroBillsecIsUnanswered) disposition = 'NO ANSWER';
  if (disposition === 'ANSWERED') answeredAt ??= startedAt;
  else {
    answeredAt = null;
    billsecS = 0;
  }
  const caller = f.caller.trim().slice(0, 80);
  const callee = f.callee.trim().slice(0, 80);
  if (caller === '' && callee === '') return err('neither caller nor callee');
  return ok({
    sourceId,
    startedAt,
    answeredAt,
    endedAt,
    caller,
    callee,
    disposition,
    durationS,
    billsecS,
    isDeskCall: ctx.isHotline(callee),
  });
}
