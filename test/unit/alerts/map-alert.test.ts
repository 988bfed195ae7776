import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  alertFromZabbix,
  alertmanagerPayloadSchema,
  alertsFromAlertmanager,
  alertTicketFields,
  DEFAULT_ALERT_SETTINGS,
  zabbixPayloadSchema,
} from '../../../core/alerts/index.js';
import { alertSettingsSchema } from '../../../adapters/config/alerts.schema.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(`/work/shared/fixtures/alerts/${name}.json`, 'utf8'));
const zabbix = (name: string) => alertFromZabbix(zabbixPayloadSchema.parse(fixture(name)));

describe('Zabbix fixtures', () => {
  it.each([
    ['zabbix-zabbix_alert', 'P3', 'firing'],
    ['zabbix-zabbix_alert_disaster', 'P1', 'firing'],
    ['zabbix-zabbix_alert_high', 'P2', 'firing'],
    ['zabbix-zabbix_alert_information', 'P4', 'firing'],
    ['zabbix-zabbix_alert_not_classified', 'P4', 'firing'],
    ['zabbix-zabbix_alert_warning', 'P3', 'firing'],
    ['zabbix-zabbix_warning', 'P3', 'firing'],
    ['zabbix-zabbix_ok', 'P3', 'resolved'],
  ])('%s → %s, %s', (name, priority, status) => {
    const alert = zabbix(name);
    expect(alert.status).toBe(status);
    expect(alertTicketFields(alert, DEFAULT_ALERT_SETTINGS).priority).toBe(priority);
  });

  it('identifies the problem and its recovery by trigger, though their event ids and texts differ', () => {
    expect(zabbix('zabbix-zabbix_ok').fingerprint).toBe(zabbix('zabbix-zabbix_alert').fingerprint);
    expect(zabbix('zabbix-zabbix_alert').fingerprint).toBe('www.example.com:14032');
    expect(zabbix('zabbix-zabbix_warning').fingerprint).toBe('www.example.com:14033');
  });

  it('rejects the payload without a hostname', () => {
    const r = zabbixPayloadSchema.safeParse(fixture('zabbix-zabbix_invalid_payload_with_missing_data'));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['hostname']);
  });
});

describe('Alertmanager fixtures', () => {
  it('splits a firing group into its alerts, with a millisecond start time', () => {
    const alerts = alertsFromAlertmanager(alertmanagerPayloadSchema.parse(fixture('alertmanager-alert')));
    expect(alerts.map((a) => [a.fingerprint, a.status])).toEqual([
      ['a1bc48475b20e73d', 'firing'],
      ['c2ea85182f28cbd9', 'firing'],
    ]);
    expect(alerts[0]?.startsAt?.toISOString()).toBe('2020-02-06T00:17:58.432Z');
    expect(alerts[0]?.title).toBe('High CPU Temperature on andromeda — High CPU core temperature');
    expect(alertTicketFields(alerts[0]!, DEFAULT_ALERT_SETTINGS).priority).toBe('P1');
  });

  it('reads a resolved alert and one without generatorURL', () => {
    const [resolved] = alertsFromAlertmanager(
      alertmanagerPayloadSchema.parse(fixture('alertmanager-single_alert')),
    );
    expect(resolved).toMatchObject({ fingerprint: 'a1bc48475b20e73d', status: 'resolved' });
    const [noUrl] = alertsFromAlertmanager(
      alertmanagerPayloadSchema.parse(fixture('alertmanager-single_alert_no_url')),
    );
    expect(noUrl?.link).toBe('http://ops1:9093');
  });
});

describe('desk.yaml alerts:', () => {
  it('adds severities to the defaults and maps labels to a category', () => {
    const settings = alertSettingsSchema.parse({
      priorities: { Average: 'P2' },
      categories: [{ label: 'hostname', matches: '^www\\.', category: '网络' }],
    });
    expect(settings.priorities.disaster).toBe('P1');
    expect(alertTicketFields(zabbix('zabbix-zabbix_alert'), settings)).toEqual({
      priority: 'P2',
      category: '网络',
    });
  });

  it('refuses an unknown category and a broken pattern', () => {
    expect(
      alertSettingsSchema.safeParse({ categories: [{ label: 'a', matches: '(', category: '网络' }] }).success,
    ).toBe(false);
    expect(
      alertSettingsSchema.safeParse({ categories: [{ label: 'a', matches: 'x', category: 'servers' }] })
        .success,
    ).toBe(false);
  });
});
