import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, inject, it } from 'vitest';
import { BullmqTimerScheduler } from '../../../adapters/timers/bullmq-timer-scheduler.js';
import { TIMER_SWEEP_JOB, timerJobId } from '../../../adapters/timers/timer-job.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { harnessPerBlock, RecordingHandler, type TimerHarness, waitUntil } from './timer-harness.js';

const inMs = (ms: number): Date => new Date(Date.now() + ms);

// The timer store's statements run on both databases deskbot supports.
const stores = [
  { store: 'PGlite', databaseUrl: async (): Promise<string | undefined> => undefined },
  { store: 'a PostgreSQL server', databaseUrl: () => createTestDatabase(inject('postgresUrl')) },
];

describe.each(stores)('durable timers on BullMQ delayed jobs, stored in $store', ({ databaseUrl }) => {
  const handler = new RecordingHandler();
  let h: TimerHarness;
  harnessPerBlock(handler, databaseUrl, {}, (opened) => (h = opened));

  it('fires each timer once, never early and within seconds of its due time, and marks the row fired', async () => {
    await h.startWorker();
    const { scheduler } = h.timers;
    await scheduler.schedule({ ticketId: 't1', kind: 'test.remind', n: 0, dueAt: inMs(1_200), data: {} });
    await scheduler.schedule({
      ticketId: 't1',
      kind: 'test.breach',
      n: 0,
      dueAt: inMs(1_800),
      data: { a: 1 },
    });
    await waitUntil(() => handler.firings.length === 2);
    await delay(500);
    expect(handler.firings).toHaveLength(2);
    for (const f of handler.firings) {
      expect(f.firedAt - f.dueAt).toBeGreaterThanOrEqual(-5);
      // The target is 1 s (measured by the bench); on a 2-core machine shared by parallel test files the
      // margin is wider, yet far below the ~5-minute sweeps other desks use.
      expect(f.firedAt - f.dueAt).toBeLessThanOrEqual(3_000);
    }
    const rows = await scheduler.list('t1', 'test.');
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['test.remind', 'fired'],
      ['test.breach', 'fired'],
    ]);
    expect(rows.every((r) => r.firedAt !== null)).toBe(true);
  });

  it('a moved timer fires only at its new time, a cancelled one never', async () => {
    await h.startWorker();
    const { scheduler } = h.timers;
    await scheduler.schedule({ ticketId: 't2', kind: 'test.moved', n: 0, dueAt: inMs(800), data: {} });
    await scheduler.schedule({ ticketId: 't2', kind: 'test.dropped', n: 0, dueAt: inMs(800), data: {} });
    const later = inMs(2_000);
    await scheduler.schedule({ ticketId: 't2', kind: 'test.moved', n: 0, dueAt: later, data: {} });
    expect(await scheduler.cancel({ ticketId: 't2', kind: 'test.dropped', n: 0 })).toBe(true);
    await waitUntil(() => handler.firings.length === 1);
    await delay(1_000);
    expect(handler.firings.map((f) => f.key)).toEqual(['t2/test.moved/0']);
    expect(handler.firings[0]?.dueAt).toBe(later.getTime());
    expect(handler.firings[0]!.firedAt).toBeGreaterThanOrEqual(later.getTime() - 5);
    const dropped = await h.timers.store.find({ ticketId: 't2', kind: 'test.dropped', n: 0 });
    expect(dropped?.state).toBe('cancelled');
  });

  it('scheduling the same timer twice keeps one job and one version', async () => {
    const { scheduler, queue } = h.timers;
    const spec = { ticketId: 't3', kind: 'test.same', n: 2, dueAt: inMs(60_000), data: { x: 'y' } };
    await scheduler.schedule(spec);
    await scheduler.schedule({ ...spec, dueAt: new Date(spec.dueAt) });
    const row = await h.timers.store.find(spec);
    expect(row?.version).toBe(1);
    expect(await queue.getDelayedCount()).toBe(1);
    expect(await queue.getJob(timerJobId({ ...spec, version: 1 }))).toBeTruthy();
  });

  it('scheduleMany writes new and moved timers in one go and leaves unchanged ones alone', async () => {
    const { scheduler, queue } = h.timers;
    const at = inMs(60_000);
    const a = { ticketId: 't4', kind: 'test.a', n: 0, dueAt: at, data: { p: 50 } };
    const b = { ticketId: 't4', kind: 'test.b', n: 0, dueAt: at, data: { p: 80 } };
    await scheduler.scheduleMany([a, b]);
    expect(await queue.getDelayedCount()).toBe(2);
    const moved = { ...b, dueAt: inMs(90_000) };
    const c = { ticketId: 't4', kind: 'test.c', n: 1, dueAt: at, data: {} };
    await scheduler.scheduleMany([{ ...a, data: { p: 50 } }, moved, c]);
    const rows = await scheduler.list('t4', 'test.');
    const byKind = [...rows].sort((x, y) => x.kind.localeCompare(y.kind));
    expect(byKind.map((r) => [r.kind, r.version, r.dueAt.getTime()])).toEqual([
      ['test.a', 1, at.getTime()],
      ['test.b', 2, moved.dueAt.getTime()],
      ['test.c', 1, at.getTime()],
    ]);
    // The moved timer's old job is gone; one job per timer remains.
    expect(await queue.getJob(timerJobId({ ...b, version: 1 }))).toBeFalsy();
    expect(await queue.getJob(timerJobId({ ...b, version: 2 }))).toBeTruthy();
    expect(await queue.getDelayedCount()).toBe(3);
    await scheduler.scheduleMany([]);
    expect(await queue.getDelayedCount()).toBe(3);
  });

  it('concurrent schedules and lists for several subjects each get their own timers', async () => {
    const { scheduler, queue } = h.timers;
    const at = inMs(60_000);
    const spec = (ticketId: string, kind: string, data: Record<string, unknown> = {}) => ({
      ticketId,
      kind,
      n: 0,
      dueAt: at,
      data,
    });
    // Calls that arrive together share statements; the same subject twice must still work.
    await Promise.all([
      scheduler.scheduleMany([spec('c1', 'test.a'), spec('c1', 'other.b')]),
      scheduler.scheduleMany([spec('c2', 'test.a')]),
      scheduler.scheduleMany([spec('c1', 'test.a', { moved: true })]),
      scheduler.scheduleMany([spec('c3', 'test.a'), spec('c3', 'test.b')]),
    ]);
    const lists = await Promise.all([
      scheduler.list('c1', 'test.'),
      scheduler.list('c1'),
      scheduler.list('c2', 'test.'),
      scheduler.list('c3', 'test.'),
      scheduler.list('c9'),
    ]);
    expect(lists.map((l) => l.map((t) => `${t.ticketId}/${t.kind}`).sort())).toEqual([
      ['c1/test.a'],
      ['c1/other.b', 'c1/test.a'],
      ['c2/test.a'],
      ['c3/test.a', 'c3/test.b'],
      [],
    ]);
    // c1's test.a was written twice: the second write moved it (which one came second is a race).
    const c1a = lists[0]?.[0];
    expect(c1a?.version).toBe(2);
    expect([{}, { moved: true }]).toContainEqual(c1a?.data);
    // Every timer has the job of its current version.
    for (const t of lists.slice(1).flat()) expect(await queue.getJob(timerJobId(t))).toBeTruthy();
  });

  it('a worker killed between scheduling and firing: the next one fires every timer once', async () => {
    await h.startWorker();
    const { scheduler } = h.timers;
    for (let i = 0; i < 5; i++)
      await scheduler.schedule({
        ticketId: 't4',
        kind: 'test.remind',
        n: i,
        dueAt: inMs(1_500 + i * 100),
        data: {},
      });
    await h.killWorker();
    await delay(2_500); // all are due while nobody listens
    expect(handler.firings).toHaveLength(0);
    await h.startWorker();
    await waitUntil(() => handler.firings.length === 5);
    await delay(700);
    expect(handler.firings).toHaveLength(5);
    expect(new Set(handler.firings.map((f) => f.key)).size).toBe(5);
  });

  it('reconciliation re-adds lost jobs, fires overdue ones and removes orphans', async () => {
    const { scheduler, queue } = h.timers;
    await scheduler.schedule({ ticketId: 't5', kind: 'test.lost', n: 0, dueAt: inMs(-2_000), data: {} });
    await scheduler.schedule({ ticketId: 't5', kind: 'test.future', n: 0, dueAt: inMs(1_500), data: {} });
    await scheduler.schedule({ ticketId: 't5', kind: 'test.gone', n: 0, dueAt: inMs(60_000), data: {} });
    // Redis lost everything (say, a fresh server); a stray job with no row is left behind.
    await queue.obliterate({ force: true });
    await queue.add(
      'test.stray',
      { ticketId: 't5', kind: 'test.stray', n: 0, version: 1, dueAt: '' },
      {
        jobId: 'test-t5-stray-0-v1',
        delay: 60_000,
      },
    );
    await h.timers.store.cancel({ ticketId: 't5', kind: 'test.gone', n: 0 }, new Date());
    const role = await h.startWorker();
    expect(role.reconciliation).toEqual({
      active: 2,
      readded: 2,
      overdue: 1,
      deferred: 0,
      orphansRemoved: 1,
    });
    await waitUntil(() => handler.firings.length === 2);
    await delay(500);
    expect(handler.firings.map((f) => f.key).sort()).toEqual(['t5/test.future/0', 't5/test.lost/0']);
    expect(await queue.getJob('test-t5-stray-0-v1')).toBeUndefined();
    const again = await h.timers.reconcile();
    expect(again).toEqual({ active: 0, readded: 0, overdue: 0, deferred: 0, orphansRemoved: 0 });
  });

  it('a claimed timer acts once: a second delivery of the same version does nothing', async () => {
    const { scheduler, store, fire } = h.timers;
    await scheduler.schedule({ ticketId: 't6', kind: 'test.once', n: 0, dueAt: inMs(-10), data: {} });
    const cmd = { ticketId: 't6', kind: 'test.once', n: 0, version: 1 };
    // Two claims at once (two connections on the server): exactly one gets the row.
    const claims = await Promise.all([store.claim(cmd, 1), store.claim(cmd, 1)]);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    // That claim never completes, as if its worker died: the next delivery fires and completes it,
    // and one after that finds it done. (Deliveries of one job never overlap: BullMQ holds a job id
    // once and locks it while it runs, which is why a 'firing' row is taken for a dead claimer's.)
    expect(await fire.execute(cmd)).toMatchObject({ ok: true, value: { fired: true } });
    expect(await fire.execute(cmd)).toEqual({ ok: true, value: { fired: false, why: 'done' } });
    expect(handler.count('t6/test.once/0')).toBe(1);
    const stale = await fire.execute({ ...cmd, version: 0 });
    expect(stale.ok && stale.value).toEqual({ fired: false, why: 'moved' });
  });

  it('refuses kinds that are not family.name', async () => {
    await expect(
      h.timers.scheduler.schedule({ ticketId: 't7', kind: 'sla:response', n: 0, dueAt: inMs(1), data: {} }),
    ).rejects.toThrow(/family\.name/);
  });
});

describe.each(stores)('timers beyond the horizon, stored in $store', ({ databaseUrl }) => {
  const handler = new RecordingHandler();
  let h: TimerHarness;
  const jobOf = (ticketId: string, kind: string) =>
    h.timers.queue.getJob(timerJobId({ ticketId, kind, n: 0, version: 1 }));

  // Jobs only for timers due within 1 s; a sweep every 250 ms queues the rest as they come near.
  harnessPerBlock(handler, databaseUrl, { horizonMs: 1_000, sweepMs: 250 }, (opened) => (h = opened));

  it('a far timer waits in its table without a job, and the sweep queues it in time to fire when due', async () => {
    await h.startWorker();
    const { scheduler } = h.timers;
    const far = inMs(4_000);
    await scheduler.schedule({ ticketId: 'f1', kind: 'test.far', n: 0, dueAt: far, data: {} });
    await scheduler.scheduleMany([{ ticketId: 'f1', kind: 'test.near', n: 0, dueAt: inMs(300), data: {} }]);
    expect(await jobOf('f1', 'test.far')).toBeUndefined();
    expect(await jobOf('f1', 'test.near')).toBeTruthy();
    await waitUntil(() => handler.firings.length === 2);
    const f = handler.firings.find((x) => x.key === 'f1/test.far/0');
    expect(f?.dueAt).toBe(far.getTime());
    expect(f!.firedAt - f!.dueAt).toBeGreaterThanOrEqual(-5);
    expect(f!.firedAt - f!.dueAt).toBeLessThanOrEqual(3_000);
    // Later sweeps find the row fired and queue nothing again.
    await delay(800);
    expect(handler.count('f1/test.far/0')).toBe(1);
    expect(await scheduler.queueDue()).toBe(0);
  });

  it('a far timer cancelled before it comes near never fires, and no job is left for it', async () => {
    await h.startWorker();
    const { scheduler } = h.timers;
    const spec = { ticketId: 'f2', kind: 'test.far', n: 0, dueAt: inMs(2_500), data: {} };
    await scheduler.schedule(spec);
    expect(await scheduler.cancel(spec)).toBe(true);
    await delay(3_500);
    expect(handler.firings).toHaveLength(0);
    const timerJobs = (await h.timers.queue.getJobs(['delayed', 'waiting', 'active', 'failed'])).filter(
      (j) => j.name !== TIMER_SWEEP_JOB,
    );
    expect(timerJobs).toEqual([]);
  });

  it('refuses a sweep interval that is not shorter than the horizon', () => {
    const { store, queue } = h.timers.scheduler;
    expect(() => new BullmqTimerScheduler(store, queue, { horizonMs: 1_000, sweepMs: 1_000 })).toThrow(
      /sweep interval \(1000 ms\) must be above 0 and shorter than the horizon \(1000 ms\)/,
    );
    expect(() => new BullmqTimerScheduler(store, queue, { horizonMs: 1_000, sweepMs: 250 })).not.toThrow();
  });

  it('start-up reconciliation leaves a far timer to the sweep, which fires it', async () => {
    const { scheduler } = h.timers;
    await scheduler.schedule({ ticketId: 'f3', kind: 'test.far', n: 0, dueAt: inMs(3_000), data: {} });
    await scheduler.schedule({ ticketId: 'f3', kind: 'test.soon', n: 0, dueAt: inMs(500), data: {} });
    await h.timers.queue.obliterate({ force: true }); // Redis lost everything
    const role = await h.startWorker();
    // test.soon may have fallen due meanwhile on a busy machine, so `overdue` is not pinned.
    expect(role.reconciliation).toMatchObject({ active: 2, readded: 1, deferred: 1, orphansRemoved: 0 });
    await waitUntil(() => handler.firings.length === 2);
    expect(handler.firings.map((x) => x.key).sort()).toEqual(['f3/test.far/0', 'f3/test.soon/0']);
    // Another process starting now finds no orphan, and the sweep goes on: a far timer
    // scheduled after it still fires.
    expect(await h.timers.reconcile()).toMatchObject({ active: 0, orphansRemoved: 0 });
    await scheduler.schedule({ ticketId: 'f3', kind: 'test.later', n: 0, dueAt: inMs(2_500), data: {} });
    await waitUntil(() => handler.firings.length === 3);
    expect(handler.count('f3/test.later/0')).toBe(1);
  });
});
