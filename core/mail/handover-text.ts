import type { Notification } from '../ports/job-scheduler.port.js';

export interface HandoverTicketLine {
  number: string;
  /** 最新进展 */
  progress: string;
  /** What the successor must follow up. */
  followUp?: string;
}

export interface HandoverMailInput {
  /** Deterministic, e.g. `handover-<date>-<shift>-<from>-<to>`: a retried handover mails once. */
  id: string;
  /** 交接人 */
  from: { name: string };
  /** 被交接人: the successor, who receives the mail. */
  to: { personId: string | null; name: string; address: string };
  /** The operations manager(s), copied. */
  cc: Array<{ name: string; address: string }>;
  /** 交接班次, e.g. 早-中 */
  shift: string;
  tickets: HandoverTicketLine[];
  /** 其他备注 */
  notes?: string;
}

/** The handover record the rules ask for: ticket ids, latest progress, who to whom, shift, notes. */
export function handoverText(
  input: Omit<HandoverMailInput, 'id' | 'to' | 'cc'> & { toName: string },
): string {
  const lines = [
    `交接班次：${input.shift}`,
    `交接人：${input.from.name}    被交接人：${input.toName}`,
    `未完成工单（${input.tickets.length}）：`,
    ...input.tickets.map(
      (t) => `- ${t.number}  最新进展：${t.progress}${t.followUp ? `  待跟进：${t.followUp}` : ''}`,
    ),
  ];
  if (input.tickets.length === 0) lines.push('- 无');
  lines.push('', `其他备注：${input.notes?.trim() || '无'}`);
  return lines.join('\n');
}

/** The shift-handover mail as a notification for notify-email (successor, cc the manager). */
export function handoverNotification(input: HandoverMailInput): Notification {
  return {
    id: input.id,
    channel: 'email',
    purpose: 'handover',
    ticketId: null,
    ticketNumber: null,
    to: { personId: input.to.personId, name: input.to.name, address: input.to.address, conversationId: null },
    cc: input.cc,
    text: handoverText({ ...input, toName: input.to.name }),
  };
}
