import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import { inbound } from '../../support/inbound.js';
import { SHIFT_NOW } from './shift-desk.js';
import { UseCaseHarness } from './use-case-harness.js';

describe('IngestMessageUseCase on PGlite and BullMQ', () => {
  let h: UseCaseHarness;
  beforeAll(async () => {
    h = await UseCaseHarness.open();
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const ingest = async (message: InboundMessage) => {
    const result = await h.ingest().execute(message);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const count = async () => (await h.tickets.list({ limit: 100, offset: 0 })).total;

  it('opens a ticket with its message and created event, and queues exactly one classify job', async () => {
    const message = inbound({
      externalId: 'form-1',
      receivedAt: new Date('2026-11-23T01:59:00Z'),
      sender: { name: '张老师', email: 'zhang@example.edu.cn' },
      text: '打印机卡纸了，打印不出来',
      fields: { location: '行政楼305' },
    });
    const outcome = await ingest(message);
    expect(outcome).toEqual({
      ticketId: expect.any(String),
      ticketNumber: 'INC-20261123-0001',
      created: true,
      duplicate: false,
    });

    const t = await h.ticket(outcome.ticketId);
    expect(t).toMatchObject({
      number: 'INC-20261123-0001',
      status: 'new',
      channel: 'web',
      title: '打印机卡纸了，打印不出来',
      location: '行政楼305',
      createdAt: new Date(SHIFT_NOW),
      reportedAt: new Date('2026-11-23T01:59:00Z'),
    });
    // Matched in the roster by mail: the roster fills in what the form left out.
    expect(t.reporter).toMatchObject({ personId: 'rep-zhang', department: '财务处', phone: '13800138000' });

    const messages = await h.tickets.messages(t.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ externalId: 'form-1', direction: 'in', senderPersonId: 'rep-zhang' });
    const events = await h.tickets.events(t.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'created',
      at: new Date(SHIFT_NOW),
      actor: { kind: 'reporter', id: 'rep-zhang', name: '张老师' },
      channel: 'web',
      fromStatus: null,
      toStatus: 'new',
      data: { externalId: 'form-1', number: 'INC-20261123-0001' },
    });

    const jobs = await h.classifyJobs(t.id);
    expect(jobs.map((j) => j.id)).toEqual([`classify-${t.id}`]);
    expect(jobs[0]?.data).toEqual({ ticketId: t.id });
    expect(await h.dispatchJobs(t.id)).toEqual([]);
  });

  it('numbers tickets per local day of the desk', async () => {
    const a = await ingest(inbound());
    const b = await ingest(inbound());
    expect([a.ticketNumber, b.ticketNumber]).toEqual(['INC-20261123-0001', 'INC-20261123-0002']);
  });

  describe('the same message delivered again', () => {
    it('is a duplicate: no second ticket, message or event', async () => {
      const message = inbound({ channel: 'wechat', externalId: 'wx-msg-1', text: '电脑蓝屏了' });
      const first = await ingest(message);
      const again = await ingest(message);
      expect(again).toEqual({
        ticketId: first.ticketId,
        ticketNumber: first.ticketNumber,
        created: false,
        duplicate: true,
      });
      expect(await count()).toBe(1);
      expect(await h.tickets.messages(first.ticketId)).toHaveLength(1);
      expect(await h.tickets.events(first.ticketId)).toHaveLength(1);
      expect(await h.classifyJobs(first.ticketId)).toHaveLength(1);
    });

    it('queues classify again while the ticket is still new (the first run died before queueing it)', async () => {
      const message = inbound({ externalId: 'form-crash' });
      const first = await ingest(message);
      await h.forget(await h.classifyJobs(first.ticketId));
      expect(await h.classifyJobs(first.ticketId)).toEqual([]);

      expect(await ingest(message)).toMatchObject({ duplicate: true, ticketId: first.ticketId });
      const jobs = await h.classifyJobs(first.ticketId);
      expect(jobs.map((j) => j.id)).toEqual([`classify-${first.ticketId}`]);
    });

    it('queues nothing once the ticket is past new', async () => {
      const message = inbound({ externalId: 'form-late' });
      const first = await ingest(message);
      const classified = await h.classify().execute(first.ticketId);
      expect(classified.ok).toBe(true);
      await h.forget(await h.classifyJobs(first.ticketId));

      expect(await ingest(message)).toMatchObject({ duplicate: true, created: false });
      expect(await h.classifyJobs(first.ticketId)).toEqual([]);
      expect((await h.ticket(first.ticketId)).status).toBe('accepted');
    });
  });

  describe('follow-ups', () => {
    it('a message its channel ties to an open ticket by number is added to it', async () => {
      const first = await ingest(inbound({ channel: 'wechat', externalId: 'wx-1', text: '打印机卡纸' }));
      const text = `进度 #${first.ticketNumber} 还没人来吗？`;
      const follow = await ingest(
        inbound({
          channel: 'wechat',
          externalId: 'wx-2',
          ticketRef: first.ticketNumber,
          text,
          sender: { name: '张老师', wechatId: 'wx-zhang' },
        }),
      );
      expect(follow).toEqual({
        ticketId: first.ticketId,
        ticketNumber: first.ticketNumber,
        created: false,
        duplicate: false,
      });
      expect(await count()).toBe(1);
      const messages = await h.tickets.messages(first.ticketId);
      expect(messages.map((m) => m.text)).toEqual(['打印机卡纸', text]);
      const events = await h.tickets.events(first.ticketId);
      expect(events.map((e) => e.type)).toEqual(['created', 'message_added']);
      expect(events[1]).toMatchObject({
        actor: { kind: 'reporter', id: 'rep-zhang' },
        channel: 'wechat',
        fromStatus: null,
        toStatus: null,
        data: { externalId: 'wx-2' },
      });
      // A follow-up is no new work for the classifier.
      expect(await h.classifyJobs(first.ticketId)).toHaveLength(1);
    });

    it('takes the reference the mail adapter read from a subject, in any case, on a ticket already dispatched', async () => {
      const first = await ingest(inbound({ text: '打印机卡纸了', fields: { location: '行政楼305' } }));
      await h.classify().execute(first.ticketId);
      await h.dispatch().execute(first.ticketId);
      const follow = await ingest(
        inbound({
          channel: 'email',
          externalId: '<reply-1@example.edu.cn>',
          subject: `Re: [${first.ticketNumber.toLowerCase()}] 打印机`,
          ticketRef: first.ticketNumber.toLowerCase(),
          text: '已经好了，谢谢',
          sender: { name: '张老师', email: 'zhang@example.edu.cn' },
        }),
      );
      expect(follow).toMatchObject({ ticketId: first.ticketId, created: false, duplicate: false });
    });

    it('takes the ticket number an adapter already recognised', async () => {
      const first = await ingest(inbound());
      const follow = await ingest(
        inbound({ ticketRef: first.ticketNumber.toLowerCase(), text: '补充：型号 HP' }),
      );
      expect(follow).toMatchObject({ ticketId: first.ticketId, created: false });
    });

    it('a reply to a stored message of an open ticket is added to that ticket', async () => {
      const first = await ingest(
        inbound({
          channel: 'email',
          externalId: '<a1@example.edu.cn>',
          subject: '电脑开不了机',
          text: '如题',
        }),
      );
      const reply = await ingest(
        inbound({
          channel: 'email',
          externalId: '<a2@example.edu.cn>',
          inReplyTo: '<a1@example.edu.cn>',
          subject: 'Re: 电脑开不了机',
          text: '现在屏幕也不亮了',
        }),
      );
      expect(reply).toMatchObject({ ticketId: first.ticketId, created: false, duplicate: false });
      expect((await h.tickets.messages(first.ticketId)).map((m) => m.externalId)).toEqual([
        '<a1@example.edu.cn>',
        '<a2@example.edu.cn>',
      ]);
    });

    it('a follow-up delivered twice is stored once', async () => {
      const first = await ingest(inbound());
      const follow = inbound({
        externalId: 'dup-follow',
        ticketRef: first.ticketNumber,
        text: `进度 #${first.ticketNumber}`,
      });
      expect(await ingest(follow)).toMatchObject({ duplicate: false, created: false });
      expect(await ingest(follow)).toMatchObject({
        ticketId: first.ticketId,
        duplicate: true,
        created: false,
      });
      expect(await h.tickets.messages(first.ticketId)).toHaveLength(2);
      expect((await h.tickets.events(first.ticketId)).map((e) => e.type)).toEqual([
        'created',
        'message_added',
      ]);
    });

    it('a follow-up delivered again after its ticket closed is still a duplicate, not a new ticket', async () => {
      const first = await ingest(inbound({ text: '打印机卡纸了', fields: { location: '行政楼305' } }));
      const follow = inbound({
        externalId: 'late-redelivery',
        ticketRef: first.ticketNumber,
        text: `进度 #${first.ticketNumber}`,
      });
      expect(await ingest(follow)).toMatchObject({ ticketId: first.ticketId, created: false });
      await h.classify().execute(first.ticketId);
      await h.dispatch().execute(first.ticketId);
      await h.walk(first.ticketId, ['acknowledge', 'start', 'resolve', 'close']);

      expect(await ingest(follow)).toEqual({
        ticketId: first.ticketId,
        ticketNumber: first.ticketNumber,
        created: false,
        duplicate: true,
      });
      expect(await count()).toBe(1);
      expect(await h.tickets.messages(first.ticketId)).toHaveLength(2);
    });

    it('a message naming a closed ticket opens a new one', async () => {
      const first = await ingest(
        inbound({
          channel: 'email',
          externalId: '<old@x>',
          text: '打印机卡纸了',
          fields: { location: '行政楼305' },
        }),
      );
      await h.classify().execute(first.ticketId);
      await h.dispatch().execute(first.ticketId);
      const closed = await h.walk(first.ticketId, ['acknowledge', 'start', 'resolve', 'close']);
      expect(closed.status).toBe('closed');

      for (const [externalId, draft] of [
        ['<new-1@x>', { text: `${first.ticketNumber} 的打印机又卡纸了` }],
        ['<new-2@x>', { inReplyTo: '<old@x>', text: '又坏了' }],
      ] as const) {
        const again = await ingest(inbound({ channel: 'email', externalId, ...draft }));
        expect(again.created).toBe(true);
        expect(again.ticketId).not.toBe(first.ticketId);
        expect(await h.classifyJobs(again.ticketId)).toHaveLength(1);
      }
      expect(await h.tickets.messages(first.ticketId)).toHaveLength(1);
      expect(await count()).toBe(3);
    });

    it('a reference that names no ticket opens a new one', async () => {
      const outcome = await ingest(inbound({ ticketRef: 'INC-20200101-0001', text: '怎么样了' }));
      expect(outcome).toMatchObject({ created: true, ticketNumber: 'INC-20261123-0001' });
    });

    it('a ticket number merely typed into the text attaches nothing to that ticket', async () => {
      const first = await ingest(inbound({ text: '打印机卡纸了' }));
      const other = await ingest(inbound({ text: `${first.ticketNumber} 这是别人的工单号` }));
      expect(other.created).toBe(true);
      expect(other.ticketId).not.toBe(first.ticketId);
      expect(await h.tickets.messages(first.ticketId)).toHaveLength(1);
    });
  });
});
