import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import type { TicketRepository } from '../../../core/ports/ticket.repository.port.js';
import { inbound } from '../../support/inbound.js';
import { SHIFT_NOW } from './shift-desk.js';
import { UseCaseHarness } from './use-case-harness.js';
import { readBarrier } from './read-barrier.js';

describe('ClassifyTicketUseCase on PGlite and BullMQ', () => {
  let h: UseCaseHarness;
  beforeAll(async () => {
    h = await UseCaseHarness.open();
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const newTicket = async (message: InboundMessage = inbound()): Promise<string> => {
    const r = await h.ingest().execute(message);
    if (!r.ok) throw new Error(r.error.message);
    return r.value.ticketId;
  };
  const classify = async (ticketId: string) => {
    const r = await h.classify().execute(ticketId);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('decides the category from the rules, accepts the ticket for a desk engineer on shift, queues dispatch', async () => {
    const id = await newTicket(
      inbound({ text: '打印机卡纸了，打印不出来', fields: { location: '行政楼305' } }),
    );
    expect(await classify(id)).toEqual({
      ticketId: id,
      category: '打印机',
      ownerId: 'desk-zao-1',
      route: 'dispatch',
    });

    const t = await h.ticket(id);
    expect(t).toMatchObject({
      status: 'accepted',
      category: '打印机',
      ownerId: 'desk-zao-1',
      assigneeId: null,
      acceptedAt: new Date(SHIFT_NOW),
      version: 2,
    });
    expect(t.categoryConfidence).toBeGreaterThan(0.5);

    const events = await h.tickets.events(id);
    expect(events.map((e) => e.type)).toEqual(['created', 'classified', 'accepted']);
    const [, classified, accepted] = events;
    expect(classified).toMatchObject({
      actor: { kind: 'system', id: 'classifier' },
      channel: 'system',
      fromStatus: null,
      toStatus: null,
      data: { category: '打印机', source: 'rules', suggested: '打印机', confidence: t.categoryConfidence },
    });
    expect(classified?.data.evidence).toContain('打印机');
    expect(accepted).toMatchObject({
      fromStatus: 'new',
      toStatus: 'accepted',
      data: { ownerId: 'desk-zao-1', offShift: false },
    });
    expect(String(accepted?.data.reason)).toContain('在班');

    const jobs = await h.dispatchJobs(id);
    expect(jobs.map((j) => j.id)).toEqual([`dispatch-${id}`]);
    expect(jobs[0]?.data).toEqual({ ticketId: id });
  });

  it('keeps the module type the reporter chose and records what the rules suggested', async () => {
    const id = await newTicket(inbound({ text: '打印机卡纸了，打印不出来', fields: { moduleType: '电脑' } }));
    expect(await classify(id)).toMatchObject({ category: '电脑' });
    const t = await h.ticket(id);
    expect(t).toMatchObject({ category: '电脑', categoryConfidence: 1 });
    const classified = (await h.tickets.events(id)).find((e) => e.type === 'classified');
    expect(classified?.data).toMatchObject({
      category: '电脑',
      confidence: 1,
      source: 'reporter',
      suggested: '打印机',
    });
    expect(classified?.data.suggestedConfidence).toBeGreaterThan(0.5);
  });

  it('falls back to 其他 with low confidence when no keyword matches', async () => {
    const id = await newTicket(inbound({ text: '你好，请问明天几点上班' }));
    expect(await classify(id)).toMatchObject({ category: '其他' });
    expect((await h.ticket(id)).categoryConfidence).toBeLessThan(0.2);
  });

  it('gives each ticket to the least-loaded desk engineer on shift, never to one off shift', async () => {
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const outcome = await classify(await newTicket(inbound({ text: `电脑蓝屏 ${i}` })));
      if (!('ownerId' in outcome)) throw new Error('skipped');
      owners.push(outcome.ownerId);
    }
    // desk-zhong and desk-wan are idle but off shift at 10:00; ties go by id.
    expect(owners).toEqual(['desk-zao-1', 'desk-zao-2', 'desk-zao-1', 'desk-zao-2']);
  });

  it('counts only open tickets as an owner load', async () => {
    const first = await newTicket(inbound({ text: '打印机卡纸', fields: { location: '行政楼305' } }));
    await classify(first);
    await h.dispatch().execute(first);
    await h.walk(first, ['acknowledge', 'start', 'resolve', 'close']);
    // desk-zao-1's only ticket is closed, so the tie with desk-zao-2 goes by id again.
    expect(await classify(await newTicket())).toMatchObject({ ownerId: 'desk-zao-1' });
  });

  it('run twice, the second run changes nothing and queues no second dispatch', async () => {
    const id = await newTicket();
    await classify(id);
    const before = await h.ticket(id);
    expect(await classify(id)).toEqual({ ticketId: id, skipped: 'status is accepted' });
    expect(await h.ticket(id)).toEqual(before);
    expect((await h.tickets.events(id)).map((e) => e.type)).toEqual(['created', 'classified', 'accepted']);
    expect(await h.dispatchJobs(id)).toHaveLength(1);
  });

  it('run again after dying before the dispatch job was queued, it queues it', async () => {
    const id = await newTicket();
    await classify(id);
    await h.forget(await h.dispatchJobs(id));
    expect(await classify(id)).toMatchObject({ skipped: 'status is accepted' });
    expect((await h.dispatchJobs(id)).map((j) => j.id)).toEqual([`dispatch-${id}`]);
  });

  it('run again on a dispatched ticket, it queues nothing', async () => {
    const id = await newTicket(inbound({ text: '打印机卡纸', fields: { location: '行政楼305' } }));
    await classify(id);
    await h.dispatch().execute(id);
    await h.forget(await h.dispatchJobs(id));
    expect(await classify(id)).toMatchObject({ skipped: 'status is dispatched' });
    expect(await h.dispatchJobs(id)).toEqual([]);
  });

  it('fails permanently for a ticket that does not exist', async () => {
    const r = await h.classify().execute('00000000-0000-4000-8000-000000000000');
    expect(r).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'TICKET_NOT_FOUND', retryable: false }),
    });
  });

  it('two runs at once accept the ticket once; the loser is told to retry', async () => {
    const id = await newTicket();
    const tickets: TicketRepository = readBarrier(h.tickets, 2);
    const results = await Promise.all([h.classify(tickets).execute(id), h.classify(tickets).execute(id)]);
    const lost = results.filter((r) => !r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(lost).toEqual([
      { ok: false, error: expect.objectContaining({ code: 'TICKET_CONCURRENT_UPDATE', retryable: true }) },
    ]);
    expect((await h.tickets.events(id)).map((e) => e.type)).toEqual(['created', 'classified', 'accepted']);
    expect(await h.dispatchJobs(id)).toHaveLength(1);
  });
});
