import type { Job } from 'bullmq';
import { z } from 'zod';
import type { DeliveryOutcome, EmailNotifier } from '../adapters/email/email-notifier.js';
import { CHANNELS } from '../core/inbound/channel.js';
import type { Notification } from '../core/ports/job-scheduler.port.js';
import { parsePayload } from './use-case-outcome.js';

/** Every purpose can go by mail (handover and satisfaction included), with an optional copy list. */
const mailNotificationSchema = z.object({
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
  ticketId: z.string().nullable(),
  ticketNumber: z.string().nullable(),
  to: z.object({
    personId: z.string().nullable(),
    name: z.string(),
    address: z.string().nullable(),
    conversationId: z.string().nullable(),
  }),
  text: z.string().min(1),
  cc: z.array(z.object({ name: z.string(), address: z.string().min(3) })).optional(),
});

/** notify-email: one mail per notification; an SMTP failure throws and the queue retries it. */
export const notifyEmailProcessor =
  (notifier: EmailNotifier) =>
  async (job: Job): Promise<DeliveryOutcome> =>
    notifier.deliver(parsePayload(mailNotificationSchema, job.data) as Notification);
