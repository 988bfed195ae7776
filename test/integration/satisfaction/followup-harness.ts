import { pino } from 'pino';
import type { JobType } from 'bullmq';
import { notifyQueue } from '../../../adapters/queue/queue-names.js';
import { startTimerRole, type TimerRole } from '../../../cli/runtime/timers-role.js';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import type { Channel } from '../../../core/inbound/channel.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import type { Ticket } from '../../../core/tickets/ticket.entity.js';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { transition } from '../../../core/tickets/ticket-lifecycle.js';
import type { TicketAction } from '../../../core/tickets/ticket-transitions.js';
import { appDeps, serve, type Served } from '../http/http-harness.js';
import { inbound } from '../../support/inbound.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';

const STATES: JobType[] = ['waiting', 'delayed', 'prioritized', 'active', 'completed', 'failed'];

/** The real pipeline, its timer worker and the HTTP app with the follow-up routes, on loopback. */
export interface FollowupRig {
  p: Pipeline;
  role: TimerRole;
  http: Served;
  /** A web report, through the pipeline, as stored once dispatched (or in triage). */
  report(text?: string): Promise<Ticket>;
  /** Lifecycle actions as people would take them, saved through the observed repository. */
  walk(ticket: Ticket, actions: TicketAction[]): Promise<Ticket>;
  /** Every notification queued on a channel (any state), optionally of one purpose. */
  queued(channel: Channel, purpose?: Notification['purpose']): Promise<Notification[]>;
  close(): Promise<void>;
}

export async function openFollowupRig(desk: DeskSettings, enabledChannels: Channel[]): Promise<FollowupRig> {
  const p = await startPipeline({ desk, enabledChannels });
  const role = await startTimerRole({
    timers: p.timers,
    redisUrl: p.redisUrl,
    prefix: p.prefix,
    logger: pino({ level: 'silent' }),
  });
  const http = await serve(appDeps({ ...p, desk }, { followups: p.followups }));
  return {
    p,
    role,
    http,
    async report(text = '行政楼305 打印机卡纸了，打印不出来') {
      const receipt = await p.intake.submit(inbound({ text }), { waitMs: 10_000 });
      if (receipt.status !== 'processed') throw new Error('intake did not run');
      return p.waitForTicket(
        receipt.ticketNumber,
        (t) => t.status === 'dispatched' || t.status === 'accepted',
      );
    },
    async walk(ticket, actions) {
      let t = ticket;
      for (const action of actions) {
        const fresh = await p.tickets.findById(t.id);
        if (!fresh) throw new Error('gone');
        const moved = transition(fresh, action, {
          at: new Date(),
          actor: SYSTEM('test'),
          channel: 'system',
          ...(action === 'accept' ? { ownerId: 'desk-a' } : {}),
        });
        if (!moved.ok) throw new Error(moved.error.message);
        const saved = await p.tickets.save(moved.value.ticket, [moved.value.event]);
        if (!saved.ok) throw new Error(saved.error.message);
        t = saved.value;
      }
      return t;
    },
    async queued(channel, purpose) {
      const jobs = await p.scheduler.queue(notifyQueue(channel)).getJobs(STATES);
      return jobs.map((j) => j.data as Notification).filter((n) => !purpose || n.purpose === purpose);
    },
    async close() {
      await http.close();
      await role.close();
      await p.close();
    },
  };
}

export const waitUntil = async (
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Hours as the desk.yaml keys take them, from seconds (BullMQ delays of a few seconds). */
export const seconds = (s: number): number => s / 3600;
