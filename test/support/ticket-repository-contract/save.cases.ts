import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../core/tickets/index.js';
import type { ContractContext } from './context.js';
import { AT, event } from './fixtures.js';

export function saveCases(ctx: ContractContext): void {
  describe('save', () => {
    it('bumps the version and appends the events with the change', async () => {
      const ticket = await ctx.createOk();
      const at = new Date('2026-11-23T02:10:00.000Z');
      const changed: Ticket = {
        ...ticket,
        status: 'resolved',
        assigneeId: 'eng-7',
        resolvedAt: at,
        updatedAt: at,
        resolution: {
          ...ticket.resolution,
          process: '更换硒鼓',
          parts: ['硒鼓 CF226A'],
          consumables: ['A4 纸'],
        },
      };
      const saved = await ctx.repo.save(changed, [event('resolved', at)]);
      expect(saved).toEqual({ ok: true, value: { ...changed, version: 2 } });
      expect(await ctx.repo.findById(ticket.id)).toEqual({ ...changed, version: 2 });
      expect((await ctx.repo.events(ticket.id)).map((e) => e.type)).toEqual(['created', 'resolved']);
    });

    it('keeps the order of several events saved at the same instant, and saves with none', async () => {
      const ticket = await ctx.createOk();
      const saved = await ctx.repo.save({ ...ticket, status: 'accepted' }, [
        event('classified'),
        event('accepted'),
        event('dispatched'),
      ]);
      if (!saved.ok) throw new Error(saved.error.message);
      const quiet = await ctx.repo.save({ ...saved.value, priority: 'P2' }, []);
      expect(quiet).toEqual({ ok: true, value: { ...saved.value, priority: 'P2', version: 3 } });
      const events = await ctx.repo.events(ticket.id);
      expect(events.map((e) => e.type)).toEqual(['created', 'classified', 'accepted', 'dispatched']);
      expect(events[1]).toMatchObject({
        at: AT,
        actor: { kind: 'system', id: 'dispatcher' },
        fromStatus: null,
      });
    });

    it('lets exactly one of 10 concurrent saves of one version through, with only its events', async () => {
      const ticket = await ctx.createOk();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          ctx.repo.save({ ...ticket, title: `edit ${i}` }, [{ ...event('field_changed'), data: { i } }]),
        ),
      );
      const winners = outcomes.flatMap((o, i) => (o.ok ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const o of outcomes) if (!o.ok) expect(o.error.code).toBe('TICKET_CONCURRENT_UPDATE');
      expect(await ctx.repo.findById(ticket.id)).toMatchObject({ title: `edit ${winners[0]}`, version: 2 });
      const events = await ctx.repo.events(ticket.id);
      expect(events.map((e) => e.data)).toEqual([expect.anything(), { i: winners[0] }]);
    });

    it('rejects a stale save with TICKET_CONCURRENT_UPDATE and writes nothing', async () => {
      const ticket = await ctx.createOk();
      const first = await ctx.repo.save({ ...ticket, priority: 'P1' }, [event('field_changed')]);
      expect(first.ok).toBe(true);
      const stale = await ctx.repo.save({ ...ticket, priority: 'P4' }, [event('field_changed')]);
      expect(stale.ok ? null : stale.error.code).toBe('TICKET_CONCURRENT_UPDATE');
      expect(await ctx.repo.findById(ticket.id)).toMatchObject({ priority: 'P1', version: 2 });
      expect(await ctx.repo.events(ticket.id)).toHaveLength(2);
      const missing = await ctx.repo.save({ ...ticket, id: 'gone' }, [event('field_changed')]);
      expect(missing.ok ? null : missing.error.code).toBe('TICKET_NOT_FOUND');
    });
  });
}
