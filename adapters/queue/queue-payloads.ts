import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CHANNELS, type Channel } from '../../core/inbound/channel.js';

/** Payloads are parsed by the worker before any logic: a bad one fails once, visibly, and is not retried. */
export const ticketJobSchema = z.object({ ticketId: z.string().uuid() });
export type TicketJobPayload = z.infer<typeof ticketJobSchema>;

export const notificationSchema = z.object({
  id: z.string().min(1).max(300),
  channel: z.enum(CHANNELS),
  purpose: z.enum([
    'acknowledgement',
    'dispatch',
    'triage',
    'status',
    'reply',
    'question',
    'reminder',
    'escalation',
    'breach',
    'satisfaction',
    'complaint',
    'handover',
    'report',
    'callback',
    'alert',
  ]),
  ticketId: z.string().uuid().nullable(),
  ticketNumber: z.string().nullable(),
  to: z.object({
    personId: z.string().nullable(),
    name: z.string(),
    address: z.string().nullable(),
    conversationId: z.string().nullable(),
  }),
  text: z.string().min(1),
});

/** Job ids may not contain ':'; hashing also bounds the length of a channel's external id. */
export function safeJobId(...parts: string[]): string {
  return parts.map((p) => (/^[\w.-]{1,100}$/.test(p) ? p : sha(p))).join('-');
}

const sha = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

/** The intake job id derives from the message identity: a redelivered message is one job. */
export const intakeJobId = (channel: Channel, externalId: string): string =>
  `intake-${channel}-${sha(externalId)}`;

export const burstJobSchema = z.object({ draftId: z.string().min(1).max(100) });
