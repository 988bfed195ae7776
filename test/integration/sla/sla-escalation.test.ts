import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyQueue } from '../../../adapters/queue/queue-names.js';
import { startTimerRole, type TimerRole } from '../../../cli/runtime/timers-role.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import {
  TicketActionsUseCase,
  type TicketActionRequest,
} from '../../../core/use-cases/ticket-actions/index.js';
import { inbound } from '../../support/inbound.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { testDesk } from '../../support/test-desk.js';
import { waitUntil } from './timer-harness.js';

/**
 * The desk's clock runs 57 s behind the wall clock, so a 1-minute response window opened "now"
 * ends 3 s from now in real time: real BullMQ delays, short test.
 */
const LAG_MS = 57_000;

describe('SLA timers on a real pipeline: reminders, breach, escalation', () => {
  let p: Pipeline;
  let role: TimerRole;

  beforeAll(async () => {
    const base = testDesk();
    const desk = testDesk({
      people: base.people.map((x) => (x.role === 'engineer' ? { ...x, email: `${x.id}@example.edu.cn` } : x)),
      sla: {
        responseMinutes: 1,
        vendors: { 打印机: { name: '惠普维保', phone: '4008000000', email: 'hp@vendor.example.com' } },
      },
    });
    p = await startPipeline({
      desk,
      clock: { now: () => new Date(Date.now() - LAG_MS) },
      enabledChannels: ['web', 'email'],
    });
    role = await startTimerRole({
      timers: p.timers,
      redisUrl: p.redisUrl,
      prefix: p.prefix,
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await role?.close();
    await p?.close();
  });

  it('reminds the engineer, escalates at breach to the L2 engineer, then to the vendor, once each', async () => {
    const receipt = await p.intake.submit(inbound({ text: '行政楼305 打印机卡纸了，打印不出来' }), {
      waitMs: 10_000,
    });
    if (receipt.status !== 'processed') throw new Error('intake did not run');
    const first = await p.waitForTicket(receipt.ticketNumber, (t) => t.status === 'dispatched');
    expect(first.assigneeId).toBe('eng-print');

    // Cycle 1 breaches ~3 s after dispatch: escalated to 孙二线 (L2, 打印机 skill).
    const escalated = await p.waitForTicket(
      receipt.ticketNumber,
      (t) => t.assigneeId === 'eng-pc-l2',
      20_000,
    );
    expect(escalated.dispatchCount).toBe(2);
    // Cycle 2 breaches ~3 s later: nobody above L2 has the skill, so the vendor is told.
    await waitUntil(async () => (await p.sla.breaches.list(first.id)).length === 2, 20_000);
    await waitUntil(async () =>
      (await p.sla.breaches.list(first.id)).every((b) => b.escalatedTo || b.vendor),
    );

    const breaches = await p.sla.breaches.list(first.id);
    expect(breaches.map((b) => [b.target, b.cycle, b.assigneeId, b.escalatedTo, b.vendor])).toEqual([
      ['response', 1, 'eng-print', 'eng-pc-l2', null],
      ['response', 2, 'eng-pc-l2', null, '惠普维保'],
    ]);
    for (const b of breaches) expect(b.breachedAt.getTime() - b.dueAt.getTime()).toBeLessThan(3_000);

    const events = await p.tickets.events(first.id);
    const sla = events.filter((e) => e.type === 'sla_reminder' || e.type === 'sla_breached');
    expect(sla.map((e) => [e.type, e.data.timer, e.data.cycle])).toEqual([
      ['sla_reminder', 'sla.response-reminder-1', 1],
      ['sla_reminder', 'sla.response-reminder-2', 1],
      ['sla_breached', 'sla.response-breach', 1],
      ['sla_reminder', 'sla.response-reminder-1', 2],
      ['sla_reminder', 'sla.response-reminder-2', 2],
      ['sla_breached', 'sla.response-breach', 2],
    ]);
    expect(events.filter((e) => e.type === 'escalated')).toHaveLength(1);

    const slaMails = async () =>
      (await p.scheduler.queue(notifyQueue('email')).getJobs())
        .map((j) => j.data as Notification)
        .filter((n) => n.ticketId === first.id && n.id.startsWith('sla-'));
    // The vendor is told last; give the handler a moment after the breach row was completed.
    await waitUntil(async () => (await slaMails()).some((n) => n.purpose === 'escalation'));
    const mails = await slaMails();
    const ids = mails.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const to = (purpose: string) =>
      mails
        .filter((n) => n.purpose === purpose)
        .map((n) => n.to.address)
        .sort();
    expect(to('reminder')).toEqual([
      'eng-pc-l2@example.edu.cn',
      'eng-pc-l2@example.edu.cn',
      'eng-print@example.edu.cn',
      'eng-print@example.edu.cn',
    ]);
    expect(to('breach')).toEqual(['eng-pc-l2@example.edu.cn', 'mgr@example.edu.cn', 'mgr@example.edu.cn']);
    expect(to('escalation')).toEqual(['hp@vendor.example.com']);

    // Timers that fired stay fired; the resolution window still runs.
    const timers = await p.timers.scheduler.list(first.id, 'sla.');
    expect(timers.filter((t) => t.kind.startsWith('sla.response')).every((t) => t.state === 'fired')).toBe(
      true,
    );
    expect(timers.find((t) => t.kind === 'sla.resolution-breach')?.state).toBe('pending');
  });

  it('acknowledging cancels the response timers; resolving cancels everything', async () => {
    const receipt = await p.intake.submit(inbound({ text: '行政楼201 打印机不出纸' }), { waitMs: 10_000 });
    if (receipt.status !== 'processed') throw new Error('intake did not run');
    const t = await p.waitForTicket(receipt.ticketNumber, (x) => x.status === 'dispatched');
    const actions = new TicketActionsUseCase({
      tickets: p.tickets,
      people: p.people,
      clock: p.clock,
      desk: p.desk,
    });
    const act = async (request: TicketActionRequest) => {
      const done = await actions.execute({
        ticket: { id: t.id },
        actor: { kind: 'person', id: 'eng-print', name: '赵打印' },
        channel: 'web',
        request,
      });
      if (!done.ok) throw new Error(done.error.message);
    };
    const queuedSla = async () =>
      (await p.timers.queue.getJobs(['delayed', 'waiting']))
        .map((j) => j.data as { ticketId: string; kind: string })
        .filter((j) => j.ticketId === t.id && j.kind.startsWith('sla.'))
        .map((j) => j.kind);
    // The response breach is due within the queue's horizon, so its job is there until cancelled;
    // the arrival and resolution deadlines are hours away and wait in their rows.
    await expect.poll(queuedSla, { timeout: 2_000 }).toContain('sla.response-breach');
    expect(await queuedSla()).not.toContain('sla.resolution-breach');
    await act({ action: 'acknowledge' });
    const states = async () =>
      Object.fromEntries((await p.timers.scheduler.list(t.id, 'sla.')).map((x) => [x.kind, x.state]));
    expect(await states()).toMatchObject({
      'sla.response-breach': 'cancelled',
      'sla.arrival-breach': 'pending',
      'sla.resolution-breach': 'pending',
    });
    await act({ action: 'arrive' });
    expect(await states()).toMatchObject({
      'sla.arrival-breach': 'cancelled',
      'sla.resolution-breach': 'pending',
    });
    await act({ action: 'resolve', process: '更换搓纸轮', parts: [], consumables: [], remote: false });
    const timers = await p.timers.scheduler.list(t.id, 'sla.');
    expect(timers.filter((x) => x.state === 'pending')).toEqual([]);
    expect(await queuedSla()).toEqual([]);
  });
});
