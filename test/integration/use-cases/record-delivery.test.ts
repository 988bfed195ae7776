import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import { inbound } from '../../support/inbound.js';
import { SHIFT_NOW } from './shift-desk.js';
import { UseCaseHarness } from './use-case-harness.js';

describe('RecordDeliveryUseCase on PGlite', () => {
  let h: UseCaseHarness;
  beforeAll(async () => {
    h = await UseCaseHarness.open();
  });
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  /** A dispatched web report and the notifications dispatch queued for it. */
  const dispatched = async (): Promise<{ ticketId: string; sent: Notification[] }> => {
    const t = await h.report(inbound({ text: '打印机卡纸了', fields: { location: '行政楼305' } }), [
      'web',
      'wechat',
    ]);
    return { ticketId: t.id, sent: await h.notifications(t.id) };
  };
  const outgoing = async (ticketId: string) =>
    (await h.tickets.messages(ticketId)).filter((m) => m.direction === 'out');
  const notified = async (ticketId: string) =>
    (await h.tickets.events(ticketId)).filter((e) => e.type === 'notified');

  it('writes what was said into the conversation and the audit trail', async () => {
    const { ticketId, sent } = await dispatched();
    const ack = sent.find((n) => n.purpose === 'acknowledgement');
    if (!ack) throw new Error('no acknowledgement queued');

    expect(await h.recordDelivery().execute(ack, { providerId: 'web-1' })).toEqual({
      ok: true,
      value: { recorded: true },
    });
    expect(await outgoing(ticketId)).toEqual([
      expect.objectContaining({
        channel: 'web',
        externalId: `out:${ack.id}`,
        direction: 'out',
        senderName: 'deskbot',
        senderPersonId: null,
        text: ack.text,
        at: new Date(SHIFT_NOW),
      }),
    ]);
    expect(await notified(ticketId)).toEqual([
      expect.objectContaining({
        actor: { kind: 'system', id: 'notifier', name: 'notifier' },
        channel: 'web',
        data: { purpose: 'acknowledgement', to: ack.to, notificationId: ack.id, providerId: 'web-1' },
      }),
    ]);
  });

  it('records each notification id once, however often it is delivered', async () => {
    const { ticketId, sent } = await dispatched();
    const [ack, prompt] = sent;
    if (!ack || !prompt) throw new Error('expected an acknowledgement and a dispatch prompt');
    const record = h.recordDelivery();

    expect(await record.execute(ack)).toEqual({ ok: true, value: { recorded: true } });
    expect(await record.execute(ack)).toEqual({ ok: true, value: { recorded: false } });
    const atOnce = await Promise.all([record.execute(prompt), record.execute(prompt)]);
    expect(atOnce.map((r) => r.ok && r.value.recorded).sort()).toEqual([false, true]);

    expect((await outgoing(ticketId)).map((m) => m.externalId).sort()).toEqual(
      [`out:${ack.id}`, `out:${prompt.id}`].sort(),
    );
    expect((await notified(ticketId)).map((e) => e.data.notificationId).sort()).toEqual(
      [ack.id, prompt.id].sort(),
    );
  });

  it('has nothing to record for a notification about no ticket', async () => {
    const r = await h.recordDelivery().execute({
      id: 'status-1',
      channel: 'web',
      purpose: 'status',
      ticketId: null,
      ticketNumber: null,
      to: { personId: null, name: '某人', address: null, conversationId: null },
      text: '服务台今天 18:00 后转夜班',
    });
    expect(r).toEqual({ ok: true, value: { recorded: false } });
  });
});
