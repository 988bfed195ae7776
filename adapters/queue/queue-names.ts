import type { Channel } from '../../core/inbound/channel.js';

/**
 * Every queue deskbot uses, in one place. BullMQ forbids ':' in queue names and job ids, so
 * DESIGN.md's `notify:<channel>` is spelled `notify-<channel>` here.
 */
export const QUEUES = {
  intake: 'intake',
  classify: 'classify',
  dispatch: 'dispatch',
  /** Delayed jobs that end a chat reporter's burst window (job id `burst-<draftId>-<at>`). */
  chatBurst: 'chat-burst',
} as const;

export const notifyQueue = (channel: Channel): `notify-${Channel}` => `notify-${channel}`;

export type PipelineQueue = (typeof QUEUES)[keyof typeof QUEUES];
