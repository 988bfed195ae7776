import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Logger } from '../../core/ports/index.js';

/**
 * The `redis-server` deskbot runs itself when REDIS_URL is unset: loopback only, AOF on, data in `dataDir`.
 *
 * Lifetime: `stop()` sends SHUTDOWN (AOF fsynced). If deskbot dies without calling it, two things keep a
 * server from lingering or two servers from sharing one AOF:
 * - a watchdog (`sh` blocked reading a pipe from us) sends SIGTERM to redis when that pipe closes, which
 *   the kernel does when our process ends for any reason, kill -9 included; redis treats SIGTERM as a
 *   clean shutdown;
 * - a state file in `dataDir` names the server and its owner; the next start on that dir shuts a server
 *   it still finds down before starting its own (see retireStaleServer).
 */
export interface ManagedRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ManagedRedisOptions {
  dataDir: string;
  /** Fixed port; by default a free loopback port is picked. */
  port?: number;
  logger: Logger;
  redisServerPath?: string;
  startTimeoutMs?: number;
  /** Called when redis-server exits without stop() being asked: the queues are gone with it. */
  onUnexpectedExit?: (how: string) => void;
}

interface ServerState {
  redisPid: number;
  redisStartTime: string | null;
  port: number;
  ownerPid: number;
  ownerStartTime: string | null;
}

const STATE_FILE = 'deskbot-redis.json';
const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 20;
/** `sh -c` script: wait for EOF on stdin (our death or our explicit close), then stop redis ($1). */
const WATCHDOG_SCRIPT = 'read _ ; kill -TERM "$1" 2>/dev/null';

export async function startManagedRedis(options: ManagedRedisOptions): Promise<ManagedRedis> {
  const dir = path.resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  await retireStaleServer(dir, options.logger);
  // A picked port can be taken between our probe and redis's bind; pick again then.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await pickFreePort());
    try {
      return await launch(dir, port, options);
    } catch (error) {
      const portClash = error instanceof Error && /address already in use/i.test(error.message);
      if (options.port !== undefined || !portClash || attempt >= 5) throw error;
    }
  }
}

async function launch(dir: string, port: number, options: ManagedRedisOptions): Promise<ManagedRedis> {
  const { logger } = options;
  const executable = options.redisServerPath ?? 'redis-server';
  // prettier-ignore
  const args = [
    '--bind', HOST, '--protected-mode', 'yes', '--port', String(port), '--dir', dir,
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no',
    '--maxmemory-policy', 'noeviction',
  ];
  // Own process group: a Ctrl-C in the terminal must reach deskbot only, which stops redis last.
  const child = spawn(executable, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === 'ENOENT' ? ' (install it: sudo apt-get install redis-server, or set REDIS_URL)' : '';
      reject(new Error(`cannot run ${executable}${hint}: ${error.message}`));
    });
  });
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  // 'close' comes once the output pipes are drained too: the log tail is then complete.
  const drained = new Promise<void>((resolve) => child.once('close', () => resolve()));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      if (/warning|error|fail|denied|cannot|can't/i.test(line)) logger.warn({ redis: line }, 'redis-server');
      else logger.debug({ redis: line }, 'redis-server');
    });
  }
  await spawned;
  child.on('error', (error) => logger.warn({ err: error }, 'managed redis-server process error'));
  const pid = child.pid as number;
  const watchdog = startWatchdog(pid, dir);
  let stopping = false;
  let hasExited = false;
  void exited.then((how) => {
    hasExited = true;
    watchdog.kill('SIGKILL');
    if (stopping) return;
    logger.error({ redisPid: pid, how }, 'managed redis-server exited unexpectedly');
    options.onUnexpectedExit?.(String(how));
  });
  // Nothing here keeps deskbot alive by itself; if it exits without stop(), the watchdog acts.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as Socket).unref();

  const state: ServerState = {
    redisPid: pid,
    redisStartTime: processStartTime(pid),
    port,
    ownerPid: process.pid,
    ownerStartTime: processStartTime(process.pid),
  };
  await writeFile(path.join(dir, STATE_FILE), JSON.stringify(state));

  const stop = async (): Promise<void> => {
    stopping = true;
    if (!hasExited) await shutdownServer(port, pid, exited);
    watchdog.kill('SIGKILL');
    await removeStateIfOurs(dir, pid);
    logger.debug({ redisPid: pid, port }, 'managed redis-server stopped');
  };

  const outcome = await waitForPing(port, exited, options.startTimeoutMs ?? 10_000);
  if (outcome !== 'ready') {
    await stop();
    await Promise.race([drained, delay(1_000)]);
    const why = outcome === 'timeout' ? 'did not answer PING in time' : `exited (${outcome})`;
    throw new Error(`redis-server on ${HOST}:${port} ${why}; its last log lines:\n${tail.join('\n')}`);
  }
  logger.debug({ redisPid: pid, port, dir }, 'managed redis-server ready');
  let stopped: Promise<void> | undefined;
  return { url: `redis://${HOST}:${port}`, pid, stop: () => (stopped ??= stop()) };
}

function startWatchdog(redisPid: number, dir: string): ChildProcess {
  // $0 carries the data dir so the watchdog can be told apart in `ps` and found by tests.
  const watchdog = spawn(
    '/bin/sh',
    ['-c', WATCHDOG_SCRIPT, `deskbot-redis-watchdog:${dir}`, String(redisPid)],
    {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as Socket | null)?.unref();
  return watchdog;
}

async function waitForPing(port: number, exited: Promise<string>, timeoutMs: number): Promise<string> {
  const client = new Redis({ host: HOST, port, retryStrategy: () => 100, maxRetriesPerRequest: null });
  client.on('error', () => undefined); // refused while redis boots: expected, retried
  const abort = new AbortController();
  try {
    return await Promise.race([
      client.ping().then(() => 'ready'),
      exited,
      delay(timeoutMs, 'timeout', { signal: abort.signal }),
    ]);
  } finally {
    abort.abort();
    client.disconnect();
  }
}

/** SHUTDOWN fsyncs the AOF and exits; SIGTERM does the same when no connection can be made. */
async function shutdownServer(port: number, pid: number, exited: Promise<unknown>): Promise<void> {
  if (!(await sendShutdown(port, pid))) signal(pid, 'SIGTERM');
  const timer = new AbortController();
  const done = await Promise.race([
    exited.then(() => true),
    delay(STOP_TIMEOUT_MS, false, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  if (!done) {
    signal(pid, 'SIGKILL');
    await exited;
  }
}

/** Sends SHUTDOWN to the server on `port` only if it is process `pid`; false when it could not. */
async function sendShutdown(port: number, pid: number): Promise<boolean> {
  const client = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    enableReadyCheck: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    if (!new RegExp(`^process_id:${pid}\\s*$`, 'm').test(info)) return false;
    await client.call('SHUTDOWN').catch(() => undefined); // the server closes the connection: no reply
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * A state file left by an earlier run names a server that may still be running on this dir's AOF.
 * We shut it down rather than reuse it: its settings and binary may not be ours, nobody would own its
 * lifetime, and a fresh server replays the same AOF anyway. A server whose owner is another deskbot
 * that is still alive is not ours to stop: starting a second one on the same AOF is refused instead.
 */
async function retireStaleServer(dir: string, logger: Logger): Promise<void> {
  const file = path.join(dir, STATE_FILE);
  const state = await readState(file);
  if (!state) return;
  if (state.ownerPid !== process.pid && isSameProcess(state.ownerPid, state.ownerStartTime)) {
    throw new Error(
      `${dir} is in use by a running deskbot (pid ${state.ownerPid}) and its redis-server (pid ${state.redisPid}); ` +
        'stop it first or use another DATA_DIR',
    );
  }
  if (isSameProcess(state.redisPid, state.redisStartTime)) {
    logger.warn(
      { redisPid: state.redisPid, port: state.port },
      'stopping a redis-server left running on this data dir',
    );
    if (!(await sendShutdown(state.port, state.redisPid))) signal(state.redisPid, 'SIGTERM');
    if (!(await waitForDeath(state.redisPid, STOP_TIMEOUT_MS))) {
      signal(state.redisPid, 'SIGKILL');
      await waitForDeath(state.redisPid, STOP_TIMEOUT_MS);
    }
  }
  await rm(file, { force: true });
}

async function readState(file: string): Promise<ServerState | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<ServerState>;
    if (typeof parsed.redisPid !== 'number' || typeof parsed.port !== 'number') return null;
    return {
      redisPid: parsed.redisPid,
      redisStartTime: parsed.redisStartTime ?? null,
      port: parsed.port,
      ownerPid: parsed.ownerPid ?? 0,
      ownerStartTime: parsed.ownerStartTime ?? null,
    };
  } catch {
    return null; // absent or torn by a crash mid-write: nothing we can act on
  }
}

async function removeStateIfOurs(dir: string, pid: number): Promise<void> {
  const file = path.join(dir, STATE_FILE);
  if ((await readState(file))?.redisPid === pid) await rm(file, { force: true });
}

async function waitForDeath(pid: number, timeoutMs: number): Promise<boolean> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await delay(50)) {
    if (!isAlive(pid)) return true;
  }
  return !isAlive(pid);
}

/** Alive and, where /proc tells start times, not a recycled pid. */
function isSameProcess(pid: number, startTime: string | null): boolean {
  if (!pid || !isAlive(pid)) return false;
  const now = processStartTime(pid);
  return startTime === null || now === null || now === startTime;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return readProcStat(pid)?.state !== 'Z';
}

function processStartTime(pid: number): string | null {
  return readProcStat(pid)?.startTime ?? null;
}

/** Linux only; elsewhere null, and callers fall back to liveness alone. */
function readProcStat(pid: number): { state: string; startTime: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": the command may hold spaces and parentheses, so cut at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, startTime] = [fields[0], fields[19]];
    return state && startTime ? { state, startTime } : null;
  } catch {
    return null;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
