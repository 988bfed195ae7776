import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../core/ports/index.js';
import { startManagedRedis, type ManagedRedis } from '../../../adapters/queue/managed-redis.js';

const moduleUrl = new URL('../../../adapters/queue/managed-redis.ts', import.meta.url).href;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface LogLine {
  level: keyof Logger;
  obj: object;
  msg: string | undefined;
}
function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: keyof Logger) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie has exited; only its parent has not collected it yet.
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/\) Z /.test(stat);
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await delay(50)) {
    if (await check()) return true;
  }
  return check();
}

/** Every process whose command line mentions `text` (redis retitles itself; the watchdog carries the dir). */
async function processesMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text) && isAlive(Number(entry))) pids.push(Number(entry));
  }
  return pids;
}

async function withClient<T>(url: string, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

/** A separate deskbot-like process that starts a managed redis on `dataDir` and reports it. */
async function startInChildProcess(
  dataDir: string,
): Promise<{ child: ChildProcess; pid: number; url: string }> {
  const code = `
    const { startManagedRedis } = await import(${JSON.stringify(moduleUrl)});
    const quiet = () => undefined;
    const r = await startManagedRedis({ dataDir: ${JSON.stringify(dataDir)},
      logger: { debug: quiet, info: quiet, warn: quiet, error: quiet } });
    console.log(JSON.stringify({ pid: r.pid, url: r.url }));
    setInterval(() => undefined, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const { pid, url } = JSON.parse(line) as { pid: number; url: string };
  return { child, pid, url };
}

describe('startManagedRedis', () => {
  let dataDir: string;
  let lines: LogLine[];
  let logger: Logger;
  const started: ManagedRedis[] = [];
  const start = async (
    options: { port?: number; redisServerPath?: string; startTimeoutMs?: number } = {},
  ) => {
    const redis = await startManagedRedis({ dataDir, logger, ...options });
    started.push(redis);
    return redis;
  };

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'deskbot-managed-redis-'));
    lines = [];
    logger = recordingLogger(lines);
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((redis) => redis.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves PING on a loopback port with noeviction and logs redis output', async () => {
    const redis = await start();
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    await withClient(redis.url, async (client) => {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
      expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    });
    expect(lines.some((line) => line.level === 'debug' && 'redis' in line.obj)).toBe(true);
  });

  it('appends writes to an AOF in the data dir', async () => {
    const redis = await start();
    await withClient(redis.url, (client) => client.set('aof-probe-key', 'v'));
    const aofMentionsKey = async () => {
      const aofDir = path.join(dataDir, 'appendonlydir');
      const files = existsSync(aofDir) ? (await readdir(aofDir)).map((name) => path.join(aofDir, name)) : [];
      files.push(path.join(dataDir, 'appendonly.aof')); // redis < 7 keeps one file
      for (const file of files.filter((f) => f.includes('.aof') && existsSync(f))) {
        if ((await readFile(file, 'latin1')).includes('aof-probe-key')) return true;
      }
      return false;
    };
    expect(await eventually(aofMentionsKey, 5_000)).toBe(true);
  });

  it('keeps data across stop and start on the same dir', async () => {
    const first = await start();
    await withClient(first.url, (client) => client.set('survivor', 'still here'));
    await first.stop();
    const second = await start();
    expect(await withClient(second.url, (client) => client.get('survivor'))).toBe('still here');
  });

  it('stops a server left behind by a crashed run on the same dir before starting its own', async () => {
    const forgotten = await startManagedRedis({ dataDir, logger }); // handle dropped, as by a crash
    await withClient(forgotten.url, (client) => client.set('from-before', '1'));
    const next = await start();
    expect(isAlive(forgotten.pid)).toBe(false);
    expect(next.pid).not.toBe(forgotten.pid);
    expect(await withClient(next.url, (client) => client.get('from-before'))).toBe('1');
    expect(lines.some((line) => line.level === 'warn' && /left running/.test(line.msg ?? ''))).toBe(true);
  });

  it('stop leaves no redis-server and no watchdog behind', async () => {
    const redis = await startManagedRedis({ dataDir, logger });
    expect(await processesMentioning(dataDir)).not.toEqual([]); // the watchdog names the dir
    await redis.stop();
    await redis.stop(); // idempotent
    expect(isAlive(redis.pid)).toBe(false);
    expect(await eventually(async () => (await processesMentioning(dataDir)).length === 0)).toBe(true);
    expect(existsSync(path.join(dataDir, 'deskbot-redis.json'))).toBe(false);
  });

  it('refuses a dir whose live owner is another process, and its redis dies when that owner is killed -9', async () => {
    const other = await startInChildProcess(dataDir);
    try {
      await expect(start()).rejects.toThrow(/in use by a running deskbot/);
      expect(await withClient(other.url, (client) => client.ping())).toBe('PONG');
    } finally {
      other.child.kill('SIGKILL');
    }
    expect(await eventually(() => !isAlive(other.pid), 5_000)).toBe(true);
    const next = await start(); // the dead owner's state file is cleared
    expect(await withClient(next.url, (client) => client.ping())).toBe('PONG');
  });

  it('says what to install when redis-server cannot be run', async () => {
    await expect(start({ redisServerPath: path.join(dataDir, 'no-such-redis-server') })).rejects.toThrow(
      /apt-get install redis-server.*REDIS_URL/,
    );
  });

  it('quotes redis log lines when the server cannot start', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      await expect(start({ port })).rejects.toThrow(/exited[\s\S]*Address already in use/i);
    } finally {
      blocker.close();
    }
  });

  it('gives up on a server that does not answer PING in time, and stops it', async () => {
    const failure = await start({ startTimeoutMs: 1 }).catch((error: unknown) => error);
    expect(String(failure)).toMatch(/did not answer PING in time; its last log lines:/);
    expect(await eventually(async () => (await processesMentioning(dataDir)).length === 0)).toBe(true);
    expect(existsSync(path.join(dataDir, 'deskbot-redis.json'))).toBe(false);
  });
});
