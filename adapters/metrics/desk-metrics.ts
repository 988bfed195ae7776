import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DeskOverviewQueries } from '../../core/ports/index.js';
import type { HealthReport } from '../http/health.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What a BullMQ Queue offers for its depth; a plain interface so tests can count real queues. */
export interface QueueDepthSource {
  name: string;
  getJobCounts(...states: JobState[]): Promise<Record<string, number>>;
}

export interface DeskMetricsSources {
  queues: readonly QueueDepthSource[];
  overview: Pick<DeskOverviewQueries, 'countByStatus' | 'slaBreaches'>;
  health: () => Promise<HealthReport>;
  /** Default Node process metrics (CPU, memory, event loop lag); on unless told otherwise. */
  processMetrics?: boolean;
}

/**
 * The Prometheus registry behind `/metrics`. Every gauge is read when scraped (prom-client's async
 * `collect`), so the figures are as fresh as the scrape and nothing runs between scrapes.
 */
export function createDeskMetrics(sources: DeskMetricsSources): Registry {
  const registry = new Registry();
  if (sources.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'deskbot_' });

  new Gauge({
    name: 'deskbot_queue_jobs',
    help: 'Jobs in each BullMQ queue by state (waiting = queue depth).',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const all = await Promise.all(
        sources.queues.map(async (q) => [q.name, await q.getJobCounts(...JOB_STATES)] as const),
      );
      for (const [queue, counts] of all)
        for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
    },
  });

  new Gauge({
    name: 'deskbot_tickets',
    help: 'Tickets by current status.',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of await sources.overview.countByStatus()) this.set({ status }, n);
    },
  });

  // A gauge, not a counter: the total is read from the audit trail, which survives restarts.
  new Gauge({
    name: 'deskbot_sla_breaches_total',
    help: 'SLA breaches recorded in the ticket audit trail since the desk began.',
    registers: [registry],
    async collect() {
      this.set(await sources.overview.slaBreaches());
    },
  });

  new Gauge({
    name: 'deskbot_health_check_up',
    help: 'Health checks (database, redis, roles): 1 up, 0 down.',
    labelNames: ['check'],
    registers: [registry],
    async collect() {
      this.reset();
      const report = await sources.health();
      for (const [check, result] of Object.entries(report.checks)) this.set({ check }, result.ok ? 1 : 0);
    },
  });

  new Gauge({
    name: 'deskbot_channel_enabled',
    help: 'Channels: 1 configured and enabled, 0 disabled.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      const report = await sources.health();
      for (const c of report.channels ?? []) this.set({ channel: c.channel }, c.enabled ? 1 : 0);
    },
  });

  return registry;
}
