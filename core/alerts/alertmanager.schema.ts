import { z } from 'zod';
import type { NormalizedAlert } from './alert.entity.js';

const labels = z.record(z.string(), z.string()).default({});

const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels,
  annotations: labels,
  startsAt: z.string().min(1),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().trim().min(1).max(200),
});

/** Alertmanager's webhook body (payload version 4): a group of firing and resolved alerts. */
export const alertmanagerPayloadSchema = z.object({
  version: z.literal('4', 'only Alertmanager webhook payload version "4" is understood'),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupKey: z.string().optional(),
  externalURL: z.string().optional(),
  commonLabels: labels,
  commonAnnotations: labels,
  alerts: z.array(alertSchema).min(1).max(500),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

// Go's zero time for "not ended" and nanosecond precision both need care: Date keeps milliseconds.
function instant(value: string): Date | null {
  const d = new Date(value.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1970 ? null : d;
}

export function alertsFromAlertmanager(p: AlertmanagerPayload): NormalizedAlert[] {
  return p.alerts.map((a) => {
    const name = a.labels.alertname ?? p.commonLabels.alertname ?? 'alert';
    const host = a.labels.host ?? a.labels.instance;
    const summary = a.annotations.summary ?? p.commonAnnotations.summary;
    return {
      source: 'alertmanager',
      fingerprint: a.fingerprint,
      status: a.status,
      startsAt: instant(a.startsAt),
      title: [name, host && `on ${host}`, summary && `— ${summary}`].filter(Boolean).join(' '),
      text: a.annotations.description ?? summary ?? name,
      severity: a.labels.severity ?? p.commonLabels.severity ?? 'none',
      labels: a.labels,
      link: a.generatorURL ?? p.externalURL ?? null,
    };
  });
}
