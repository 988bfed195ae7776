import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DrizzlePersonRepository, openDatabase, type Database } from '../../../adapters/db/index.js';
import { BullmqJobScheduler } from '../../../adapters/queue/bullmq-job-scheduler.js';
import { notifyQueue } from '../../../adapters/queue/queue-names.js';
import { startDailyReportRole } from '../../../cli/runtime/daily-report-role.js';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import { countTickets, dayBefore, startOfLocalDay } from '../../../core/kpi/index.js';
import type { Notification } from '../../../core/ports/index.js';
import { localDate } from '../../../core/shared/local-time.js';
import { DAILY_REPORT_QUEUE } from '../../../workers/daily-report.worker.js';
import { createTestDatabase } from '../../support/postgres-server.js';
import { testDesk } from '../../support/test-desk.js';
import { generateTickets, insertTickets } from '../../unit/kpi/kpi-seed.js';

const base = testDesk();
const desk: DeskSettings = {
  ...base,
  people: [
    ...base.people,
    // A second manager nobody can reach: reported, not queued.
    { ...base.people.find((p) => p.id === 'mgr')!, id: 'mgr-2', name: '韩经理', email: null },
  ],
  reports: { dailyAt: '08:00', to: ['manager', 'eng-av'] },
};
const seeded = generateTickets(200, new Date('2026-03-01T00:00:00Z'), 12, 5);
const logger = pino({ level: 'silent' });

let database: Database;
let scheduler: BullmqJobScheduler;
let role: Awaited<ReturnType<typeof startDailyReportRole>>;

async function queuedReports(): Promise<Notification[]> {
  const jobs = await scheduler.queue(notifyQueue('email')).getJobs();
  return jobs.map((j) => j.data as Notification).filter((n) => n.purpose === 'report');
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  database = await openDatabase({
    databaseUrl: await createTestDatabase(inject('postgresUrl')),
    dataDir: tmpdir(),
  });
  await database.migrate();
  const people = new DrizzlePersonRepository(database.db);
  await people.syncRoster(desk.people);
  await insertTickets(database.db, seeded);
  scheduler = new BullmqJobScheduler({
    redisUrl: inject('redisUrl'),
    prefix: `daily-${randomBytes(4).toString('hex')}`,
  });
  role = await startDailyReportRole({
    desk,
    database,
    people,
    scheduler,
    enabledChannels: new Set(['web', 'email']),
    clock: { now: () => new Date() },
    redisUrl: inject('redisUrl'),
    prefix: scheduler.settings.prefix,
    logger,
    // Every two seconds instead of 08:00, so the schedule runs several times within the test.
    pattern: '*/2 * * * * *',
  });
}, 120_000);

afterAll(async () => {
  await role?.close();
  for (const name of [DAILY_REPORT_QUEUE, notifyQueue('email')])
    await scheduler
      .queue(name)
      .obliterate({ force: true })
      .catch(() => undefined);
  await scheduler?.close();
  await database?.close();
});

describe('daily KPI report push', () => {
  it('the schedule queues yesterday’s report once per manager and day, by mail, however often it runs', async () => {
    const queue = scheduler.queue(DAILY_REPORT_QUEUE);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['daily-kpi-report']);
    expect(schedulers[0]?.tz).toBe('Asia/Shanghai');
    // Three runs of the schedule, each queueing the same notifications again.
    await until('three scheduled runs', async () => ((await queue.getCompletedCount()) >= 3 ? true : null));
    const yesterday = dayBefore(localDate(new Date(), desk.timezone));
    const reports = await queuedReports();
    // Around local midnight two days may appear; each person still has one report per day.
    const ids = reports.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const mine = reports.filter((n) => n.id.includes(yesterday) || n.id.includes(dayBefore(yesterday)));
    const forManager = mine.find((n) => n.to.personId === 'mgr');
    expect(forManager).toMatchObject({
      channel: 'email',
      purpose: 'report',
      ticketId: null,
      to: { personId: 'mgr', name: '冯经理', address: 'mgr@example.edu.cn' },
    });
    expect(forManager?.text).toContain('测试服务台 日报');
    // The engineer named by id has no mail address; the second manager neither: nobody queued for them.
    expect(new Set(mine.map((n) => n.to.personId))).toEqual(new Set(['mgr']));
  });

  it('a re-run for a named day reports that day’s figures, and queues nothing twice', async () => {
    const outcome = await role.send.execute({ day: '2026-03-05' });
    expect(outcome.ok && outcome.value).toEqual({
      day: '2026-03-05',
      queued: [{ personId: 'mgr', channel: 'email', notificationId: 'daily-report-2026-03-05-mgr' }],
      unreachable: ['eng-av', 'mgr-2'],
    });
    const job = await scheduler.queue(DAILY_REPORT_QUEUE).add('daily-report', { day: '2026-03-05' });
    await until('the manual job', async () => ((await job.getState()) === 'completed' ? true : null));
    const sameDay = (await queuedReports()).filter((n) => n.id === 'daily-report-2026-03-05-mgr');
    expect(sameDay).toHaveLength(1);
    const from = startOfLocalDay('2026-03-05', desk.timezone)!;
    const to = startOfLocalDay('2026-03-06', desk.timezone)!;
    const day = seeded.map((s) => s.fact).filter((f) => f.reportedAt >= from && f.reportedAt < to);
    const counts = countTickets(day, desk.sla.responseMinutes, new Date());
    expect(day.length).toBeGreaterThan(5);
    expect(sameDay[0]?.text).toContain(`工单 ${counts.tickets} 张`);
    expect(sameDay[0]?.text).toContain(`(${counts.faultsResolvedRemotely}/${counts.faultsResolved})`);
  });

  it('refuses a day that is not a date, clearly', async () => {
    const outcome = await role.send.execute({ day: '2026-02-30' });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toMatch(/not a date/);
  });
});
