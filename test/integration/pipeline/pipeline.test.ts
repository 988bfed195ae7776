import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../../adapters/queue/queue-names.js';
import { intakeJobId } from '../../../adapters/queue/queue-payloads.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { inbound } from '../../support/inbound.js';

const dispatched = (t: { status: string }) => t.status === 'dispatched';

describe('intake → classify → dispatch → acknowledgement', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(async () => p?.close());

  it('turns a web report into one classified, owned, dispatched ticket with its history', async () => {
    const receipt = await p.intake.submit(
      inbound({ text: '打印机卡纸了，打印不出来', fields: { location: '行政楼305' } }),
      { waitMs: 5000 },
    );
    expect(receipt.status).toBe('processed');
    if (receipt.status !== 'processed') return;
    expect(receipt.ticketNumber).toMatch(/^INC-\d{8}-\d{4}$/);
    expect(receipt.created).toBe(true);

    const t = await p.waitForTicket(receipt.ticketNumber, dispatched);
    expect(t.category).toBe('打印机');
    expect(['desk-a', 'desk-b']).toContain(t.ownerId);
    // The L1 printer engineer covers 行政楼 and is preferred over the L2 who covers everywhere.
    expect(t.assigneeId).toBe('eng-print');
    expect(t.dispatchCount).toBe(1);

    const events = await p.tickets.events(t.id);
    // The acknowledgement is recorded in the same intake job, so it is already there.
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'classified',
      'accepted',
      'dispatched',
      'notified',
    ]);
    const dispatch = events.find((e) => e.type === 'dispatched');
    expect(JSON.stringify(dispatch?.data)).toContain('打印机');

    // The acknowledgement reaches the web channel and is written into the ticket's conversation.
    await expect
      .poll(async () => (await p.tickets.messages(t.id)).filter((m) => m.direction === 'out').length, {
        timeout: 5000,
      })
      .toBe(1);
    const [ack] = (await p.tickets.messages(t.id)).filter((m) => m.direction === 'out');
    expect(ack?.text).toContain(t.number);
    expect(ack?.text).toContain('赵打印');
  });

  it('a redelivered message creates no second ticket', async () => {
    const message = inbound({ text: '三楼网络断了，上不了网', fields: { location: '科研楼3层' } });
    const first = await p.intake.submit(message, { waitMs: 5000 });
    const again = await p.intake.submit(message, { waitMs: 5000 });
    // Even past BullMQ's job-id dedup (job removed), the database's uniqueness holds.
    const third = await p.useCases.ingest.execute(message);
    expect(first.status).toBe('processed');
    if (first.status !== 'processed' || again.status !== 'processed' || !third.ok)
      throw new Error('not processed');
    expect(again.ticketId).toBe(first.ticketId);
    expect(third.value).toMatchObject({ ticketId: first.ticketId, duplicate: true, created: false });
    const { total } = await p.tickets.list({ limit: 200, offset: 0, channel: ['web'] });
    const same = (await p.tickets.list({ limit: 200, offset: 0 })).tickets.filter(
      (t) => t.description === message.text,
    );
    expect(same).toHaveLength(1);
    expect(total).toBeGreaterThanOrEqual(1);
  });

  it('a message naming an open ticket is a follow-up, not a new ticket', async () => {
    const first = await p.intake.submit(
      inbound({ text: '门禁刷卡开不了门', fields: { location: '图书馆' } }),
      {
        waitMs: 5000,
      },
    );
    if (first.status !== 'processed') throw new Error('not processed');
    const followUp = await p.intake.submit(
      inbound({ ticketRef: first.ticketNumber, text: `进度 #${first.ticketNumber} 还没人来吗？` }),
      {
        waitMs: 5000,
      },
    );
    expect(followUp).toMatchObject({ status: 'processed', ticketId: first.ticketId, created: false });
    const messages = await p.tickets.messages(first.ticketId);
    expect(messages.filter((m) => m.direction === 'in').map((m) => m.text)).toEqual([
      '门禁刷卡开不了门',
      `进度 #${first.ticketNumber} 还没人来吗？`,
    ]);
  });

  it('balances load: the second ticket of a kind goes to the next engineer', async () => {
    const a = await p.intake.submit(inbound({ text: '电脑蓝屏死机', fields: { location: '科研楼201' } }), {
      waitMs: 5000,
    });
    if (a.status !== 'processed') throw new Error('not processed');
    const ta = await p.waitForTicket(a.ticketNumber, dispatched);
    const b = await p.intake.submit(inbound({ text: '电脑开不了机', fields: { location: '科研楼202' } }), {
      waitMs: 5000,
    });
    if (b.status !== 'processed') throw new Error('not processed');
    const tb = await p.waitForTicket(b.ticketNumber, dispatched);
    expect(ta.assigneeId).toBe('eng-pc-l1');
    expect(tb.assigneeId).toBe('eng-pc-l2');
  });

  it('with nobody suitable the ticket stays with the desk and says why', async () => {
    const r = await p.intake.submit(inbound({ text: '你好，想咨询一下明天的安排' }), { waitMs: 5000 });
    if (r.status !== 'processed') throw new Error('not processed');
    await expect
      .poll(async () => (await p.tickets.events(r.ticketId)).map((e) => e.type), { timeout: 5000 })
      .toContain('triage_needed');
    const t = await p.tickets.findById(r.ticketId);
    expect(t).toMatchObject({ status: 'accepted', category: '其他', assigneeId: null });
    expect(t?.ownerId).toBeTruthy();
  });

  it('the same message again after its intake job gave up starts that job again', async () => {
    const message = inbound({ text: '打印机卡纸了', fields: { location: '行政楼3层' } });
    // Its job failed for good earlier (here: a payload that cannot be read, mended afterwards).
    const queue = p.scheduler.queue(QUEUES.intake);
    const job = await queue.add(
      'intake',
      { channel: 'pigeon' },
      { jobId: intakeJobId('web', message.externalId) },
    );
    await expect.poll(async () => job.getState(), { timeout: 5000 }).toBe('failed');
    await job.updateData(message);
    const receipt = await p.intake.submit(message);
    expect(receipt.status).toBe('queued');
    await expect.poll(async () => job.getState(), { timeout: 5000 }).toBe('completed');
    const same = (await p.tickets.list({ limit: 200, offset: 0 })).tickets.filter(
      (t) => t.description === message.text && t.location === '行政楼3层',
    );
    expect(same).toHaveLength(1);
  });

  it('a bad payload fails once, permanently, with its reason', async () => {
    const job = await p.scheduler
      .queue(QUEUES.intake)
      .add('intake', { channel: 'pigeon', text: 1 }, { jobId: 'bad-1' });
    await expect.poll(async () => job.getState(), { timeout: 5000 }).toBe('failed');
    const failed = await p.scheduler.queue(QUEUES.intake).getJob('bad-1');
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/Invalid job payload: .*channel/);
  });
});
