import type { Channel } from '../inbound/channel.js';

export type NotificationPurpose =
  | 'acknowledgement'
  | 'dispatch'
  | 'triage'
  | 'status'
  /** The answer to a chat command or question. */
  | 'reply'
  /** The bot asks the reporter for missing details. */
  | 'question'
  | 'reminder'
  | 'escalation'
  | 'breach'
  | 'satisfaction'
  | 'complaint'
  | 'handover'
  | 'report'
  | 'callback'
  /** Operational alert to staff (a channel went down, a bot logged out). */
  | 'alert';

/** Something to say to someone on a channel. Carried out by that channel's notifier. */
export interface Notification {
  /** Deterministic: the same notification is never sent twice. */
  id: string;
  channel: Channel;
  purpose: NotificationPurpose;
  ticketId: string | null;
  ticketNumber: string | null;
  to: {
    personId: string | null;
    name: string;
    /** Channel address: mail address, chat user id, phone number. */
    address: string | null;
    /** Group chat / thread to answer in, when the report came from one. */
    conversationId: string | null;
  };
  text: string;
  /** Copied recipients where the channel has such a thing (mail: the manager on a handover). */
  cc?: Array<{ name: string; address: string }>;
}

export type PipelineJob =
  | { kind: 'classify'; ticketId: string }
  | { kind: 'dispatch'; ticketId: string }
  | { kind: 'notify'; notification: Notification };

/** Hands work to the queue. Job ids are deterministic, so enqueueing twice is harmless. */
export interface JobScheduler {
  enqueue(job: PipelineJob): Promise<void>;
  /** Like enqueue, but revives a job with the same id that gave up; says which it did. */
  requeue(job: PipelineJob): Promise<'added' | 'retried' | 'pending'>;
}
