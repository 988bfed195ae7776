import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ObservedTicketRepository } from '../../../adapters/events/observed-ticket.repository.js';
import { notifyQueue } from '../../../adapters/queue/queue-names.js';
import type { Channel } from '../../../core/inbound/channel.js';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import { inbound } from '../../support/inbound.js';
import { readBarrier } from './read-barrier.js';
import { SHIFT_NOW } from './shift-desk.js';
import { UseCaseHarness } from './use-case-harness.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('DispatchTicketUseCase on PGlite and BullMQ', () => {
  let h: UseCaseHarness;
  beforeAll(async () => {
    h = await UseCaseHarness.open();
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  /** Ingested and classified: an accepted ticket waiting for dispatch. */
  const accepted = async (message: InboundMessage): Promise<string> => {
    const ingested = await h.ingest().execute(message);
    if (!ingested.ok) throw new Error(ingested.error.message);
    const classified = await h.classify().execute(ingested.value.ticketId);
    if (!classified.ok) throw new Error(classified.error.message);
    return ingested.value.ticketId;
  };
  const dispatch = async (id: string, enabled: Channel[] = ['web']) => {
    const r = await h.dispatch(enabled).execute(id);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const printer = (location = '行政楼305') =>
    inbound({ text: '打印机卡纸了，打印不出来', fields: { location } });
  const typesOf = async (id: string) => (await h.tickets.events(id)).map((e) => e.type);

  describe('choosing the engineer', () => {
    it('sends it to the L1 with the skill, covering the building, on shift, and stores why', async () => {
      const id = await accepted(printer());
      expect(await dispatch(id)).toEqual({ ticketId: id, assigneeId: 'eng-print-zao' });

      const t = await h.ticket(id);
      expect(t).toMatchObject({
        status: 'dispatched',
        ownerId: 'desk-zao-1',
        assigneeId: 'eng-print-zao',
        dispatchCount: 1,
        dispatchedAt: new Date(SHIFT_NOW),
      });
      const event = (await h.tickets.events(id)).at(-1);
      expect(event).toMatchObject({
        type: 'dispatched',
        actor: { kind: 'system', id: 'dispatcher' },
        fromStatus: 'accepted',
        toStatus: 'dispatched',
        data: {
          assigneeId: 'eng-print-zao',
          dispatchNumber: 1,
          firstTimeCorrect: true,
          reason: {
            summary: '打印机技能·覆盖行政楼·在班·当前0单·L1',
            category: '打印机',
            location: '行政楼305',
            candidates: [
              { personId: 'eng-print-zao', openTickets: 0, level: 1, area: '行政楼', rank: 1 },
              { personId: 'eng-print-l2', openTickets: 0, level: 2, area: '*', rank: 2 },
            ],
          },
        },
      });
      // Idle, skilled and covering everywhere, but on the 中 shift: not a candidate at 10:00.
      expect(event?.data.reason).toMatchObject({
        rejected: expect.arrayContaining([
          { personId: 'eng-print-zhong', why: 'off_shift' },
          { personId: 'eng-pc-keyan', why: 'no_skill' },
        ]),
      });
    });

    it.each([
      ['打印机 in a building the L1 does not cover', '打印机卡纸', '科研楼201', 'eng-print-l2'],
      ['电脑 where the L1 covers it: lower level first', '电脑蓝屏死机', '科研楼201', 'eng-pc-keyan'],
      ['电脑 where only the L2 covers it', '电脑蓝屏死机', '行政楼305', 'eng-print-l2'],
    ])('%s', async (_case, text, location, expected) => {
      const id = await accepted(inbound({ text, fields: { location } }));
      expect(await dispatch(id)).toMatchObject({ assigneeId: expected });
    });

    it('uses the reporter office when the report names no location', async () => {
      const id = await accepted(
        inbound({ text: '打印机卡纸', sender: { name: '李老师', officeLocation: '科研楼201' } }),
      );
      expect(await dispatch(id)).toMatchObject({ assigneeId: 'eng-print-l2' });
    });

    it('weighs open tickets before level', async () => {
      const chosen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const outcome = await dispatch(await accepted(printer()));
        if (!('assigneeId' in outcome)) throw new Error('not dispatched');
        chosen.push(outcome.assigneeId);
      }
      expect(chosen).toEqual(['eng-print-zao', 'eng-print-l2', 'eng-print-zao', 'eng-print-l2']);
    });
  });

  describe('telling people', () => {
    it('acknowledges to the reporter in their group and prompts the engineer privately', async () => {
      const id = await accepted(
        inbound({
          channel: 'wechat',
          externalId: 'wx-msg-9',
          conversation: { id: 'room-finance', title: '财务处报修群' },
          sender: { name: '张老师', wechatId: 'wx-zhang' },
          text: '打印机卡纸了',
          fields: { location: '行政楼305' },
        }),
      );
      await dispatch(id, ['wechat']);
      const t = await h.ticket(id);
      const [ack, prompt, ...rest] = await h.notifications(id);
      expect(rest).toEqual([]);
      expect(ack).toMatchObject({
        id: `ack-${id}-1`,
        channel: 'wechat',
        purpose: 'acknowledgement',
        ticketId: id,
        ticketNumber: t.number,
        to: { personId: 'rep-zhang', name: '张老师', address: 'wx-zhang', conversationId: 'room-finance' },
      });
      expect(ack?.text).toContain(t.number);
      expect(ack?.text).toContain('赵打印');
      expect(ack?.text).toContain('王早班');
      expect(prompt).toMatchObject({
        id: `dispatch-${id}-1-eng-print-zao`,
        channel: 'wechat',
        purpose: 'dispatch',
        ticketNumber: t.number,
        to: { personId: 'eng-print-zao', name: '赵打印', address: 'wx-print-zao', conversationId: null },
      });
      expect(prompt?.text).toContain(`接单 ${t.number}`);
      expect(prompt?.text).toContain('10 分钟');
      // Both wait on the WeChat queue under their notification ids.
      const queued = await h.jobs(notifyQueue('wechat'), id);
      expect(queued.map((j) => j.id).sort()).toEqual([
        `notify-ack-${id}-1`,
        `notify-dispatch-${id}-1-eng-print-zao`,
      ]);
    });

    it('answers a web report on the web queue with the ticket number', async () => {
      const id = await accepted(printer());
      await dispatch(id, ['web']);
      const t = await h.ticket(id);
      const jobs = await h.jobs(notifyQueue('web'), id);
      expect(jobs.map((j) => [j.id, j.name])).toEqual([[`notify-ack-${id}-1`, 'acknowledgement']]);
      expect(jobs[0]?.data).toMatchObject({ ticketNumber: t.number, to: { address: null } });
      expect(String(jobs[0]?.data.text)).toContain(t.number);
    });

    it.each([
      ['WeChat is not enabled', printer(), ['web'], null],
      [
        'the engineer has no address on any enabled channel',
        printer('科研楼201'),
        ['web', 'wechat', 'email'],
        null,
      ],
      [
        'the engineer is on Telegram only and Telegram is off',
        inbound({ text: '电脑蓝屏', fields: { location: '科研楼2' } }),
        ['web', 'wechat'],
        null,
      ],
      [
        'the engineer is on Telegram and it is on',
        inbound({ text: '电脑蓝屏', fields: { location: '科研楼2' } }),
        ['web', 'telegram'],
        'telegram',
      ],
    ] as const)(
      'prompts the engineer only where they can be reached: %s',
      async (_case, message, enabled, channel) => {
        const id = await accepted(message);
        await dispatch(id, [...enabled]);
        const prompts = (await h.notifications(id)).filter((n) => n.purpose === 'dispatch');
        expect(prompts.map((n) => n.channel)).toEqual(channel ? [channel] : []);
        // The reporter hears back regardless.
        expect((await h.notifications(id)).filter((n) => n.purpose === 'acknowledgement')).toHaveLength(1);
      },
    );
  });

  describe('with nobody suitable on duty', () => {
    const network = () => inbound({ text: '三楼网络断了，上不了网', fields: { location: '行政楼3层' } });
    const everywhere: Channel[] = ['web', 'wechat', 'email'];

    it('leaves the ticket with its desk owner, says why, and tells the owner and the managers', async () => {
      const id = await accepted(network());
      const outcome = await dispatch(id, everywhere);
      expect(outcome).toMatchObject({ ticketId: id, triage: expect.stringContaining('网络') });

      expect(await h.ticket(id)).toMatchObject({
        status: 'accepted',
        ownerId: 'desk-zao-1',
        assigneeId: null,
        dispatchCount: 0,
      });
      const events = await h.tickets.events(id);
      expect(events.map((e) => e.type)).toEqual(['created', 'classified', 'accepted', 'triage_needed']);
      expect(events.at(-1)).toMatchObject({
        actor: { kind: 'system', id: 'dispatcher' },
        fromStatus: null,
        toStatus: null,
        data: { reason: expect.stringContaining('网络') },
      });
      expect(events.at(-1)?.data.rejected).toContainEqual({ personId: 'eng-net-wan', why: 'off_shift' });

      const sent = await h.notifications(id);
      expect(sent.map((n) => [n.id, n.channel, n.to.address])).toEqual([
        [`ack-${id}-0`, 'web', null],
        [`triage-${id}-desk-zao-1`, 'wechat', 'wx-desk-zao-1'],
        [`triage-${id}-mgr-mail`, 'email', 'feng@example.edu.cn'],
        [`triage-${id}-mgr-wx`, 'wechat', 'wx-mgr-zheng'],
      ]);
      expect(sent[0]?.text).toContain('服务台正在安排工程师');
      for (const n of sent.slice(1)) {
        expect(n.purpose).toBe('triage');
        expect(n.text).toContain('【待人工派单】');
        expect(n.text).toContain('网络');
      }
    });

    it('a report no engineer has the skill for goes to triage too', async () => {
      const id = await accepted(inbound({ text: '请问明天几点上班' }));
      expect(await dispatch(id)).toMatchObject({ triage: expect.stringContaining('其他') });
    });

    it('run twice, it records the triage once and tells nobody twice', async () => {
      const id = await accepted(network());
      await dispatch(id, everywhere);
      const first = await h.notifications(id);
      await dispatch(id, everywhere);
      expect((await typesOf(id)).filter((t) => t === 'triage_needed')).toHaveLength(1);
      expect(await h.notifications(id)).toEqual(first);
    });

    it('run again after the acknowledgement was delivered, it still records the triage once', async () => {
      const id = await accepted(network());
      await dispatch(id, everywhere);
      const [ack] = await h.notifications(id);
      if (!ack) throw new Error('no acknowledgement queued');
      await h.recordDelivery().execute(ack);
      expect((await typesOf(id)).at(-1)).toBe('notified');

      await dispatch(id, everywhere);
      expect((await typesOf(id)).filter((t) => t === 'triage_needed')).toHaveLength(1);
    });
  });

  describe('running again', () => {
    it('on a dispatched ticket it changes nothing', async () => {
      const id = await accepted(printer());
      await dispatch(id, ['web', 'wechat']);
      const before = await h.ticket(id);
      const sent = await h.notifications(id);
      expect(await dispatch(id, ['web', 'wechat'])).toEqual({
        ticketId: id,
        skipped: 'status is dispatched',
      });
      expect(await h.ticket(id)).toEqual(before);
      expect((await typesOf(id)).filter((t) => t === 'dispatched')).toHaveLength(1);
      expect(await h.notifications(id)).toEqual(sent);
    });

    it('after dying before the notifications were queued, it queues them', async () => {
      const id = await accepted(printer());
      await dispatch(id, ['web', 'wechat']);
      const sent = await h.notifications(id);
      expect(sent).toHaveLength(2);
      for (const channel of ['web', 'wechat'] as const)
        await h.forget(await h.jobs(notifyQueue(channel), id));
      expect(await h.notifications(id)).toEqual([]);

      await dispatch(id, ['web', 'wechat']);
      expect(await h.notifications(id)).toEqual(sent);
    });

    it('two runs at once dispatch once; the loser lost on version and is told to retry', async () => {
      const id = await accepted(printer());
      const tickets = readBarrier(h.tickets, 2);
      const runs = await Promise.all([
        h.dispatch(['web', 'wechat'], tickets).execute(id),
        h.dispatch(['web', 'wechat'], tickets).execute(id),
      ]);
      expect(runs.filter((r) => r.ok)).toEqual([
        { ok: true, value: { ticketId: id, assigneeId: 'eng-print-zao' } },
      ]);
      expect(runs.filter((r) => !r.ok)).toEqual([
        { ok: false, error: expect.objectContaining({ code: 'TICKET_CONCURRENT_UPDATE', retryable: true }) },
      ]);
      expect((await typesOf(id)).filter((t) => t === 'dispatched')).toHaveLength(1);
      expect(await h.ticket(id)).toMatchObject({ dispatchCount: 1, version: 3 });
      expect((await h.notifications(id)).map((n) => n.id)).toEqual([
        `ack-${id}-1`,
        `dispatch-${id}-1-eng-print-zao`,
      ]);

      // The retry finds the work done.
      expect(await dispatch(id, ['web', 'wechat'])).toMatchObject({ skipped: 'status is dispatched' });
    });

    it('a burst of the same kind of report is spread by workload, not piled onto one engineer', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) ids.push(await accepted(printer(`行政楼${300 + i}`)));
      const one = h.dispatch();
      const runs = await Promise.all(ids.map((id) => one.execute(id)));
      expect(runs.every((r) => r.ok)).toBe(true);
      const assignees = await Promise.all(ids.map(async (id) => (await h.ticket(id)).assigneeId));
      const perEngineer = assignees.reduce<Record<string, number>>(
        (acc, a) => ({ ...acc, [String(a)]: (acc[String(a)] ?? 0) + 1 }),
        {},
      );
      expect(perEngineer).toEqual({ 'eng-print-zao': 3, 'eng-print-l2': 3 });
    });

    it('the next choice of the same kind does not wait for what reacts to the save (SLA timers)', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) ids.push(await accepted(printer(`行政楼${300 + i}`)));
      // A listener that holds every dispatched save until released: had the choosing turn lasted
      // until save returned, only the first dispatch would reach it.
      const observed = new ObservedTicketRepository(h.tickets, silent);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const reached: string[] = [];
      observed.observe({
        name: 'slow',
        async onChange({ ticket }) {
          reached.push(ticket.assigneeId ?? '');
          await held;
        },
      });
      const one = h.dispatch(['web'], observed);
      const runs = Promise.all(ids.map((id) => one.execute(id)));
      await vi.waitFor(() => expect(reached).toHaveLength(6), { timeout: 10_000 });
      release();
      expect((await runs).every((r) => r.ok)).toBe(true);
      const perEngineer = reached.reduce<Record<string, number>>(
        (acc, a) => ({ ...acc, [a]: (acc[a] ?? 0) + 1 }),
        {},
      );
      expect(perEngineer).toEqual({ 'eng-print-zao': 3, 'eng-print-l2': 3 });
    });

    it('on a ticket that does not exist it fails for good', async () => {
      const r = await h.dispatch().execute('00000000-0000-4000-8000-000000000000');
      expect(r).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'TICKET_NOT_FOUND', retryable: false }),
      });
    });
  });
});
