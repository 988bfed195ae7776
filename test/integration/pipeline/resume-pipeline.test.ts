import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../../adapters/queue/queue-names.js';
import { createRedisConnection } from '../../../adapters/queue/redis-connection.js';
import { startWorkers } from '../../../workers/main.js';
import { pino } from 'pino';
import { inbound } from '../../support/inbound.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';

/** Makes every classify job give up at once, as if the database had been down past all retries. */
async function failEveryClassifyJob(p: Pipeline, count: number): Promise<void> {
  const connection = createRedisConnection(p.redisUrl, 'worker');
  let failed = 0;
  const worker = new Worker(
    QUEUES.classify,
    async () => {
      throw new UnrecoverableError('database unreachable (simulated)');
    },
    { connection, prefix: p.prefix },
  );
  await new Promise<void>((resolve) => worker.on('failed', () => ++failed === count && resolve()));
  await worker.close();
  await connection.quit();
}

describe('resume the pipeline when workers start', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ workers: false, inline: false });
  });
  afterAll(async () => p?.close());

  it('queues lost steps, revives steps that gave up, and then every ticket is dispatched', async () => {
    const lost = await p.useCases.ingest.execute(
      inbound({ text: '电脑蓝屏', fields: { location: '科研楼' } }),
    );
    const gaveUp = await p.useCases.ingest.execute(
      inbound({ text: '打印机卡纸', fields: { location: '行政楼' } }),
    );
    if (!lost.ok || !gaveUp.ok) throw new Error('ingest failed');
    // One classify job vanishes (Redis lost it); the other fails for good.
    await p.scheduler.queue(QUEUES.classify).remove(`classify-${lost.value.ticketId}`);
    await failEveryClassifyJob(p, 1);
    expect(await p.scheduler.queue(QUEUES.classify).getJobCountByTypes('failed')).toBe(1);

    const summary = await p.useCases.resumePipeline.execute();
    expect(summary).toEqual({ checked: 2, added: 1, retried: 1 });
    // Running it again changes nothing: both steps are now waiting.
    expect(await p.useCases.resumePipeline.execute()).toEqual({ checked: 2, added: 0, retried: 0 });

    const pool = startWorkers({
      redisUrl: p.redisUrl,
      prefix: p.prefix,
      concurrency: 4,
      logger: pino({ level: 'silent' }),
      useCases: p.useCases,
    });
    try {
      for (const outcome of [lost.value, gaveUp.value]) {
        await p.waitForTicket(outcome.ticketNumber, (t) => t.status === 'dispatched');
        // Finished means the reporter has the acknowledgement too.
        await expect
          .poll(async () => (await p.tickets.messages(outcome.ticketId)).some((m) => m.direction === 'out'))
          .toBe(true);
      }
    } finally {
      await pool.close();
    }
    expect(await p.useCases.resumePipeline.execute()).toEqual({ checked: 0, added: 0, retried: 0 });
  });
});
