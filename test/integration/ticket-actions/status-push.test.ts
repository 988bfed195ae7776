import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ObservedTicketRepository } from '../../../adapters/events/observed-ticket.repository.js';
import type { TicketChange } from '../../../core/ports/ticket-change.port.js';
import type { Actor } from '../../../core/tickets/ticket-event.js';
import {
  StatusPushListener,
  TicketActionsUseCase,
  type TicketActionRequest,
} from '../../../core/use-cases/ticket-actions/index.js';
import { inbound } from '../../support/inbound.js';
import { UseCaseHarness } from '../use-cases/use-case-harness.js';

const ENGINEER: Actor = { kind: 'person', id: 'eng-print-zao', name: '赵打印' };

describe('status pushes to the reporter through BullMQ', () => {
  let h: UseCaseHarness;
  let observed: ObservedTicketRepository;
  let listener: StatusPushListener;
  const changes: TicketChange[] = [];

  beforeAll(async () => {
    h = await UseCaseHarness.open();
    observed = new ObservedTicketRepository(h.tickets, pino({ level: 'silent' }));
    listener = new StatusPushListener({
      jobs: h.scheduler,
      people: h.people,
      desk: h.desk,
      enabledChannels: new Set(['wechat', 'web']),
    });
    observed.observe(listener);
    observed.observe({ name: 'recorder', onChange: async (c) => void changes.push(c) });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    changes.length = 0;
    await h.reset();
  });

  /** A WeChat group report, ingested, classified and dispatched through the observed repository. */
  const reported = async (): Promise<string> => {
    const message = inbound({
      channel: 'wechat',
      text: '行政楼305打印机卡纸了',
      sender: { name: '李同学', externalId: 'wx-li', wechatId: 'wx-li' },
      conversation: { id: 'room-1', title: '行政楼报修群' },
      fields: { location: '行政楼305' },
    });
    const ingested = await h.ingest(observed).execute(message);
    if (!ingested.ok) throw new Error(ingested.error.message);
    const id = ingested.value.ticketId;
    if (!(await h.classify(observed).execute(id)).ok) throw new Error('classify');
    if (!(await h.dispatch(['wechat'], observed).execute(id)).ok) throw new Error('dispatch');
    return id;
  };
  const act = async (id: string, request: TicketActionRequest, actor: Actor = ENGINEER) => {
    const actions = new TicketActionsUseCase({
      tickets: observed,
      people: h.people,
      clock: h.clock,
      desk: h.desk,
    });
    const r = await actions.execute({ ticket: { id }, actor, channel: 'wechat', request });
    if (!r.ok) throw new Error(r.error.message);
  };
  const pushes = async (id: string) => (await h.notifications(id)).filter((n) => n.purpose === 'status');

  it('tells the group 接单, 到达 and 完成, not the dispatch the acknowledgement already announced', async () => {
    const id = await reported();
    expect(await pushes(id)).toEqual([]);
    await act(id, { action: 'acknowledge' });
    await act(id, { action: 'arrive' });
    await act(id, {
      action: 'resolve',
      process: '取出卡纸，清洁搓纸轮',
      parts: [],
      consumables: [],
      remote: null,
    });

    const sent = await pushes(id);
    expect(sent).toHaveLength(3);
    for (const n of sent)
      expect(n).toMatchObject({
        channel: 'wechat',
        purpose: 'status',
        ticketId: id,
        to: { name: '李同学', address: 'wx-li', conversationId: 'room-1' },
      });
    const texts = sent.map((n) => n.text).join('\n');
    expect(texts).toContain('赵打印 已接单');
    expect(texts).toContain('赵打印 已到达现场');
    expect(texts).toContain('已处理完成');
    expect(texts).toContain('取出卡纸，清洁搓纸轮');
  });

  it('转派 tells the reporter who comes now and gives the new engineer the dispatch prompt', async () => {
    const id = await reported();
    await act(id, { action: 'reassign', assigneeId: 'eng-print-zhong', reason: '早班忙' });
    const all = await h.notifications(id);
    expect(all.filter((n) => n.purpose === 'status').map((n) => n.text)).toEqual([
      expect.stringContaining('已派单给 周中班'),
    ]);
    const prompt = all.find((n) => n.purpose === 'dispatch' && n.to.personId === 'eng-print-zhong');
    expect(prompt).toMatchObject({
      channel: 'wechat',
      to: { address: 'wx-print-zhong', conversationId: null },
    });
    expect(prompt?.text).toContain('【派单】');
  });

  it('queues each push once, even when the listener runs again on the same change', async () => {
    const id = await reported();
    await act(id, { action: 'acknowledge' });
    const before = await h.notifications(id);
    for (const c of changes) await listener.onChange(c);
    expect(await h.notifications(id)).toEqual(before);
  });

  it('says nothing to a reporter whose channel nothing delivers on', async () => {
    const id = await reported();
    const quiet = new StatusPushListener({
      jobs: h.scheduler,
      people: h.people,
      desk: h.desk,
      enabledChannels: new Set(['web']),
    });
    const t = await h.ticket(id);
    await quiet.onChange({
      ticket: { ...t, status: 'acknowledged' },
      events: [
        {
          type: 'acknowledged',
          at: new Date('2026-11-23T02:05:00Z'),
          actor: ENGINEER,
          channel: 'wechat',
          fromStatus: 'dispatched',
          toStatus: 'acknowledged',
          data: {},
        },
      ],
    });
    expect(await pushes(id)).toEqual([]);
  });
});
