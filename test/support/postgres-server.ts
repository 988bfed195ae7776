import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freeLoopbackPort } from './free-port.js';

const run = promisify(execFile);

export interface TestPostgresServer {
  /** postgres://deskbot@127.0.0.1:<port>/postgres — a superuser, trust auth, loopback only. */
  url: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'deskbot';
const SERVICE_USER = 'postgres';
const TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;

/**
 * A throw-away PostgreSQL cluster from the machine's own binaries (Debian's `postgresql` package):
 * a temp dir, a random loopback port, fsync off, removed on stop. initdb refuses to run as root, so
 * as root the binaries run as the `postgres` system user (created if missing).
 */
export async function startPostgresServer(
  /** `durable: true` keeps PostgreSQL's crash-safe defaults (fsync, synchronous commit): benchmarks measure that. */
  settings: { durable?: boolean } = {},
): Promise<TestPostgresServer> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await ensureServiceUser();
  const root = await mkdtemp(join(tmpdir(), 'deskbot-test-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  const exec = (tool: string, args: string[]) => runTool(join(bin, tool), args, asRoot);
  try {
    if (asRoot) {
      await chmod(root, 0o700);
      await run('chown', ['-R', `${SERVICE_USER}:`, root]);
    }
    await exec('initdb', [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    let lastError: unknown;
    // The free port is found by binding and releasing it; another process may grab it in between.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const port = await freeLoopbackPort();
      const options = [
        `-p ${port}`,
        `-k ${root}`,
        '-c listen_addresses=127.0.0.1',
        ...(settings.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
        '-c max_connections=200',
      ].join(' ');
      try {
        await exec('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
        const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
        return {
          url,
          stop: async () => {
            await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
            await rm(root, { recursive: true, force: true });
          },
        };
      } catch (error) {
        lastError = error;
      }
    }
    const log = await readFile(logFile, 'utf8').catch(() => '(no server log)');
    throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${log}`);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

/** A fresh, randomly named database on the server, so test files never share state. Its URL. */
export async function createTestDatabase(serverUrl: string): Promise<string> {
  const name = `deskbot_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The folder holding initdb, pg_ctl and postgres: the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function findPostgresBin(): string {
  const hasTools = (dir: string) => TOOLS.every((tool) => existsSync(join(dir, tool)));
  const debianRoot = '/usr/lib/postgresql';
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(debianRoot, version, 'bin');
    if (hasTools(dir)) return dir;
  }
  const onPath = (process.env.PATH ?? '').split(delimiter).find((dir) => dir && hasTools(dir));
  if (onPath) return onPath;
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl, postgres) not found under /usr/lib/postgresql/*/bin or on PATH. ' +
      'Install them: apt-get install postgresql',
  );
}

async function runTool(path: string, args: string[], asRoot: boolean): Promise<void> {
  const [file, argv] = asRoot ? asServiceUser(path, args) : [path, args];
  try {
    await run(file, argv, { timeout: 120_000 });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path} ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

function asServiceUser(path: string, args: string[]): [string, string[]] {
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
  if (runuser) return [runuser, ['-u', SERVICE_USER, '--', path, ...args]];
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  return ['su', [SERVICE_USER, '-s', '/bin/sh', '-c', [path, ...args].map(quote).join(' ')]];
}

async function ensureServiceUser(): Promise<void> {
  const exists = await run('id', ['-u', SERVICE_USER]).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      SERVICE_USER,
    ]);
  }
}
