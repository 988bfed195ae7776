import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { NewTicket, Ticket } from '../../../core/tickets/index.js';
import type { ContractContext } from './context.js';
import { newTicket } from './fixtures.js';

export function queriesCases(ctx: ContractContext): void {
  describe('queries', () => {
    const seed = async () => {
      const base = Date.parse('2026-11-23T01:00:00.000Z');
      const specs: Array<Partial<NewTicket>> = [
        { status: 'new', channel: 'web', category: '打印机' },
        {
          status: 'dispatched',
          channel: 'wechat',
          category: '网络',
          assigneeId: 'eng-1',
          ownerId: 'desk-1',
        },
        {
          status: 'in_progress',
          channel: 'email',
          category: '网络',
          assigneeId: 'eng-1',
          ownerId: 'desk-1',
        },
        { status: 'resolved', channel: 'wechat', category: '电脑', assigneeId: 'eng-1', ownerId: 'desk-2' },
        { status: 'pending', channel: 'phone', category: '电脑', assigneeId: 'eng-2', ownerId: 'desk-2' },
        { status: 'closed', channel: 'alert', category: null, assigneeId: 'eng-2', ownerId: 'desk-1' },
      ];
      const created: Ticket[] = [];
      for (const [i, spec] of specs.entries()) {
        const createdAt = new Date(base + i * 60_000);
        created.push(
          await ctx.createOk({ ticket: { ...newTicket(), createdAt, updatedAt: createdAt, ...spec } }),
        );
      }
      return created;
    };

    it('lists newest first with filters, paging and the total', async () => {
      const t = await seed();
      const numbers = async (filter: Parameters<typeof ctx.repo.list>[0]) => {
        const page = await ctx.repo.list(filter);
        return { numbers: page.tickets.map((x) => x.number), total: page.total };
      };
      const n = (i: number) => t[i]?.number;
      expect(await numbers({ limit: 50, offset: 0 })).toEqual({
        numbers: [5, 4, 3, 2, 1, 0].map(n),
        total: 6,
      });
      expect(await numbers({ limit: 2, offset: 1 })).toEqual({ numbers: [n(4), n(3)], total: 6 });
      expect(await numbers({ status: ['dispatched', 'pending'], limit: 50, offset: 0 })).toEqual({
        numbers: [n(4), n(1)],
        total: 2,
      });
      expect(await numbers({ channel: ['wechat'], category: ['电脑'], limit: 50, offset: 0 })).toEqual({
        numbers: [n(3)],
        total: 1,
      });
      expect(await numbers({ assigneeId: 'eng-1', ownerId: 'desk-1', limit: 1, offset: 0 })).toEqual({
        numbers: [n(2)],
        total: 2,
      });
      expect(await numbers({ status: [], channel: [], limit: 50, offset: 0 })).toMatchObject({ total: 6 });
      expect(await numbers({ category: ['门禁系统'], limit: 50, offset: 0 })).toEqual({
        numbers: [],
        total: 0,
      });
    });

    it('counts open tickets per assignee and per owner', async () => {
      await seed();
      expect(await ctx.repo.openCountsByAssignee(['eng-1', 'eng-2', 'eng-9'])).toEqual(
        new Map([
          ['eng-1', 2],
          ['eng-2', 1],
        ]),
      );
      expect(await ctx.repo.openCountsByOwner(['desk-1', 'desk-2'])).toEqual(
        new Map([
          ['desk-1', 2],
          ['desk-2', 1],
        ]),
      );
      expect(await ctx.repo.openCountsByAssignee([])).toEqual(new Map());
    });

    it('moves the open counts with every change of status, assignee or owner, by any writer', async () => {
      const counts = async () => [
        Object.fromEntries(await ctx.repo.openCountsByAssignee(['eng-1', 'eng-2'])),
        Object.fromEntries(await ctx.repo.openCountsByOwner(['desk-1', 'desk-2'])),
      ];
      const spec = { status: 'dispatched' as const, assigneeId: 'eng-1', ownerId: 'desk-1' };
      const t = await ctx.createOk({ ticket: { ...newTicket(), ...spec } });
      await ctx.createOk({ ticket: { ...newTicket(), ...spec, status: 'closed' } });
      expect(await counts()).toEqual([{ 'eng-1': 1 }, { 'desk-1': 1 }]);
      const saved = async (ticket: Ticket) => {
        const result = await ctx.repo.save(ticket, []);
        if (!result.ok) throw new Error(result.error.message);
        return result.value;
      };
      const moved = await saved({ ...t, assigneeId: 'eng-2', ownerId: 'desk-2' });
      expect(await counts()).toEqual([{ 'eng-2': 1 }, { 'desk-2': 1 }]);
      const retitled = await saved({ ...moved, title: 'still open' });
      expect(await counts()).toEqual([{ 'eng-2': 1 }, { 'desk-2': 1 }]);
      const resolved = await saved({ ...retitled, status: 'resolved' });
      expect(await counts()).toEqual([{}, {}]);
      await saved({ ...resolved, status: 'in_progress', assigneeId: null });
      expect(await counts()).toEqual([{}, { 'desk-2': 1 }]);
      await ctx.database.db.execute(sql`update tickets set assignee_id = 'eng-1', owner_id = null`);
      expect(await counts()).toEqual([{ 'eng-1': 1 }, {}]);
      await ctx.database.db.execute(sql`insert into tickets select (jsonb_populate_record(null::tickets,
        to_jsonb(t) || '{"id": "copy", "number": "INC-COPY", "status": "new"}')).* from tickets t where id = ${t.id}`);
      expect(await counts()).toEqual([{ 'eng-1': 2 }, {}]);
    });
  });
}
