import { describe, expect, it } from 'vitest';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import {
  localToInstant,
  nextShiftEnd,
  parseShiftChange,
  progressSummary,
} from '../../../core/handover/index.js';
import type { StoredTicketEvent } from '../../../core/tickets/ticket-event.js';
import type { TicketMessage } from '../../../core/ports/ticket.repository.port.js';
import { aTicket } from '../tickets/ticket.fixture.js';

const ALL = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** 早 08–16, 中 16–24, 晚 22–06 (overnight, overlapping 中); weekends only 早. */
const desk: Pick<DeskSettings, 'shifts' | 'rota' | 'timezone'> = {
  timezone: 'Asia/Shanghai',
  shifts: [
    { name: '早', start: '08:00', end: '16:00' },
    { name: '中', start: '16:00', end: '24:00' },
    { name: '晚', start: '22:00', end: '06:00' },
  ],
  rota: [
    { shift: '早', people: ['zao'], days: [...ALL] },
    { shift: '中', people: ['zhong'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    { shift: '晚', people: ['wan'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  ],
};

describe('shift ends', () => {
  it('converts desk-local wall-clock times to instants, 24:00 being the next midnight', () => {
    expect(localToInstant('2026-11-23', 8 * 60, 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(localToInstant('2026-11-23', 24 * 60, 'Asia/Shanghai').toISOString()).toBe(
      '2026-11-23T16:00:00.000Z',
    );
    // Across a DST change the offset is the one of the day asked about.
    expect(localToInstant('2026-07-01', 9 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(localToInstant('2026-12-01', 9 * 60, 'Europe/Berlin').toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    );
  });

  it('finds the next moment someone goes off duty, in the desk zone', () => {
    // Monday 10:00 Shanghai → 早 ends 16:00.
    const end = nextShiftEnd(desk, new Date('2026-11-23T02:00:00Z'));
    expect(end?.at.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(end?.offDuty).toEqual(['zao']);
    expect(end?.shifts).toEqual(['早']);
  });

  it('ends an overnight shift the next morning and 中 at midnight', () => {
    // Monday 23:00 Shanghai: 中 ends at 24:00; 晚 (started 22:00 Monday) ends 06:00 Tuesday.
    const midnight = nextShiftEnd(desk, new Date('2026-11-23T15:00:00Z'));
    expect(midnight?.at.toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(midnight?.offDuty).toEqual(['zhong']);
    const morning = nextShiftEnd(desk, midnight!.at);
    expect(morning?.at.toISOString()).toBe('2026-11-23T22:00:00.000Z');
    expect(morning?.offDuty).toEqual(['wan']);
  });

  it('skips ends where nobody counted goes home (weekend: no 中, no 晚)', () => {
    // Saturday 2026-11-28 17:00 Shanghai; next: 早 ends Sunday 16:00 (weekend 中/晚 empty).
    const end = nextShiftEnd(desk, new Date('2026-11-28T09:00:00Z'));
    expect(end?.at.toISOString()).toBe('2026-11-29T08:00:00.000Z');
    const onlyWan = nextShiftEnd(desk, new Date('2026-11-23T02:00:00Z'), (id) => id === 'wan');
    expect(onlyWan?.at.toISOString()).toBe('2026-11-23T22:00:00.000Z');
  });

  it('returns null when the rota never sends anyone home', () => {
    const always = {
      ...desk,
      shifts: [{ name: '全天', start: '00:00', end: '24:00' }],
      rota: [{ shift: '全天', people: ['a'], days: [...ALL] }],
    };
    expect(nextShiftEnd(always, new Date('2026-11-23T02:00:00Z'))).toBeNull();
  });
});

describe('shift change', () => {
  it('accepts two known shift names however they are joined, and one for leave', () => {
    for (const raw of ['早-中', '早 - 中', '早→中', '早～中', '早至中'])
      expect(parseShiftChange(raw, desk.shifts)).toEqual({ ok: true, value: '早-中' });
    expect(parseShiftChange('晚', desk.shifts)).toEqual({ ok: true, value: '晚' });
  });

  it('names the shifts when the change is not one', () => {
    for (const raw of ['', '早-夜', '早-中-晚', 'morning']) {
      const r = parseShiftChange(raw, desk.shifts);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('早, 中, 晚');
    }
  });
});

describe('progress summary', () => {
  const t = aTicket({ status: 'in_progress' });
  const event = (
    type: StoredTicketEvent['type'],
    at: string,
    data: Record<string, unknown> = {},
  ): StoredTicketEvent => ({
    id: 1,
    ticketId: t.id,
    type,
    at: new Date(at),
    actor: { kind: 'person', id: 'e', name: 'E' },
    channel: 'wechat',
    fromStatus: null,
    toStatus: null,
    data,
  });
  const message = (direction: 'in' | 'out', text: string, at: string): TicketMessage => ({
    id: 1,
    ticketId: t.id,
    channel: 'wechat',
    externalId: text,
    direction,
    senderName: '张老师',
    senderPersonId: null,
    subject: null,
    text,
    at: new Date(at),
    attachments: [],
  });

  it('takes the newest work-log note or reporter line, ignoring what the desk sent', () => {
    const events = [
      event('noted', '2026-11-23T02:00:00Z', { note: '已更换硒鼓，待观察' }),
      event('started', '2026-11-23T03:00:00Z'),
    ];
    const messages = [
      message('in', '还是卡纸', '2026-11-23T01:00:00Z'),
      message('out', '您的报修已受理', '2026-11-23T04:00:00Z'),
    ];
    expect(progressSummary(t, events, messages)).toEqual({
      text: '已更换硒鼓，待观察',
      at: new Date('2026-11-23T02:00:00Z'),
    });
    const later = [...messages, message('in', '现在又\n卡住了', '2026-11-23T05:00:00Z')];
    expect(progressSummary(t, events, later).text).toBe('张老师：现在又 卡住了');
  });

  it('falls back to the status, and clips long text', () => {
    expect(progressSummary(t, [event('started', '2026-11-23T03:00:00Z')], []).text).toBe('状态：in_progress');
    const long = progressSummary(t, [event('noted', '2026-11-23T03:00:00Z', { note: '很'.repeat(500) })], []);
    expect(long.text.length).toBe(200);
  });
});
