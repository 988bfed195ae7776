import { readdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxStateRepository } from '../../../adapters/email/mailbox-state.repository.js';
import { eventually, startEmailHarness, type EmailHarness } from './email-harness.js';

const report = (n: number, from = `user${n}@example.cn`, extra = '') =>
  [
    `From: 用户${n} <${from}>`,
    'To: helpdesk@desk.example.cn',
    `Subject: =?UTF-8?B?${Buffer.from(`报修 ${n}：电脑无法开机`).toString('base64')}?=`,
    `Message-ID: <report-${n}@example.cn>`,
    'Date: Mon, 23 Nov 2026 08:00:00 +0800',
    'Content-Type: text/plain; charset=utf-8',
    extra,
    '',
    `第 ${n} 号报修：办公室电脑无法开机`,
    '',
  ]
    .filter((l, i) => l !== '' || i > 5)
    .join('\r\n');

describe('email intake survives restarts, dropped connections and UIDVALIDITY changes', () => {
  let h: EmailHarness;
  let state: MailboxStateRepository;
  const ticketCount = async () => (await h.emailTickets()).length;

  beforeAll(async () => {
    h = await startEmailHarness({ acknowledgementsPerHour: 2 });
    state = new MailboxStateRepository(h.pipeline.database.db);
  }, 240_000);
  afterAll(async () => h?.close());

  it('a reply to our acknowledgement, and a reply naming [INC-…], join the ticket; other mail is new', async () => {
    await h.append(report(1, 'zhang@example.cn'));
    await h.startIntake({ batchSize: 3 });
    const [ack] = await h.smtp.waitFor(1, 60_000);
    const ackId = ack!.parsed.messageId!;
    expect(ack!.parsed.inReplyTo).toBe('<report-1@example.cn>');
    const [ticket] = await h.emailTickets();
    const reply = [
      'From: 张老师 <zhang@example.cn>',
      `Subject: Re: ${ack!.parsed.subject?.replace(/\[INC-[^\]]+\]/, '')}`,
      'Message-ID: <reply-1@example.cn>',
      // Real mail carries its Date; the two replies below are processed side by side, and the
      // ticket lists messages by when they were written.
      'Date: Mon, 23 Nov 2026 08:05:00 +0800',
      `In-Reply-To: ${ackId}`,
      `References: <report-1@example.cn> ${ackId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      '换了插座还是不行',
      '',
      '在 2026年11月23日 08:01，IT服务台 <helpdesk@desk.example.cn> 写道：',
      '> 您的报修已受理',
      '',
    ].join('\r\n');
    await h.append(reply);
    const byRef = [
      'From: zhang@example.cn',
      `Subject: 回复：[${ticket!.number}]`,
      'Message-ID: <reply-2@example.cn>',
      'Date: Mon, 23 Nov 2026 08:06:00 +0800',
      '',
      '补充：型号 ThinkCentre',
      '',
    ].join('\r\n');
    await h.append(byRef);
    await h.append(report(2));
    const messages = await eventually(async () => {
      const m = await h.pipeline.tickets.messages(ticket!.id);
      expect(m.filter((x) => x.direction === 'in')).toHaveLength(3);
      return m;
    }, 60_000);
    expect(messages.filter((x) => x.direction === 'in').map((x) => x.text)).toEqual([
      '第 1 号报修：办公室电脑无法开机',
      '换了插座还是不行',
      '补充：型号 ThinkCentre',
    ]);
    await eventually(async () => expect(await ticketCount()).toBe(2), 60_000);
  });

  it('acknowledgements to one sender are rate-limited', async () => {
    for (const n of [10, 11, 12]) await h.append(report(n, 'flood@example.cn'));
    const toFlood = () => h.smtp.mails.filter((m) => m.envelope.to.includes('flood@example.cn'));
    await eventually(async () => expect(toFlood()).toHaveLength(2), 120_000);
    // All three acknowledgements were due (each ticket got past dispatch); the third stays unsent.
    await eventually(async () => {
      const flood = (await h.emailTickets()).filter((t) => t.reporter.email === 'flood@example.cn');
      expect(flood).toHaveLength(3);
      expect(flood.every((t) => t.status !== 'new' && t.status !== 'accepted')).toBe(true);
    }, 120_000);
    await new Promise((r) => setTimeout(r, 5000));
    expect(toFlood()).toHaveLength(2);
  });

  it('restart mid-stream: every mail is one ticket, none missed, none doubled', async () => {
    const before = await ticketCount();
    const seen = h.outcomes.length;
    for (let n = 20; n < 30; n++) await h.append(report(n));
    await eventually(async () => expect(h.outcomes.length).toBeGreaterThanOrEqual(seen + 3), 30_000);
    await h.channel!.stop();
    await h.startIntake({ batchSize: 3 });
    await eventually(async () => expect(await ticketCount()).toBe(before + 10), 60_000);
  });

  it('a dropped IMAP connection reconnects (health shows it) and nothing is missed', async () => {
    const before = await ticketCount();
    h.channel!.watchers[0]!.dropConnection();
    for (let n = 30; n < 33; n++) await h.append(report(n));
    await eventually(async () => expect(await ticketCount()).toBe(before + 3), 60_000);
    const [row] = await state.list();
    expect(row?.connected).toBe(true);
    expect(row?.lastError).toBeNull();
  });

  it('IDLE hands each new mail on within seconds, also mail arriving right after a drain', async () => {
    await h.channel!.stop();
    // Polling every 5 minutes: only IDLE can be this quick.
    await h.startIntake({ pollSeconds: 300 });
    await new Promise((r) => setTimeout(r, 1500));
    for (const n of [40, 41, 42]) {
      const handled = h.outcomes.length;
      const t0 = Date.now();
      const uid = await h.append(report(n));
      await eventually(async () => expect(h.outcomes.map((o) => o.uid)).toContain(uid), 30_000);
      expect(h.outcomes.length).toBe(handled + 1);
      // imapflow's default re-enters IDLE 15 s after the last command: such a mail waited ~14 s.
      expect(Date.now() - t0).toBeLessThan(3000);
      await new Promise((r) => setTimeout(r, 1000));
    }
  });

  it('a changed UIDVALIDITY rereads the mailbox without a second ticket for any mail', async () => {
    const before = await ticketCount();
    await h.channel!.stop();
    const [was] = await state.list();
    // Every mail unread again, UID list and indexes gone: Dovecot renumbers the mailbox.
    const lock = await h.imap.getMailboxLock('INBOX');
    try {
      await h.imap.messageFlagsRemove('1:*', ['\\Seen']);
    } finally {
      lock.release();
    }
    await h.imap.mailboxClose().catch(() => undefined);
    const maildir = path.join(h.dovecot.dir, 'mail', h.dovecot.user);
    for (const f of await readdir(maildir)) if (f.startsWith('dovecot')) await unlink(path.join(maildir, f));
    const fresh = new ImapFlow({ ...imapOf(h), logger: false });
    await fresh.connect();
    const opened = await fresh.mailboxOpen('INBOX');
    await fresh.logout();
    expect(Number(opened.uidValidity)).not.toBe(was?.uidValidity);

    const handled = h.outcomes.length;
    await h.startIntake({ batchSize: 3 });
    await eventually(
      async () => expect(h.outcomes.length).toBeGreaterThanOrEqual(handled + Number(opened.exists)),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 2000));
    expect(await ticketCount()).toBe(before);
    const [now] = await state.list();
    expect(now?.uidValidity).toBe(Number(opened.uidValidity));
  });
});

function imapOf(h: EmailHarness) {
  const u = new URL(h.dovecot.url);
  return {
    host: u.hostname,
    port: Number(u.port),
    secure: false,
    auth: { user: h.dovecot.user, pass: h.dovecot.password },
  };
}
