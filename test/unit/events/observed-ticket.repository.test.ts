import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleTicketRepository, openDatabase, type Database } from '../../../adapters/db/index.js';
import { ObservedTicketRepository } from '../../../adapters/events/observed-ticket.repository.js';
import type { TicketChange } from '../../../core/ports/ticket-change.port.js';
import { SYSTEM } from '../../../core/tickets/ticket-event.js';
import { transition } from '../../../core/tickets/ticket-lifecycle.js';
import { AT, createdEvent, message, newTicket } from '../../support/ticket-repository-contract/fixtures.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('ObservedTicketRepository', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskbot-observed-'));
    database = await openDatabase({ dataDir: dir, inMemory: true });
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('tells every listener about a created and a saved ticket, after the write, and not about a redelivery', async () => {
    const errors: object[] = [];
    const logger = { ...silent, error: (obj: object) => errors.push(obj) };
    const repo = new ObservedTicketRepository(new DrizzleTicketRepository(database.db), logger);
    const seen: TicketChange[] = [];
    repo.observe({
      name: 'failing',
      onChange: () => Promise.reject(new Error('redis is down')),
    });
    repo.observe({
      name: 'recorder',
      async onChange(change) {
        // The change is stored before listeners run.
        expect((await repo.findById(change.ticket.id))?.version).toBe(change.ticket.version);
        seen.push(change);
      },
    });

    const input = {
      ticket: newTicket(),
      localDate: '2026-11-23',
      prefix: 'INC',
      message: message('observed-1'),
      event: createdEvent(),
    };
    const created = await repo.create(input);
    if (!created.created) throw new Error('expected a new ticket');
    expect(await repo.create(input)).toEqual({ created: false, ticketId: created.ticket.id });

    const accepted = transition(created.ticket, 'accept', {
      at: AT,
      actor: SYSTEM('test'),
      channel: 'system',
      ownerId: 'desk-1',
    });
    if (!accepted.ok) throw new Error(accepted.error.code);
    const saved = await repo.save(accepted.value.ticket, [accepted.value.event]);
    expect(saved.ok).toBe(true);

    expect(seen.map((c) => c.events.map((e) => e.type))).toEqual([['created'], ['accepted']]);
    expect(seen[1]?.ticket.status).toBe('accepted');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ listener: 'failing', err: 'redis is down' });
  });

  it('tells a caller its change is stored before the listeners run, and save still waits for them', async () => {
    const repo = new ObservedTicketRepository(new DrizzleTicketRepository(database.db), silent);
    const log: string[] = [];
    repo.observe({ name: 'recorder', onChange: async () => void log.push('listener') });
    const created = await repo.create({
      ticket: newTicket(),
      localDate: '2026-11-23',
      prefix: 'INC',
      message: message('observed-3'),
      event: createdEvent(),
    });
    if (!created.created) throw new Error('expected a new ticket');
    log.length = 0;
    const accepted = transition(created.ticket, 'accept', {
      at: AT,
      actor: SYSTEM('test'),
      channel: 'system',
      ownerId: 'desk-1',
    });
    if (!accepted.ok) throw new Error(accepted.error.code);
    const saved = await repo.save(accepted.value.ticket, [accepted.value.event], {
      onStored: () => log.push('stored'),
    });
    log.push('returned');
    expect(saved.ok).toBe(true);
    expect(log).toEqual(['stored', 'listener', 'returned']);

    const stale = await repo.save(accepted.value.ticket, [], { onStored: () => log.push('stale stored') });
    expect(stale.ok).toBe(false);
    expect(log).not.toContain('stale stored');
  });

  it('does not call listeners when a stale save is refused', async () => {
    const repo = new ObservedTicketRepository(new DrizzleTicketRepository(database.db), silent);
    const calls: string[] = [];
    repo.observe({ name: 'recorder', onChange: async (c) => void calls.push(c.ticket.status) });
    const created = await repo.create({
      ticket: newTicket(),
      localDate: '2026-11-23',
      prefix: 'INC',
      message: message('observed-2'),
      event: createdEvent(),
    });
    if (!created.created) throw new Error('expected a new ticket');
    const stale = { ...created.ticket, version: created.ticket.version + 5 };
    const saved = await repo.save(stale, []);
    expect(saved.ok).toBe(false);
    expect(calls).toEqual(['new']);
  });
});
