import type { TicketMessage } from '../ports/ticket.repository.port.js';
import type { StoredTicketEvent } from '../tickets/ticket-event.js';
import type { Ticket } from '../tickets/ticket.entity.js';

const MAX = 200;

const clip = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX ? `${flat.slice(0, MAX - 1)}…` : flat;
};

const noteOf = (e: StoredTicketEvent): string | null => {
  for (const key of ['note', 'text', 'progress', 'reason']) {
    const v = e.data[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
};

/**
 * 最新进展 for a handover: the newest work-log note or conversation line, whichever is later;
 * without either, the ticket's latest recorded step.
 */
export function progressSummary(
  ticket: Ticket,
  events: readonly StoredTicketEvent[],
  messages: readonly TicketMessage[],
): { text: string; at: Date | null } {
  const candidates: Array<{ text: string; at: Date }> = [];
  for (const e of events) {
    const note = e.type === 'noted' || e.type === 'pended' ? noteOf(e) : null;
    if (note) candidates.push({ text: note, at: e.at });
  }
  // What the desk itself sent (acknowledgements, prompts) says nothing new about the fault.
  for (const m of messages)
    if (m.direction === 'in' && m.text.trim() !== '')
      candidates.push({ text: `${m.senderName}：${m.text}`, at: m.at });
  candidates.sort((a, b) => b.at.getTime() - a.at.getTime());
  const latest = candidates[0];
  if (latest) return { text: clip(latest.text), at: latest.at };
  const last = events.at(-1);
  return { text: `状态：${ticket.status}`, at: last?.at ?? null };
}
