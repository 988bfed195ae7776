import { sql } from 'drizzle-orm';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { BullmqJobScheduler } from '../../../adapters/queue/bullmq-job-scheduler.js';
import { createMixedTokenizer, shippedCorpus, TriageModelHolder } from '../../../adapters/classify/index.js';
import { DrizzleTriageModelRepository } from '../../../adapters/db/triage-model.repository.js';
import { triageCorrections, triageModels } from '../../../adapters/db/schema/index.js';
import { startTriageRole } from '../../../cli/runtime/triage-role.js';
import { DEFAULT_TRIAGE_SETTINGS } from '../../../core/classify/triage-settings.js';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { ClassifyTicketUseCase } from '../../../core/use-cases/classify-ticket/index.js';
import { ReclassifyTicketUseCase } from '../../../core/use-cases/reclassify-ticket/index.js';
import { RETRAIN_QUEUE, RETRAIN_SCHEDULER_ID } from '../../../workers/retrain.worker.js';
import { inbound } from '../../support/inbound.js';
import { UseCaseHarness } from '../use-cases/use-case-harness.js';

const quiet = pino({ level: 'silent' });
const LONG = 240_000;

describe('learning triage on PGlite and BullMQ', () => {
  let h: UseCaseHarness;
  let models: DrizzleTriageModelRepository;
  const tokenizer = () => createMixedTokenizer(h.desk.categories.flatMap((c) => [c.name, ...c.keywords]));
  beforeAll(async () => {
    h = await UseCaseHarness.open();
    models = new DrizzleTriageModelRepository(h.database.db);
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    await h.reset();
    await h.database.db.execute(sql`truncate triage_models, triage_corrections restart identity`);
  });

  const classifyWith = (holder?: TriageModelHolder) =>
    new ClassifyTicketUseCase({
      ...{ tickets: h.tickets, people: h.people, jobs: h.scheduler, clock: h.clock, desk: h.desk },
      tokenizer: tokenizer(),
      ...(holder ? { triage: holder } : {}),
    });
  const reclassify = () =>
    new ReclassifyTicketUseCase({ tickets: h.tickets, models, jobs: h.scheduler, clock: h.clock });
  const newTicket = async (text: string): Promise<string> => {
    const r = await h.ingest().execute(inbound({ text }));
    if (!r.ok) throw new Error(r.error.message);
    return r.value.ticketId;
  };

  it('stores and reads models and corrections through Drizzle', async () => {
    expect(await models.latestVersion()).toBeNull();
    const model = {
      category: {
        kind: 'multinomial-nb' as const,
        labels: ['a', 'b'],
        alpha: 1,
        docs: [1, 1],
        counts: { 'w:x': [1, 0] },
      },
      type: null,
      priority: null,
      examples: 2,
    };
    const saved = await models.save({
      createdAt: new Date('2026-11-23T02:00:00Z'),
      algorithm: 'nb',
      examples: 2,
      corrections: 0,
      metrics: { cv_accuracy: 0.5 },
      model,
    });
    expect(saved.version).toBe(1);
    expect(await models.latestVersion()).toBe(1);
    expect(await models.latest()).toEqual(saved);
    const c = await models.addCorrection({
      ticketId: null,
      text: '投影仪不亮',
      label: '视频系统',
      previous: '其他',
      actor: 'person:desk-zao-1',
      at: new Date('2026-11-23T02:01:00Z'),
    });
    expect(await models.corrections()).toEqual([c]);
    const [row] = await h.database.db.select().from(triageCorrections);
    expect(row).toMatchObject({ label: '视频系统', previous: '其他' });
    expect((await h.database.db.select().from(triageModels)).length).toBe(1);
  });

  it('sends an unsure report to desk triage with the top three; the correction dispatches it and becomes an example', async () => {
    const id = await newTicket('麻烦来看一下，弄不好了');
    const outcome = await classifyWith().execute(id);
    expect(outcome.ok && 'route' in outcome.value && outcome.value.route).toBe('desk_triage');
    const triage = (await h.tickets.events(id)).find((e) => e.type === 'triage_needed');
    expect(triage?.data.route).toBe('desk_triage');
    const suggestions = triage?.data.suggestions as Array<{ label: string; p: number }>;
    expect(suggestions).toHaveLength(3);
    expect(await h.dispatchJobs(id)).toHaveLength(0);
    // The reporter is not left waiting in silence: the ticket number goes out, no engineer named yet.
    const ack = (await h.notifications(id)).find((n) => n.purpose === 'acknowledgement');
    expect(ack?.text).toContain('服务台正在安排工程师');

    const desk = { kind: 'person' as const, id: 'desk-zao-1', name: '服务台' };
    const fixed = await reclassify().execute({
      ticketId: id,
      category: '打印机',
      priority: 'P2',
      actor: desk,
    });
    if (!fixed.ok) throw new Error(fixed.error.message);
    expect(fixed.value.dispatchQueued).toBe(true);
    expect(fixed.value.ticket).toMatchObject({ category: '打印机', priority: 'P2', categoryConfidence: 1 });
    expect(await h.dispatchJobs(id)).toHaveLength(1);
    const events = await h.tickets.events(id);
    expect(events.at(-1)).toMatchObject({
      type: 'reclassified',
      data: { fromTriage: true, to: { category: '打印机' } },
    });
    expect(await models.corrections()).toMatchObject([
      { ticketId: id, label: '打印机', previous: '其他', actor: 'person:desk-zao-1' },
    ]);

    // Corrected again once dispatched: recorded, but no second dispatch.
    const dispatched = await h.dispatch().execute(id);
    expect(dispatched.ok && 'assigneeId' in dispatched.value).toBe(true);
    const again = await reclassify().execute({ ticketId: id, category: '电脑', actor: SYSTEM('api') });
    expect(again.ok && again.value.dispatchQueued).toBe(false);
    const bad = await reclassify().execute({
      ticketId: id,
      category: '咖啡机' as never,
      actor: SYSTEM('api'),
    });
    expect(!bad.ok && bad.error.code).toBe('RECLASSIFY_UNKNOWN_CATEGORY');
  });

  it(
    'day one: trains version 1 from the shipped corpus, schedules retraining, and a correction reaches a running holder without restart',
    async () => {
      const holder = new TriageModelHolder(models, h.desk.categories, quiet);
      const redisUrl = inject('redisUrl');
      const prefix = `triage-${randomUUID().slice(0, 8)}`;
      const scheduler = new BullmqJobScheduler({ redisUrl, prefix });
      const role = await startTriageRole({
        triage: { holder, models, tokenizer: tokenizer() },
        categories: h.desk.categories,
        settings: { ...DEFAULT_TRIAGE_SETTINGS, retrainMinutes: 30 },
        ...{ scheduler, redisUrl, prefix },
        ...{ clock: h.clock, logger: quiet, corpus: shippedCorpus() },
      });
      try {
        expect(role.version).toBe(1);
        const v1 = await models.latest();
        expect(v1).toMatchObject({
          version: 1,
          algorithm: 'softmax-regression+keyword-priors',
          corrections: 0,
        });
        expect(v1?.examples).toBeGreaterThan(1700);
        expect(v1?.metrics.cv_accuracy).toBeGreaterThan(0.8);
        const schedulers = await scheduler.queue(RETRAIN_QUEUE).getJobSchedulers();
        expect(schedulers.map((s) => [s.key, s.every])).toEqual([[RETRAIN_SCHEDULER_ID, 30 * 60_000]]);

        // With the model, a plain report that the rules alone were unsure of is dispatched.
        const plain = await newTicket('三楼会议室投影没信号');
        const done = await classifyWith(holder).execute(plain);
        expect(done.ok && 'route' in done.value && done.value.route).toBe('dispatch');
        expect((await h.tickets.events(plain)).find((e) => e.type === 'classified')?.data).toMatchObject({
          source: 'model+rules',
          modelVersion: 1,
        });

        // Another worker process polls; the retrain job (run now rather than in 30 minutes) makes v2.
        const other = new TriageModelHolder(models, h.desk.categories, quiet);
        other.start(1);
        await expect.poll(() => other.current().version, { timeout: 20_000 }).toBe(1);
        const id = await newTicket('黑屏，没有任何显示');
        await reclassify().execute({ ticketId: id, category: '视频系统', actor: SYSTEM('api') });
        await scheduler.queue(RETRAIN_QUEUE).add('retrain', {});
        await expect.poll(() => other.current().version, { timeout: LONG / 2, interval: 500 }).toBe(2);
        expect(await models.latest()).toMatchObject({ version: 2, corrections: 1 });
        other.stop();
      } finally {
        await role.close();
        holder.stop();
        await scheduler.close();
      }
    },
    LONG,
  );
});
