import { pathToFileURL } from 'node:url';
import { round, writeResults } from './support/results.js';
/**
 * Repository micro-benchmark on a durable PostgreSQL server: `npx tsx bench/db-repository.bench.ts`.
 * For each repository call it prints round trips per operation (every `query` a pg client sends,
 * pooled or inside a transaction), the CPU per operation of this Node process and of the server's
 * processes (they share the machine), and operations per second, next to a raw `select 1` loop
 * measured in the same run as the floor.
 * Env: BENCH_DB_N (default 2000), BENCH_DB_CONCURRENCY (default 32), BENCH_DB_POOL (default 20),
 * BENCH_DB_DURABLE (default 1).
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DrizzlePersonRepository, DrizzleTicketRepository, openDatabase } from '../adapters/db/index.js';
import type { Person } from '../core/desk/index.js';
import type { NewTicketMessage } from '../core/ports/index.js';
import type { NewTicket, Ticket, TicketEvent } from '../core/tickets/index.js';
import { startPostgresServer } from '../test/support/postgres-server.js';
import { createdEvent, newTicket } from '../test/support/ticket-repository-contract/index.js';

const N = Number(process.env.BENCH_DB_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_DB_CONCURRENCY ?? 32);
const POOL = Number(process.env.BENCH_DB_POOL ?? 20);
/** BENCH_DB_DURABLE=0 turns fsync off, to tell the commit's share from the rest. */
const DURABLE = process.env.BENCH_DB_DURABLE !== '0';

let roundTrips = 0;
// The pool runs every statement through a client's `query`, transactions included: count there.
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips += 1;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

interface Figures {
  op: string;
  roundTrips: number;
  cpuUs: number;
  serverCpuUs: number;
  opsPerS: number;
}

/** Nanoseconds on CPU of the server listening on `port` and its backends (Linux schedstat). */
function serverCpuNs(port: string): number {
  const stat = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8');
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  let postmaster: string | undefined;
  let total = 0;
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(`-p ${port}`) && cmdline.includes('postgres')) postmaster = pid;
    } catch {
      // The process ended while we looked.
    }
  }
  if (!postmaster) return 0;
  for (const pid of pids) {
    try {
      const ppid = stat(pid).split(') ')[1]?.split(' ')[1];
      if (pid !== postmaster && ppid !== postmaster) continue;
      total += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}
let serverPort = '';

/** Runs `op(i)` for i in [0, n) with `lanes` calls in flight. */
async function measure(
  label: string,
  n: number,
  op: (i: number) => Promise<unknown>,
  lanes = CONCURRENCY,
): Promise<Figures> {
  let next = 0;
  const lane = async () => {
    while (next < n) await op(next++);
  };
  roundTrips = 0;
  const server = serverCpuNs(serverPort);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: lanes }, lane));
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    op: label,
    roundTrips: roundTrips / n,
    cpuUs: (used.user + used.system) / n,
    serverCpuUs: (serverCpuNs(serverPort) - server) / 1000 / n,
    opsPerS: n / seconds,
  };
}

const reporter = (i: number): NewTicket => ({
  ...newTicket(),
  channel: 'web',
  reporter: { ...newTicket().reporter, name: `用户${i}`, phone: `1380000${String(i).padStart(4, '0')}` },
});
const inbound = (externalId: string): NewTicketMessage => ({
  channel: 'web',
  externalId,
  direction: 'in',
  senderName: '用户',
  senderPersonId: null,
  subject: null,
  text: '打印机卡纸了，打印不出来',
  at: new Date(),
  attachments: [],
});
const systemEvent = (type: TicketEvent['type']): TicketEvent => ({
  type,
  at: new Date(),
  actor: { kind: 'system', id: 'classifier', name: 'classifier' },
  channel: 'system',
  fromStatus: 'new',
  toStatus: 'accepted',
  data: { category: '打印机', confidence: 0.9, evidence: ['打印机', '卡纸'] },
});
const engineer = (i: number): Person => ({
  id: `eng-${i}`,
  name: `工程师${i}`,
  role: 'engineer',
  level: 1,
  department: 'IT',
  officeLocation: null,
  phone: `1390000${String(i).padStart(4, '0')}`,
  email: `eng${i}@example.com`,
  wechatId: `wxid_${i}`,
  wechatName: null,
  telegramId: null,
  skills: ['打印机'],
  areas: ['*'],
  active: true,
});

interface Subjects {
  repo: DrizzleTicketRepository;
  people: DrizzlePersonRepository;
  pool: pg.Pool;
  ids: string[];
}

/** Every measured call, n times each, creating its tickets on `day`. */
async function suite(n: number, day: string, { repo, people, pool, ids }: Subjects): Promise<Figures[]> {
  const tickets: Ticket[] = [];
  const externalIds = Array.from({ length: n }, () => randomUUID());
  const rows: Figures[] = [];

  rows.push(await measure('select 1 (raw pool.query)', n, () => pool.query('select 1')));
  rows.push(
    await measure('create', n, async (i) => {
      const outcome = await repo.create({
        ticket: reporter(i),
        localDate: day,
        prefix: 'INC',
        message: inbound(externalIds[i] ?? ''),
        event: createdEvent(),
      });
      if (!outcome.created) throw new Error('expected a new ticket');
      tickets[i] = outcome.ticket;
    }),
  );
  const ticket = (i: number): Ticket => {
    const t = tickets[i];
    if (!t) throw new Error(`ticket ${i} missing`);
    return t;
  };
  rows.push(
    await measure('create (duplicate message)', n / 4, async (i) => {
      const again = await repo.create({
        ticket: reporter(i),
        localDate: day,
        prefix: 'INC',
        message: inbound(externalIds[i] ?? ''),
        event: createdEvent(),
      });
      if (again.created || again.ticketId !== ticket(i).id) throw new Error('a duplicate made a ticket');
    }),
  );
  rows.push(
    await measure('save (2 events)', n, async (i) => {
      const t = ticket(i);
      // Dispatched, like the pipeline's tickets: every one counts towards an engineer and a desk.
      const dispatched = { status: 'dispatched' as const, assigneeId: ids[i % ids.length] ?? null };
      const saved = await repo.save({ ...t, ...dispatched, category: '打印机', ownerId: `desk-${i % 3}` }, [
        systemEvent('classified'),
        systemEvent('accepted'),
      ]);
      if (!saved.ok) throw new Error(saved.error.message);
      tickets[i] = saved.value;
    }),
  );
  rows.push(
    await measure('save (stale version)', n / 4, async (i) => {
      const saved = await repo.save({ ...ticket(i), version: 1 }, [systemEvent('field_changed')]);
      if (saved.ok) throw new Error('a stale save went through');
    }),
  );
  rows.push(
    await measure('appendMessage', n, (i) =>
      repo.appendMessage(
        ticket(i).id,
        { ...inbound(randomUUID()), direction: 'out' },
        systemEvent('notified'),
      ),
    ),
  );
  rows.push(
    await measure('appendEvents (1)', n, (i) => repo.appendEvents(ticket(i).id, [systemEvent('notified')])),
  );
  rows.push(await measure('findById', n, (i) => repo.findById(ticket(i).id)));
  rows.push(await measure('findByNumber', n, (i) => repo.findByNumber(ticket(i).number)));
  rows.push(await measure('findTicketIdByMessage', n, () => repo.findTicketIdByMessage('web', 'nope')));
  rows.push(await measure('events', n, (i) => repo.events(ticket(i).id)));
  rows.push(await measure('openCountsByAssignee (12)', n, () => repo.openCountsByAssignee(ids)));
  rows.push(await measure('openCountsByAssignee, 1 lane', n / 4, () => repo.openCountsByAssignee(ids), 1));
  const desks = ['desk-0', 'desk-1', 'desk-2'];
  rows.push(await measure('openCountsByOwner (3)', n, () => repo.openCountsByOwner(desks)));
  rows.push(
    await measure('matchSender (phone)', n, (i) =>
      people.matchSender({ name: 'x', phone: `139-0000-${String(i % 12).padStart(4, '0')}` }),
    ),
  );
  rows.push(await measure('people.list (12)', n, () => people.list()));

  return rows;
}

/** `npm run bench -- db` (or `npx tsx bench/db-repository.bench.ts`). */
export async function runDbRepositoryBench(): Promise<void> {
  const server = await startPostgresServer({ durable: DURABLE });
  serverPort = new URL(server.url).port;
  const database = await openDatabase({ databaseUrl: server.url, dataDir: tmpdir(), poolSize: POOL });
  try {
    await database.migrate();
    const people = new DrizzlePersonRepository(database.db);
    const engineers = Array.from({ length: 12 }, (_, i) => engineer(i));
    await people.syncRoster(engineers);
    const subjects: Subjects = {
      repo: new DrizzleTicketRepository(database.db),
      people,
      pool: (database.db as typeof database.db & { $client: pg.Pool }).$client,
      ids: engineers.map((p) => p.id),
    };
    // A first pass opens the pool's connections, prepares statements and lets the JIT settle.
    await suite(Math.min(N, 400), '2000-01-01', subjects);
    const rows = await suite(N, new Date().toISOString().slice(0, 10), subjects);
    const base = rows[0]!;
    console.log(
      `\nrepository micro-bench: N=${N}, concurrency ${CONCURRENCY}, pool ${POOL}, ${DURABLE ? 'durable' : 'fsync-off'} server`,
    );
    console.log(
      '  operation                  round trips  node µs/op  ×select1  server µs/op  ×select1    ops/s',
    );
    const cell = (v: number, width: number, digits = 0) => v.toFixed(digits).padStart(width);
    for (const r of rows) {
      console.log(
        `  ${r.op.padEnd(26)} ${cell(r.roundTrips, 11, 2)} ${cell(r.cpuUs, 11)} ${cell(r.cpuUs / base.cpuUs, 9, 1)} ` +
          `${cell(r.serverCpuUs, 13)} ${cell(r.serverCpuUs / base.serverCpuUs, 9, 1)} ${cell(r.opsPerS, 8)}`,
      );
    }
    const slug = (op: string) =>
      op
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_|_$/g, '')
        .toLowerCase();
    const metrics = Object.fromEntries(
      rows.flatMap((r) => [
        [`${slug(r.op)}_ops_per_s`, round(r.opsPerS)],
        [`${slug(r.op)}_round_trips`, round(r.roundTrips, 2)],
        [`${slug(r.op)}_node_us`, round(r.cpuUs)],
      ]),
    );
    console.log(`\n  written to ${await writeResults('db', metrics)}`);
  } finally {
    await database.close();
    await server.stop();
  }
}

// Run directly as a script as well as through bench/run.ts.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDbRepositoryBench().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
