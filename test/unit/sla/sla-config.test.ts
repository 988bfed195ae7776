import { describe, expect, it } from 'vitest';
import { slaPolicySchema } from '../../../adapters/config/sla.schema.js';
import { deskSettingsSchema } from '../../../adapters/config/desk.schema.js';
import { testDesk } from '../../support/test-desk.js';

describe('desk.yaml sla: section', () => {
  it('absent or only responseMinutes: the 10-minute rule and nothing else', () => {
    expect(slaPolicySchema.parse(undefined)).toEqual({ responseMinutes: 10 });
    expect(slaPolicySchema.parse({ responseMinutes: '15' })).toEqual({ responseMinutes: 15 });
  });

  it('reads targets, reminders, calendars, category calendars and vendors as typed (strings from YAML)', () => {
    const sla = slaPolicySchema.parse({
      reminderPercents: ['50', '90'],
      targets: { P1: { arrivalMinutes: '20', resolutionMinutes: 'off' } },
      calendars: [{ name: 'office', hours: [{ start: '08:30', end: '17:30' }] }],
      categoryCalendars: { 一卡通: 'office', 网络: '24x7' },
      vendors: { 视频系统: { name: '某视频厂商', phone: '4008001234', email: 'svc@vendor.example.com' } },
    });
    expect(sla).toEqual({
      responseMinutes: 10,
      reminderPercents: [50, 90],
      targets: { P1: { arrivalMinutes: 20, resolutionMinutes: null } },
      calendars: [
        {
          name: 'office',
          kind: 'hours',
          windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:30', end: '17:30' }],
          holidays: 'cn',
        },
      ],
      categoryCalendars: { 一卡通: 'office', 网络: '24x7' },
      vendors: { 视频系统: { name: '某视频厂商', phone: '4008001234', email: 'svc@vendor.example.com' } },
    });
  });

  it('says what is wrong, with the path', () => {
    const r = slaPolicySchema.safeParse({
      reminderPercents: ['150'],
      calendars: [
        { name: 'office', hours: [{ days: ['monday'], start: '8:30', end: '17:30' }], holidays: 'us' },
      ],
      categoryCalendars: { 打印机: 'lab' },
      vendors: { 电话: { name: '厂商', email: 'not-mail' } },
    });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        'reminderPercents.0: must be a whole number from 1 to 99',
        expect.stringMatching(/^calendars\.0\.hours\.0\.days\.0: must be a weekday/),
        'calendars.0.hours.0.start: must be a time HH:MM from 00:00 to 23:59',
        'calendars.0.holidays: must be cn (Chinese public holidays and 调休) or none',
        'vendors.电话.email: must be an email address',
      ]),
    );
  });

  it('a category naming an undefined calendar is refused', () => {
    const r = slaPolicySchema.safeParse({ categoryCalendars: { 打印机: 'lab' } });
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'categoryCalendars.打印机: names no calendar: define "lab" under sla.calendars (or use 24x7)',
    ]);
  });

  it('the whole desk file accepts the section', () => {
    const desk = deskSettingsSchema.parse({
      ...testDesk(),
      sla: { responseMinutes: '10', reminderPercents: ['80'] },
    });
    expect(desk.sla).toEqual({ responseMinutes: 10, reminderPercents: [80] });
  });
});
