import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DrizzleTicketRepository, openDatabase } from '../../../adapters/db/index.js';
import { resolveMigrationsFolder } from '../../../adapters/db/migrations-folder.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of the migrations folder whose journal stops before the migration tagged `before`. */
async function migrationsUpTo(before: string): Promise<{ folder: string; restore(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'deskbot-migrations-'));
  dirs.push(folder);
  await cp(resolveMigrationsFolder(), folder, { recursive: true });
  const file = join(folder, 'meta', '_journal.json');
  const full = await readFile(file, 'utf8');
  const journal = JSON.parse(full) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag.includes(before));
  expect(cut).toBeGreaterThan(0);
  await writeFile(file, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return { folder, restore: () => writeFile(file, full) };
}

describe('ticket_person_counts migration', () => {
  it('counts the tickets a database already holds when it is added', { timeout: 60_000 }, async () => {
    const migrations = await migrationsUpTo('ticket_person_counts');
    const database = await openDatabase({
      dataDir: tmpdir(),
      inMemory: true,
      migrationsFolder: migrations.folder,
    });
    try {
      await database.migrate();
      await database.db.execute(sql`
        insert into tickets (id, number, status, channel, type, priority, title, description,
          reporter_name, reported_at, created_at, updated_at, assignee_id, owner_id)
        select 't' || g, 'INC-20261123-' || lpad(g::text, 4, '0'),
          (array['dispatched', 'in_progress', 'closed'])[g % 3 + 1], 'web', 'fault', 'P3', 'x', 'y', 'r',
          now(), now(), now(), 'eng-' || (g % 2), case when g % 4 = 0 then null else 'desk-1' end
        from generate_series(1, 12) g`);
      await migrations.restore();
      await database.migrate();
      const repo = new DrizzleTicketRepository(database.db);
      // Open: g % 3 in (0, 1), i.e. g in 1,3,4,6,7,9,10,12; eng-(g % 2); owner unless g % 4 = 0.
      expect(await repo.openCountsByAssignee(['eng-0', 'eng-1'])).toEqual(
        new Map([
          ['eng-0', 4],
          ['eng-1', 4],
        ]),
      );
      expect(await repo.openCountsByOwner(['desk-1'])).toEqual(new Map([['desk-1', 6]]));
    } finally {
      await database.close();
    }
  });
});
