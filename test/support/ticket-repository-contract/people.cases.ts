import { describe, expect, it } from 'vitest';
import type { Person } from '../../../core/desk/index.js';
import type { ContractContext } from './context.js';
import { person } from './fixtures.js';

export function peopleCases(ctx: ContractContext): void {
  describe('people', () => {
    it('syncs the roster: inserts, updates, deactivates, and reports how many', async () => {
      const roster = [person('alice'), person('bob'), person('carol')];
      expect(await ctx.people.syncRoster(roster)).toEqual({ inserted: 3, updated: 0, deactivated: 0 });
      expect(await ctx.people.list()).toEqual(roster);
      expect(await ctx.people.syncRoster(roster)).toEqual({ inserted: 0, updated: 0, deactivated: 0 });
      const bob: Person = { ...person('bob'), name: '鲍勃', skills: ['网络'], level: 3 };
      expect(await ctx.people.syncRoster([person('alice'), bob, person('dave')])).toEqual({
        inserted: 1,
        updated: 1,
        deactivated: 1,
      });
      expect(await ctx.people.findById('bob')).toEqual(bob);
      expect(await ctx.people.findById('carol')).toEqual({ ...person('carol'), active: false });
      expect(await ctx.people.findById('nobody')).toBeNull();
      expect(await ctx.people.syncRoster([person('alice'), bob, person('dave'), person('carol')])).toEqual({
        inserted: 0,
        updated: 1,
        deactivated: 0,
      });
      expect(await ctx.people.syncRoster([])).toEqual({ inserted: 0, updated: 0, deactivated: 4 });
    });

    it('matches a sender by email, phone digits, WeChat id or Telegram id, active people only', async () => {
      await ctx.people.syncRoster([
        person('alice', { email: 'Alice@Example.com', phone: '+86 138-0013-8000' }),
        person('bob', { phone: '13900139000', wechatId: 'wxid_bob' }),
        person('carol', { telegramId: '424242', email: 'carol@example.com' }),
      ]);
      const match = async (sender: Partial<Parameters<typeof ctx.people.matchSender>[0]>) =>
        (await ctx.people.matchSender({ name: 'someone', ...sender }))?.id ?? null;
      expect(await match({ email: 'alice@example.COM' })).toBe('alice');
      expect(await match({ phone: '86 13800138000' })).toBe('alice');
      expect(await match({ phone: '139 0013 9000' })).toBe('bob');
      expect(await match({ wechatId: 'wxid_bob' })).toBe('bob');
      expect(await match({ telegramId: '424242' })).toBe('carol');
      // Email outranks the other identifiers when they point at different ctx.people.
      expect(await match({ wechatId: 'wxid_bob', email: 'carol@example.com' })).toBe('carol');
      expect(await match({ phone: '---', wechatId: 'wxid_nobody' })).toBeNull();
      expect(await match({})).toBeNull();
      await ctx.people.syncRoster([
        person('alice', { email: 'Alice@Example.com', phone: '+86 138-0013-8000' }),
      ]);
      expect(await match({ wechatId: 'wxid_bob' })).toBeNull();
    });

    it('matches a burst of senders, each to its own roster entry', async () => {
      await ctx.people.syncRoster([
        person('alice', { email: 'alice@example.com', phone: '13800138000' }),
        person('bob', { wechatId: 'wxid_bob', telegramId: '77' }),
      ]);
      const senders: Array<Partial<Parameters<typeof ctx.people.matchSender>[0]>> = [
        { phone: '138 0013 8000' },
        { telegramId: '77' },
        { email: 'nobody@example.com' },
        { wechatId: 'wxid_bob', email: 'ALICE@example.com' },
        {},
        { telegramId: '77', phone: '13800138000' },
      ];
      const matched = await Promise.all(senders.map((s) => ctx.people.matchSender({ name: 'x', ...s })));
      expect(matched.map((p) => p?.id ?? null)).toEqual(['alice', 'bob', null, 'alice', null, 'alice']);
      expect(matched[0]).toEqual(person('alice', { email: 'alice@example.com', phone: '13800138000' }));
    });
  });
}
