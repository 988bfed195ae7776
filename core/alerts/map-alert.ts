import type { InboundMessage } from '../inbound/inbound-message.js';
import type { AlertSettings } from './alert-settings.js';
import type { AlertTicketFields, NormalizedAlert } from './alert.entity.js';

const SOURCE_NAME = { alertmanager: 'Prometheus Alertmanager', zabbix: 'Zabbix' } as const;

/** Severity → priority and labels → category, as desk.yaml `alerts:` says. */
export function alertTicketFields(alert: NormalizedAlert, settings: AlertSettings): AlertTicketFields {
  const priority = settings.priorities[alert.severity.trim().toLowerCase()] ?? settings.defaultPriority;
  const rule = settings.categories.find((r) => {
    const value = alert.labels[r.label];
    return value !== undefined && new RegExp(r.matches, 'i').test(value);
  });
  return { priority, category: rule?.category ?? null };
}

export function alertText(alert: NormalizedAlert): string {
  const labels = Object.entries(alert.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return [
    alert.text,
    `severity: ${alert.severity}`,
    labels && `labels: ${labels}`,
    alert.link && `link: ${alert.link}`,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

/** The inbound message that opens a ticket for a firing alert (channel `alert`). */
export function alertToInbound(
  alert: NormalizedAlert,
  fields: AlertTicketFields,
  externalId: string,
  receivedAt: Date,
): InboundMessage {
  return {
    channel: 'alert',
    externalId,
    receivedAt,
    sender: { name: SOURCE_NAME[alert.source], externalId: `${alert.source}:${alert.fingerprint}` },
    subject: `[${alert.severity}] ${alert.title}`.slice(0, 300),
    text: alertText(alert).slice(0, 20_000),
    fields: fields.category ? { moduleType: fields.category } : {},
    attachments: [],
  };
}
