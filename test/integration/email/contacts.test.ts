import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzlePersonRepository } from '../../../adapters/db/index.js';
import { EmailContactRepository } from '../../../adapters/email/email-contact.repository.js';
import { runContactsCommand } from '../../../cli/commands/contacts.command.js';
import { eventually, startEmailHarness, type EmailHarness } from './email-harness.js';

const mail = (id: string, from: string, body: string) =>
  [
    `From: ${from}`,
    'To: helpdesk@desk.example.cn',
    `Subject: =?UTF-8?B?${Buffer.from(`报修 ${id}`).toString('base64')}?=`,
    `Message-ID: <${id}@example.org>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');

describe('unknown mail senders become contacts', () => {
  let h: EmailHarness;
  let contacts: EmailContactRepository;

  beforeAll(async () => {
    h = await startEmailHarness();
    contacts = new EmailContactRepository(h.pipeline.database.db);
    await h.startIntake({ pollSeconds: 5 });
  }, 240_000);
  afterAll(async () => h?.close());

  /** `deskbot contacts` against the harness's database; what it prints lands in `print`. */
  const commandDeps = (print: string[]) => ({
    contacts,
    people: new DrizzlePersonRepository(h.pipeline.database.db),
    timeZone: 'Asia/Shanghai',
    now: () => new Date(),
    print: (line: string) => print.push(line),
  });

  const ticketOf = async (messageId: string) => {
    const id = await eventually(async () => {
      const found = await h.pipeline.tickets.findTicketIdByMessage('email', messageId);
      expect(found).not.toBeNull();
      return found!;
    }, 60_000);
    return (await h.pipeline.tickets.findById(id))!;
  };

  it('a first mail creates the contact, a later one counts it and takes its display name', async () => {
    await h.append(mail('c-1', 'wang@supplier.example.org', '三楼打印机卡纸'));
    await ticketOf('c-1@example.org');
    const first = await contacts.find('WANG@supplier.example.org');
    expect(first).toMatchObject({ address: 'wang@supplier.example.org', name: 'wang@supplier.example.org' });
    expect(first?.mails).toBe(1);

    await h.append(mail('c-2', '王工 <Wang@Supplier.example.org>', '投影仪没有信号'));
    await ticketOf('c-2@example.org');
    const second = await contacts.find('wang@supplier.example.org');
    expect(second).toMatchObject({ name: '王工', mails: 2 });
    expect(second!.lastSeenAt.getTime()).toBeGreaterThanOrEqual(first!.lastSeenAt.getTime());
  });

  it('a roster person is not a contact; noise makes no contact', async () => {
    await h.append(mail('c-3', '张老师 <zhang@example.edu.cn>', '电脑蓝屏'));
    const ticket = await ticketOf('c-3@example.org');
    expect(ticket.reporter.personId).toBe('rep-zhang');
    expect(await contacts.find('zhang@example.edu.cn')).toBeNull();

    const bounce = [
      'From: MAILER-DAEMON@mx.example.org',
      'To: helpdesk@desk.example.cn',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <c-4@example.org>',
      '',
      'This is the mail system.',
      '',
    ].join('\r\n');
    const uid = await h.append(bounce);
    await eventually(async () => expect(h.outcomes.map((o) => o.uid)).toContain(uid), 60_000);
    expect(await contacts.find('mailer-daemon@mx.example.org')).toBeNull();
  });

  it('what an operator sets fills the next ticket, and an English contact gets English mail', async () => {
    const print: string[] = [];
    const deps = commandDeps(print);
    const code = await runContactsCommand(
      [
        'set',
        'wang@supplier.example.org',
        '--name',
        '王建国',
        '--phone',
        '13912345678',
        '--department',
        '设备供应商',
        '--location',
        '后勤楼 2 层',
        '--language',
        'en',
      ],
      deps,
    );
    expect(code).toBe(0);
    expect(print.join('\n')).toMatch(/wang@supplier\.example\.org\s+王建国\s+en\s+13912345678/);

    const acksBefore = h.smtp.mails.length;
    await h.append(mail('c-5', 'Wang <wang@supplier.example.org>', 'The badge reader at gate 3 is dead'));
    const ticket = await ticketOf('c-5@example.org');
    expect(ticket.reporter).toMatchObject({
      name: '王建国',
      phone: '13912345678',
      department: '设备供应商',
      officeLocation: '后勤楼 2 层',
      email: 'wang@supplier.example.org',
    });
    // The operator's name stays although this mail calls itself "Wang".
    expect((await contacts.find('wang@supplier.example.org'))?.name).toBe('王建国');
    const ack = await eventually(async () => {
      const m = h.smtp.mails.slice(acksBefore).find((x) => x.parsed.inReplyTo === '<c-5@example.org>');
      expect(m).toBeDefined();
      return m!;
    }, 60_000);
    expect(ack.parsed.subject).toContain('We have your report');
    expect(ack.parsed.text).toMatch(/^Dear 王建国,/);

    // Back to the default language: the next acknowledgement is Chinese again.
    print.length = 0;
    expect(
      await runContactsCommand(['set', 'wang@supplier.example.org', '--language', 'default'], deps),
    ).toBe(0);
    await h.append(mail('c-6', 'Wang <wang@supplier.example.org>', '门禁又坏了'));
    const zh = await eventually(async () => {
      const m = h.smtp.mails.find((x) => x.parsed.inReplyTo === '<c-6@example.org>');
      expect(m).toBeDefined();
      return m!;
    }, 60_000);
    expect(zh.parsed.subject).toContain('已受理');
    expect(zh.parsed.text).toMatch(/^王建国，您好：/);
  });

  it('the command lists and searches contacts, refuses roster addresses and bad values, and loses nothing', async () => {
    const print: string[] = [];
    const errors: string[] = [];
    const deps = commandDeps(print);
    const stderr = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(await runContactsCommand(['list', '--search', '供应商'], deps)).toBe(0);
      expect(print[0]).toMatch(/^address\s+name/);
      expect(print.slice(1)).toHaveLength(1);
      expect(print[1]).toMatch(/^wang@supplier\.example\.org/);

      print.length = 0;
      expect(await runContactsCommand(['list', '--search', '100%'], deps)).toBe(0);
      expect(print).toEqual(['no contact matches "100%"']);

      expect(await runContactsCommand(['set', 'zhang@example.edu.cn', '--phone', '1'], deps)).toBe(64);
      expect(errors.pop()).toMatch(/张老师 on the roster/);
      expect(await runContactsCommand(['set', 'not-an-address', '--phone', '1'], deps)).toBe(64);
      expect(errors.pop()).toMatch(/not a mail address/);
      expect(await runContactsCommand(['set', 'x@example.org', '--language', 'fr'], deps)).toBe(64);
      expect(errors.pop()).toMatch(/--language/);
      expect(await runContactsCommand(['set', 'x@example.org', '--phone', '1'.repeat(41)], deps)).toBe(64);
      expect(errors.pop()).toMatch(/--phone/);
      expect(await runContactsCommand(['set', 'x@example.org'], deps)).toBe(64);
      expect(errors.pop()).toMatch(/say what to set/);
      expect(await runContactsCommand(['frobnicate'], deps)).toBe(64);
      expect(await contacts.find('x@example.org')).toBeNull();

      // Marked before their first mail; an empty value clears a field.
      expect(await runContactsCommand(['set', 'new@partner.example.org', '--language', 'en'], deps)).toBe(0);
      expect(await runContactsCommand(['set', 'wang@supplier.example.org', '--phone', ''], deps)).toBe(0);
      expect(await contacts.find('new@partner.example.org')).toMatchObject({ language: 'en', mails: 0 });
      expect((await contacts.find('wang@supplier.example.org'))?.phone).toBeNull();
    } finally {
      console.error = stderr;
    }
  });
});
