import type { Redis } from 'ioredis';
import type { Database } from '../../adapters/db/index.js';
import type { ChannelStatus } from '../../adapters/config/app-config.js';
import type { HealthReport } from '../../adapters/http/health.js';

export interface HealthSources {
  database: Database;
  redis: Redis;
  channels: ChannelStatus[];
  /** Names of the roles this process runs, with whether each is up. */
  roles: () => Record<string, boolean>;
  /** Each watched mailbox (email channel): connected, last fetch, last error. Absent: no email. */
  mailboxes?: () => Promise<Array<{ mailbox: string; ok: boolean; detail: string }>>;
}

const within = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)),
  ]);

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; detail?: string }> {
  try {
    await within(2000, probe());
    return { ok: true };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}

/** Storage and queue are vital (down); a stopped role degrades the service. */
export function healthProbe(sources: HealthSources): () => Promise<HealthReport> {
  return async () => {
    const [database, redis] = await Promise.all([
      check(() => sources.database.ping()),
      check(() => sources.redis.ping()),
    ]);
    const checks: HealthReport['checks'] = { database, redis };
    for (const [role, up] of Object.entries(sources.roles()))
      checks[`role:${role}`] = up ? { ok: true } : { ok: false, detail: 'stopped' };
    for (const m of (await sources.mailboxes?.().catch(() => [])) ?? [])
      checks[`mailbox:${m.mailbox}`] = { ok: m.ok, detail: m.detail };
    const vitalDown = !database.ok || !redis.ok;
    const anyDown = Object.values(checks).some((c) => !c.ok);
    return {
      status: vitalDown ? 'down' : anyDown ? 'degraded' : 'ok',
      checks,
      channels: sources.channels,
    };
  };
}
