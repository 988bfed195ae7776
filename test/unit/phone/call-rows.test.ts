import { describe, expect, it } from 'vitest';
import { CallRowReader } from '../../../adapters/phone/index.js';
import { mergeCalls, parseDisposition, WallClockParser, type CallRecord } from '../../../core/phone/index.js';

const base = (start: string, answer: string, disposition: string, billsec: string) => [
  '',
  '2001',
  '88886666',
  'from-pstn',
  '"Zhang San" <2001>',
  'SIP/2001-0001',
  'SIP/801-0002',
  'Dial',
  'SIP/801,30',
  start,
  answer,
  '2026-03-02 09:01:00',
  '60',
  billsec,
  disposition,
  'DOCUMENTATION',
];
const asterisk = new CallRowReader({ format: 'asterisk', timeZone: 'Asia/Shanghai', hotlines: ['88886666'] });

describe('Asterisk cdr_csv layouts', () => {
  it('reads 16 columns (no uniqueid): the calling channel and start time identify the call', () => {
    const r = asterisk.read(base('2026-03-02 09:00:00', '2026-03-02 09:00:10', 'ANSWERED', '50'));
    expect(r.ok && r.value).toMatchObject({
      sourceId: 'SIP/2001-0001@2026-03-02 09:00:00',
      caller: '2001',
      callee: '88886666',
      disposition: 'ANSWERED',
      billsecS: 50,
      isDeskCall: true,
    });
    expect(r.ok && r.value.startedAt.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(r.ok && r.value.answeredAt?.toISOString()).toBe('2026-03-02T01:00:10.000Z');
  });

  it('reads 18 columns: uniqueid and userfield', () => {
    const row = [...base('2026-03-02 09:00:00', '', 'NO ANSWER', '0'), '1700000000.42', 'vip'];
    const r = asterisk.read(row);
    expect(r.ok && r.value).toMatchObject({
      sourceId: '1700000000.42',
      disposition: 'NO ANSWER',
      answeredAt: null,
    });
  });

  it('reads 21 columns: linkedid groups the legs', () => {
    const row = [
      ...base('2026-03-02 09:00:00', '', 'BUSY', '0'),
      '1700000000.43',
      '',
      '',
      '1700000000.40',
      '7',
    ];
    const r = asterisk.read(row);
    expect(r.ok && r.value).toMatchObject({ sourceId: '1700000000.40', disposition: 'BUSY' });
  });

  it('reads 19 columns (newcdrcolumns without uniqueid/userfield)', () => {
    const row = [...base('2026-03-02 09:00:00', '', 'FAILED', '0'), '', '1700000000.50', '3'];
    expect(asterisk.read(row)).toMatchObject({ ok: true, value: { sourceId: '1700000000.50' } });
  });

  it('drops the answer time of an unanswered leg (older Asterisk copies the start into it)', () => {
    const r = asterisk.read(base('2026-03-02 09:00:00', '2026-03-02 09:00:00', 'NO ANSWER', '60'));
    expect(r.ok && r.value).toMatchObject({ answeredAt: null, billsecS: 0 });
  });

  it('does not count the PBX answering with no billable second as answered', () => {
    const r = asterisk.read(base('2026-03-02 09:00:00', '2026-03-02 09:00:00', 'ANSWERED', '0'));
    expect(r.ok && r.value.disposition).toBe('NO ANSWER');
  });

  it.each([
    [['a', 'b', 'c'], '3 columns'],
    [base('yesterday', '', 'ANSWERED', '1'), 'start time "yesterday" is not a date and time'],
    [base('2026-02-30 09:00:00', '', 'ANSWERED', '1'), 'start time'],
    [base('2026-03-02 09:00:00', '', 'HUNG UP', '1'), 'unknown disposition "HUNG UP"'],
    [base('2026-03-02 09:00:00', '', 'ANSWERED', '-4'), 'billsec "-4" is not a whole number'],
    [base('2026-03-02 09:02:00', '', 'ANSWERED', '4'), 'ends before it starts'],
  ])('rejects a malformed row with a reason (%#)', (row, reason) => {
    const r = asterisk.read(row);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(reason);
  });
});

describe('a CSV read through a desk.yaml mapping', () => {
  const reader = new CallRowReader({
    format: 'mapped',
    timeZone: 'Asia/Shanghai',
    hotlines: ['88886666'],
    mapping: {
      delimiter: ';',
      header: true,
      columns: {
        id: 'CallID',
        start: 'Begin',
        end: 'End',
        caller: 'From',
        callee: 'To',
        disposition: 'Result',
      },
      dispositions: { 已接: 'ANSWERED', 未接: 'NO ANSWER' },
    },
  });

  it('finds its columns by header name and translates the PBX words', () => {
    expect(reader.wantsHeader).toBe(true);
    expect(reader.header(['CallID', 'From', 'To', 'Begin', 'End', 'Result']).ok).toBe(true);
    const r = reader.read([
      'c-1',
      '13800000000',
      '8888-6666',
      '2026-03-02T09:00:00+08:00',
      '2026-03-02 09:03:00',
      '未接',
    ]);
    expect(r.ok && r.value).toMatchObject({
      sourceId: 'c-1',
      disposition: 'NO ANSWER',
      durationS: 180,
      isDeskCall: true,
    });
  });

  it('says which column a header lacks', () => {
    const other = new CallRowReader({
      format: 'mapped',
      timeZone: 'UTC',
      hotlines: [],
      mapping: {
        delimiter: ',',
        header: true,
        columns: { id: 'x', start: 'y', caller: 'a', callee: 'b', disposition: 'c' },
        dispositions: {},
      },
    });
    const h = other.header(['x', 'y', 'a', 'b']);
    expect(!h.ok && h.error).toContain('no column "c"');
  });
});

describe('merging legs', () => {
  const leg = (over: Partial<CallRecord>): CallRecord => ({
    sourceId: 'L',
    startedAt: new Date('2026-03-02T01:00:00Z'),
    answeredAt: null,
    endedAt: new Date('2026-03-02T01:00:30Z'),
    caller: '2001',
    callee: 'ch1',
    disposition: 'NO ANSWER',
    durationS: 30,
    billsecS: 0,
    isDeskCall: false,
    ...over,
  });
  const a = leg({});
  const b = leg({
    callee: '88886666',
    isDeskCall: true,
    disposition: 'ANSWERED',
    answeredAt: new Date('2026-03-02T01:00:05Z'),
    billsecS: 20,
    endedAt: new Date('2026-03-02T01:00:40Z'),
  });

  it('is order-independent and idempotent', () => {
    expect(mergeCalls(a, b)).toEqual(mergeCalls(b, a));
    expect(mergeCalls(mergeCalls(a, b), b)).toEqual(mergeCalls(a, b));
    expect(mergeCalls(a, b)).toMatchObject({
      callee: '88886666',
      disposition: 'ANSWERED',
      billsecS: 20,
      isDeskCall: true,
    });
  });

  it('knows the PBX dispositions and nothing else', () => {
    expect(parseDisposition(' no answer ')).toBe('NO ANSWER');
    expect(parseDisposition('ringing')).toBeNull();
  });

  it('turns wall-clock times into instants across a DST change', () => {
    const ny = new WallClockParser('America/New_York');
    expect(ny.parse('2026-03-07 12:00:00')?.toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(ny.parse('2026-03-09 12:00:00')?.toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });
});
