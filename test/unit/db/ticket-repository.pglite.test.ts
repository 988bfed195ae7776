import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DrizzleTicketRepository, openDatabase } from '../../../adapters/db/index.js';
import {
  createdEvent,
  message,
  newTicket,
  ticketRepositoryContract,
} from '../../support/ticket-repository-contract/index.js';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'deskbot-pglite-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

ticketRepositoryContract('DrizzleTicketRepository on PGlite', async () => {
  const database = await openDatabase({ dataDir: await tempDir(), inMemory: true });
  await database.migrate();
  return database;
});

describe('PGlite data directory', () => {
  it('keeps tickets and the day counter across close and reopen', { timeout: 120_000 }, async () => {
    const dataDir = await tempDir();
    const input = (externalId: string) => ({
      ticket: newTicket(),
      localDate: '2026-11-23',
      prefix: 'INC',
      message: message(externalId),
      event: createdEvent(),
    });

    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('pglite');
    await first.migrate();
    const created = await new DrizzleTicketRepository(first.db).create(input('form-1'));
    await first.close();
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    if (!created.created) throw new Error('expected a new ticket');

    const second = await openDatabase({ dataDir });
    try {
      await second.migrate();
      const repo = new DrizzleTicketRepository(second.db);
      expect(await repo.findByNumber('INC-20261123-0001')).toEqual(created.ticket);
      expect(await repo.create(input('form-1'))).toEqual({ created: false, ticketId: created.ticket.id });
      const next = await repo.create(input('form-2'));
      expect(next.created && next.ticket.number).toBe('INC-20261123-0002');
    } finally {
      await second.close();
    }
  });
});
