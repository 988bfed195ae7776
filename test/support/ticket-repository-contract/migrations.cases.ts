import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';

export function migrationsCases(ctx: ContractContext): void {
  it('treats a second migrate as a no-op', async () => {
    const ticket = await ctx.createOk();
    const migrations = async () => {
      const result = await ctx.database.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      return (result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n;
    };
    const before = await migrations();
    expect(before).toBeGreaterThanOrEqual(2);
    await ctx.database.migrate();
    await ctx.database.ping();
    expect(await migrations()).toBe(before);
    expect(await ctx.repo.findById(ticket.id)).toEqual(ticket);
  });
}
