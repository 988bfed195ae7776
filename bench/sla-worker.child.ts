/**
 * The timer worker process of the SLA bench: fires `bench.*` timers by writing a row per firing,
 * and reports its resident memory once a second. The bench kills it with SIGKILL halfway.
 */
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { openDatabase } from '../adapters/db/index.js';
import { BullmqJobScheduler } from '../adapters/queue/bullmq-job-scheduler.js';
import { buildTimerServices, startTimerRole } from '../cli/runtime/timers-role.js';

const { DATABASE_URL, REDIS_URL, BENCH_PREFIX } = process.env;
if (!DATABASE_URL || !REDIS_URL || !BENCH_PREFIX)
  throw new Error('DATABASE_URL, REDIS_URL, BENCH_PREFIX needed');

const database = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: '.', poolSize: 20 });
const jobs = new BullmqJobScheduler({ redisUrl: REDIS_URL, prefix: BENCH_PREFIX });
const timers = buildTimerServices({ db: database.db, jobs, clock: { now: () => new Date() } });
timers.registry.register({
  family: 'bench',
  async fire(timer, firedAt) {
    await database.db.execute(
      sql`insert into bench_firings (ticket_id, kind, n, due_at, fired_at, pid)
          values (${timer.ticketId}, ${timer.kind}, ${timer.n}, ${timer.dueAt.toISOString()}, ${firedAt.toISOString()}, ${process.pid})`,
    );
  },
});
const role = await startTimerRole({
  timers,
  redisUrl: REDIS_URL,
  prefix: BENCH_PREFIX,
  logger: pino({ level: 'warn' }, pino.destination(2)),
  stalledIntervalMs: 5_000,
});
console.log(`ready ${JSON.stringify(role.reconciliation)}`);
setInterval(() => console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)}`), 1_000);
