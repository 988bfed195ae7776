export interface HealthCheck {
  ok: boolean;
  detail?: string;
}

/** What `/healthz` reports; built by whoever composes the process (it knows Redis, the database, channels). */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, HealthCheck>;
  channels?: Array<{ channel: string; enabled: boolean; reason: string }>;
}

/** Load balancers keep sending traffic to a degraded process; only `down` takes it out. */
export const healthStatusCode = (report: HealthReport): number => (report.status === 'down' ? 503 : 200);
