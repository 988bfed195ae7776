import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DrizzleChatConversationRepository } from '../../../adapters/db/chat-conversation.repository.js';
import { openDatabase, type Database } from '../../../adapters/db/index.js';
import type { BurstDraft, DraftLine } from '../../../core/intake/index.js';
import { createTestDatabase } from '../../support/postgres-server.js';

const T0 = new Date('2026-12-05T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let senders = 0;
function draft(over: Partial<BurstDraft> = {}): BurstDraft {
  senders++;
  return {
    id: randomUUID(),
    channel: 'wechat',
    conversationKey: 'room-1@chatroom',
    conversation: { id: 'room-1@chatroom', title: '报修群' },
    senderKey: `wx-${senders}`,
    sender: { name: `老师${senders}`, externalId: `wx-${senders}` },
    status: 'open',
    reason: 'mentions_bot',
    openedAt: T0,
    lastAt: T0,
    closesAt: at(2),
    ticketId: null,
    ticketNumber: null,
    ...over,
  };
}

let lines = 0;
const line = (seconds: number, text = '打印机卡纸了'): DraftLine => ({
  externalId: `msg-${++lines}`,
  text,
  kind: 'text',
  attachments: [],
  at: at(seconds),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function behaves(name: string, open: () => Promise<Database>) {
  describe(`chat drafts on ${name}`, () => {
    let database: Database;
    let repo: DrizzleChatConversationRepository;
    beforeAll(async () => {
      database = await open();
      await database.migrate();
      repo = new DrizzleChatConversationRepository(database.db);
    });
    afterAll(async () => database.close());

    it('opens one draft per reporter; a second open returns the first with its line kept', async () => {
      const first = draft();
      const opened = await repo.openDraft(first, line(0));
      expect(opened).toEqual({ created: true, draft: first });
      const again = await repo.openDraft({ ...first, id: randomUUID() }, line(0.5, '在行政楼305'));
      expect(again).toEqual({ created: false, draft: first });
      const closed = await repo.closeDraft(first.id);
      expect(closed?.lines.map((l) => l.text)).toEqual(['打印机卡纸了']);
    });

    it('a line moves the window and the last line only later, and a redelivered line moves nothing', async () => {
      const d = draft({ closesAt: at(5) });
      await repo.openDraft(d, line(0));
      const early = await repo.addLine(d, line(1), at(3));
      expect(early).toMatchObject({ added: true, draft: { lastAt: at(1), closesAt: at(5) } });
      const late = line(4, '联想台式机');
      expect(await repo.addLine(d, late, at(6))).toMatchObject({
        added: true,
        draft: { lastAt: at(4), closesAt: at(6) },
      });
      expect(await repo.addLine(d, { ...late, at: at(9) }, at(11))).toEqual({
        added: false,
        reason: 'duplicate',
      });
      expect(await repo.findDraft(d.id)).toMatchObject({ lastAt: at(4), closesAt: at(6) });
    });

    it('a report line makes a tentative draft a report; a settled reason stays', async () => {
      const pictures = draft({ reason: 'media_alone' });
      await repo.openDraft(pictures, { ...line(0, ''), kind: 'image' });
      const promoted = await repo.addLine(pictures, line(1), at(3), 'mentions_bot');
      expect(promoted).toMatchObject({ added: true, draft: { reason: 'mentions_bot' } });
      const settled = draft({ reason: 'report_prefix' });
      await repo.openDraft(settled, line(0));
      const kept = await repo.addLine(settled, line(1), at(3), 'mentions_bot');
      expect(kept).toMatchObject({ added: true, draft: { reason: 'report_prefix' } });
    });

    it('closes once: later lines are refused, the lines come back in order with their attachments', async () => {
      const d = draft();
      const photo = { name: '卡纸.jpg', contentType: 'image/jpeg', size: 12, storagePath: 'a/b.jpg' };
      await repo.openDraft(d, line(0));
      await repo.addLine(d, { ...line(1, ''), kind: 'image', attachments: [photo] }, at(3));
      const closed = await repo.closeDraft(d.id);
      expect(closed?.draft.status).toBe('closing');
      expect(closed?.lines.map((l) => [l.kind, l.attachments])).toEqual([
        ['text', []],
        ['image', [photo]],
      ]);
      expect(await repo.addLine(d, line(2), at(4))).toEqual({ added: false, reason: 'closed' });
      // A timer firing twice closes nothing new and still gets the lines.
      expect((await repo.closeDraft(d.id))?.lines).toHaveLength(2);
      expect(await repo.closeDraft(randomUUID())).toBeNull();
    });

    it('a line that repeats one of another draft is refused and opens nothing', async () => {
      const first = line(0);
      await repo.openDraft(draft(), first);
      const second = draft();
      await expect(repo.openDraft(second, first)).rejects.toThrow();
      expect(await repo.findDraft(second.id)).toBeNull();
    });
  });
}

behaves('embedded PGlite', () => openDatabase({ dataDir: tmpdir(), inMemory: true }));
behaves('a PostgreSQL server', async () =>
  openDatabase({ databaseUrl: await createTestDatabase(inject('postgresUrl')), dataDir: tmpdir() }),
);

describe('chat drafts on a PostgreSQL server, two writers at once', () => {
  let url: string;
  let database: Database;
  let repo: DrizzleChatConversationRepository;
  let other: pg.Client;
  beforeAll(async () => {
    url = await createTestDatabase(inject('postgresUrl'));
    database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() });
    await database.migrate();
    repo = new DrizzleChatConversationRepository(database.db);
    other = new pg.Client({ connectionString: url });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await database.close();
  });

  it('a close that comes while a line is being added waits for it, and returns that line', async () => {
    const d = draft();
    await repo.openDraft(d, line(0));
    await other.query('begin');
    await other.query(`select 1 from chat_drafts where id = $1 for update`, [d.id]);
    await other.query(
      `insert into chat_draft_lines (draft_id, channel, external_id, text, kind, at) values ($1, 'wechat', $2, '在305', 'text', $3)`,
      [d.id, `late-${d.id}`, at(1)],
    );
    let settled = false;
    const closing = repo.closeDraft(d.id).finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    await other.query('commit');
    const closed = await closing;
    expect(closed?.lines.map((l) => l.text)).toEqual(['打印机卡纸了', '在305']);
  });

  it('a line that comes while the draft is being closed waits, then is refused as closed', async () => {
    const d = draft();
    await repo.openDraft(d, line(0));
    await other.query('begin');
    await other.query(`update chat_drafts set status = 'closing' where id = $1`, [d.id]);
    let settled = false;
    const adding = repo.addLine(d, line(1), at(3)).finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    await other.query('commit');
    expect(await adding).toEqual({ added: false, reason: 'closed' });
    expect((await repo.closeDraft(d.id))?.lines).toHaveLength(1);
  });
});
