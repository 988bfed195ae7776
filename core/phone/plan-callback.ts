import type { DeskSettings } from '../desk/desk-settings.js';
import type { Person } from '../desk/person.js';
import type { Channel } from '../inbound/channel.js';
import { peopleOnShift } from '../dispatch/shift-calendar.js';
import { addressOn, preferredStaffChannel } from '../notify/contact-address.js';
import type { Notification } from '../ports/job-scheduler.port.js';
import { isMissed, type CallRecord } from './call-record.js';

export interface CallbackInput {
  call: CallRecord;
  /** The roster entry whose phone is the caller's number, if any. */
  caller: Person | null;
  people: readonly Person[];
  desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'>;
  staffChannels: ReadonlySet<Channel>;
  now: Date;
  maxAgeMinutes: number;
}

export type CallbackPlan =
  | { kind: 'none'; reason: string }
  | { kind: 'callback'; assigneeId: string; notification: Notification | null };

/** A stable spread of call-backs over the desk engineers on duty (no state to keep). */
function pick(ids: string[], key: string): string | undefined {
  let h = 0;
  for (let i = 0; i < key.length; i += 1) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return ids[h % ids.length];
}

function callbackText(call: CallRecord, caller: Person | null): string {
  const who = caller
    ? `${caller.name}${caller.department ? `（${caller.department}）` : ''} ${call.caller}`
    : call.caller || '未知号码';
  const outcome =
    call.disposition === 'BUSY' ? '遇忙' : call.disposition === 'NO ANSWER' ? '未接' : '呼叫失败';
  return `【回拨】服务台热线${outcome}来电：${who}，来电时间 ${call.startedAt.toISOString()}。请尽快回拨并登记工单。`;
}

/**
 * A missed hotline call becomes a call-back task for a desk engineer on duty at the time of the
 * call (else any active desk engineer), told privately on their chat channel or by mail.
 * The notification id is derived from the call, so however often the call is reported it is sent once.
 */
export function planCallback(input: CallbackInput): CallbackPlan {
  const { call } = input;
  if (!call.isDeskCall) return { kind: 'none', reason: 'not a hotline call' };
  if (!isMissed(call)) return { kind: 'none', reason: 'answered' };
  if (input.now.getTime() - call.startedAt.getTime() > input.maxAgeMinutes * 60_000)
    return { kind: 'none', reason: 'history: older than phone.callbackMaxAgeMinutes' };
  const desk = input.people.filter((p) => p.role === 'desk' && p.active);
  const onShift = peopleOnShift(input.desk, call.startedAt);
  const onDuty = desk.filter((p) => onShift.has(p.id));
  const pool = (onDuty.length > 0 ? onDuty : desk).map((p) => p.id).sort();
  const assigneeId = pick(pool, call.sourceId);
  const assignee = desk.find((p) => p.id === assigneeId);
  if (!assignee) return { kind: 'none', reason: 'no desk engineer in the roster' };
  const channel = preferredStaffChannel(assignee, input.staffChannels);
  const notification: Notification | null = channel
    ? {
        id: `callback:${call.sourceId}`,
        channel,
        purpose: 'callback',
        ticketId: null,
        ticketNumber: null,
        to: {
          personId: assignee.id,
          name: assignee.name,
          address: addressOn(channel, assignee),
          conversationId: null,
        },
        text: callbackText(call, input.caller),
      }
    : null;
  return { kind: 'callback', assigneeId: assignee.id, notification };
}
