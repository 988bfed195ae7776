import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { BullmqJobScheduler } from '../../../adapters/queue/bullmq-job-scheduler.js';
import {
  InlinePipelineScheduler,
  type InlineSteps,
} from '../../../adapters/queue/inline-pipeline-scheduler.js';
import { notifyQueue, QUEUES } from '../../../adapters/queue/queue-names.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import { err, ok } from '../../../core/shared/result.js';
import { retryable } from '../../../core/use-cases/use-case.errors.js';
import { inbound } from '../../support/inbound.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('the pipeline runs its steps in the intake job', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(async () => p?.close());

  it('a report is dispatched and acknowledged without a classify, dispatch or notify-web job', async () => {
    const receipt = await p.intake.submit(
      inbound({ text: '打印机卡纸了', fields: { location: '行政楼305' } }),
      {
        waitMs: 5000,
      },
    );
    if (receipt.status !== 'processed') throw new Error(`not processed: ${receipt.status}`);
    // The intake job finished only after the whole chain ran inside it.
    const t = await p.tickets.findByNumber(receipt.ticketNumber);
    expect(t?.status).toBe('dispatched');
    const out = (await p.tickets.messages(t!.id)).filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    for (const name of [QUEUES.classify, QUEUES.dispatch, notifyQueue('web')]) {
      const counts = await p.scheduler.queue(name).getJobCounts();
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        name,
      ).toBe(0);
    }
  });
});

describe('InlinePipelineScheduler falls back to the queue', () => {
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  let queue: BullmqJobScheduler;
  beforeAll(() => {
    queue = new BullmqJobScheduler({ redisUrl: inject('redisUrl'), prefix });
  });
  afterAll(async () => queue?.close());

  const note = (channel: Notification['channel']): Notification => ({
    id: randomUUID(),
    channel,
    purpose: 'acknowledgement',
    ticketId: 't1',
    ticketNumber: 'INC-1',
    to: { personId: null, name: 'x', address: 'x@example.edu.cn', conversationId: null },
    text: 'hello',
  });

  async function queued(name: string, id: string): Promise<boolean> {
    return (await queue.queue(name).getJob(id)) !== undefined;
  }

  it('queues a step that failed, or threw, and not one that succeeded', async () => {
    const ran: string[] = [];
    const steps: InlineSteps = {
      classify: async (id) => {
        ran.push(`classify ${id}`);
        return id === 'fails' ? err(retryable('TICKET_CONCURRENT_UPDATE', 'raced')) : ok({});
      },
      dispatch: async (id) => {
        ran.push(`dispatch ${id}`);
        throw new Error('connection lost');
      },
      deliverWeb: async () => ok({ recorded: true }),
    };
    const scheduler = new InlinePipelineScheduler(queue, silent);

    // Before the steps are attached everything is queued.
    await scheduler.enqueue({ kind: 'classify', ticketId: 'early' });
    expect(await queued(QUEUES.classify, 'classify-early')).toBe(true);

    scheduler.attach(steps);
    await scheduler.enqueue({ kind: 'classify', ticketId: 'works' });
    await scheduler.enqueue({ kind: 'classify', ticketId: 'fails' });
    await scheduler.enqueue({ kind: 'dispatch', ticketId: 'throws' });
    expect(ran).toEqual(['classify works', 'classify fails', 'dispatch throws']);
    expect(await queued(QUEUES.classify, 'classify-works')).toBe(false);
    expect(await queued(QUEUES.classify, 'classify-fails')).toBe(true);
    expect(await queued(QUEUES.dispatch, 'dispatch-throws')).toBe(true);
  });

  it('delivers web notifications in place and queues other channels for their notifier', async () => {
    const delivered: string[] = [];
    const scheduler = new InlinePipelineScheduler(queue, silent);
    scheduler.attach({
      classify: async () => ok({}),
      dispatch: async () => ok({}),
      deliverWeb: async (job) => {
        delivered.push(job.notification.channel);
        return ok({ recorded: true });
      },
    });
    const web = note('web');
    const mail = note('email');
    await scheduler.enqueue({ kind: 'notify', notification: web });
    await scheduler.enqueue({ kind: 'notify', notification: mail });
    expect(delivered).toEqual(['web']);
    expect(await queue.queue(notifyQueue('web')).count()).toBe(0);
    expect(await queue.queue(notifyQueue('email')).count()).toBe(1);
  });
});
