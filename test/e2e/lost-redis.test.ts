import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawnDeskbot, waitForOutput, type DeskbotProcess } from '../support/deskbot-process.js';
import { createTestDatabase } from '../support/postgres-server.js';

/** With its private redis-server gone, deskbot must not linger half-alive: it stops and exits non-zero. */
describe('the managed redis-server dies under a running deskbot', () => {
  let proc: DeskbotProcess | null = null;
  let dataDir = '';
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stops in order and exits 1', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskbot-lost-redis-'));
    proc = spawnDeskbot({
      ROLES: 'workers',
      DATABASE_URL: await createTestDatabase(inject('postgresUrl')),
      DATA_DIR: dataDir,
    });
    await waitForOutput(proc, /workers started/);
    const started = /"redisPid":(\d+)[^\n]*managed redis-server started/.exec(proc.output());
    expect(started, proc.output()).not.toBeNull();
    process.kill(Number(started?.[1]), 'SIGKILL');
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/managed redis-server exited unexpectedly/);
    expect(proc.output()).toMatch(/a vital part is gone/);
    expect(proc.output()).toMatch(/"step":"database"[^\n]*stopped/);
  }, 90_000);
});
