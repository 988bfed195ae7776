import type { ModuleType } from '../desk/module-type.js';
import type { Priority } from '../tickets/ticket.entity.js';

export const ALERT_SOURCES = ['alertmanager', 'zabbix'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** One alert from a monitoring system, in one shape whichever system sent it. */
export interface NormalizedAlert {
  source: AlertSource;
  /** Stable identity across firings and the recovery: Alertmanager's fingerprint, Zabbix's trigger. */
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** When this firing began (Alertmanager startsAt; Zabbix: when we received the problem). */
  startsAt: Date | null;
  title: string;
  text: string;
  severity: string;
  labels: Record<string, string>;
  link: string | null;
}

/** What the desk stores about an alert identity and its current incident. */
export interface AlertRecord {
  source: AlertSource;
  fingerprint: string;
  status: 'firing' | 'resolved';
  /** The inbound message that opened the incident's ticket (channel `alert`). */
  openingExternalId: string;
  ticketId: string | null;
  title: string;
  firstFiredAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  fireCount: number;
}

/** How an alert maps onto a ticket's fields. */
export interface AlertTicketFields {
  priority: Priority;
  category: ModuleType | null;
}
