import { z } from 'zod';
import type { NormalizedAlert } from './alert.entity.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * A Zabbix webhook media type's body (hostname, severity, status, item, trigger, link). The trigger
 * id identifies the alert across its problem and recovery events; it is read from `triggerid` when
 * the media script sends it, else from the event link's `triggerid=` parameter.
 */
export const zabbixPayloadSchema = z.object({
  hostname: text(200),
  severity: text(40),
  status: text(40),
  item: z.string().trim().max(500).optional(),
  trigger: text(500),
  link: z.string().trim().max(2000).optional(),
  triggerid: z.union([z.string(), z.number()]).optional(),
  eventid: z.union([z.string(), z.number()]).optional(),
});

export type ZabbixPayload = z.infer<typeof zabbixPayloadSchema>;

const RESOLVED = ['OK', 'RESOLVED'];

function param(link: string | undefined, name: string): string | null {
  if (!link) return null;
  const m = new RegExp(`[?&]${name}=([^&#]+)`).exec(link);
  return m?.[1] ?? null;
}

export function alertFromZabbix(p: ZabbixPayload): NormalizedAlert {
  const triggerId = p.triggerid !== undefined ? String(p.triggerid) : param(p.link, 'triggerid');
  // Without a trigger id the host and trigger text are the best identity there is.
  const fingerprint = triggerId ? `${p.hostname}:${triggerId}` : `${p.hostname}:${p.trigger}`;
  return {
    source: 'zabbix',
    fingerprint: fingerprint.slice(0, 200),
    status: RESOLVED.includes(p.status.toUpperCase()) ? 'resolved' : 'firing',
    startsAt: null,
    title: `${p.trigger}`,
    text: [p.trigger, p.item && `item: ${p.item}`, `host: ${p.hostname}`, `status: ${p.status}`]
      .filter(Boolean)
      .join('\n'),
    severity: p.severity,
    labels: { hostname: p.hostname, trigger: p.trigger, ...(p.item ? { item: p.item } : {}) },
    link: p.link ?? null,
  };
}
