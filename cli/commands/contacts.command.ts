import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppConfig } from '../../adapters/config/app-config.js';
import { DrizzlePersonRepository, openDatabase } from '../../adapters/db/index.js';
import {
  EmailContactRepository,
  type EmailContact,
  type EmailContactPatch,
} from '../../adapters/email/email-contact.repository.js';
import type { PersonRepository } from '../../core/ports/person.repository.port.js';
import { localDateTime } from '../../core/shared/local-time.js';

export const CONTACTS_USAGE = `deskbot contacts [list] [--search TEXT] [--limit N]
  deskbot contacts set ADDRESS [--name NAME] [--phone PHONE] [--department DEPT] [--location WHERE]
                               [--language zh|en|default] [--note TEXT]     (an empty value clears a field)`;

/** Same limits as a sender in an InboundMessage: what is stored here fills the next ticket. */
const FIELDS = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  phone: z.string().trim().max(40),
  department: z.string().trim().max(100),
  location: z.string().trim().max(200),
  note: z.string().trim().max(500),
  language: z.enum(['zh', 'en', 'default']),
} as const;
const address = z.email('is not a mail address').max(200);

export interface ContactsCommandDeps {
  contacts: EmailContactRepository;
  people: Pick<PersonRepository, 'matchSender'>;
  timeZone: string;
  now(): Date;
  print(line: string): void;
}

/** `deskbot contacts`: list and complete the mail senders who are not on the roster. Returns the exit code. */
export async function contactsCommand(argv: string[], config: AppConfig, logger: Logger): Promise<number> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
  try {
    await database.migrate();
    return await runContactsCommand(argv, {
      contacts: new EmailContactRepository(database.db),
      people: new DrizzlePersonRepository(database.db),
      timeZone: config.desk.timezone,
      now: () => new Date(),
      print: (line) => console.log(line),
    });
  } finally {
    await database.close();
  }
}

export async function runContactsCommand(argv: string[], deps: ContactsCommandDeps): Promise<number> {
  const fail = (message: string) => {
    console.error(`deskbot contacts: ${message}\nUsage: ${CONTACTS_USAGE}`);
    return 64;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        search: { type: 'string' },
        limit: { type: 'string', default: '50' },
        name: { type: 'string' },
        phone: { type: 'string' },
        department: { type: 'string' },
        location: { type: 'string' },
        language: { type: 'string' },
        note: { type: 'string' },
      },
    });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const action = positionals[0] ?? 'list';

  if (action === 'list') {
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
      return fail('--limit must be a whole number from 1 to 10000.');
    const rows = await deps.contacts.list({ limit, ...(values.search ? { search: values.search } : {}) });
    if (rows.length === 0) {
      deps.print(values.search ? `no contact matches "${values.search}"` : 'no contacts yet');
      return 0;
    }
    for (const line of table(rows, deps.timeZone)) deps.print(line);
    return 0;
  }

  if (action !== 'set') return fail(`unknown action "${action}".`);
  const target = address.safeParse(positionals[1]?.trim().toLowerCase());
  if (!target.success)
    return fail(`ADDRESS ${positionals[1] ? `"${positionals[1]}" ` : ''}is missing or not a mail address.`);
  const patch: EmailContactPatch = {};
  for (const key of Object.keys(FIELDS) as Array<keyof typeof FIELDS>) {
    const raw = values[key];
    if (raw === undefined) continue;
    const checked = FIELDS[key].safeParse(raw);
    if (!checked.success) return fail(`--${key} ${checked.error.issues[0]?.message ?? 'is invalid'}.`);
    const value = checked.data;
    if (key === 'language') patch.language = value === 'default' ? null : (value as 'zh' | 'en');
    else if (key === 'name') patch.name = value;
    else if (key === 'location') patch.officeLocation = value || null;
    else patch[key] = value || null;
  }
  if (Object.keys(patch).length === 0) return fail('say what to set (--name, --phone, --language …).');
  const staff = await deps.people.matchSender({ name: target.data, email: target.data });
  if (staff)
    return fail(`${target.data} is ${staff.name} on the roster: change them in desk.yaml, not here.`);
  const saved = await deps.contacts.save(target.data, patch, deps.now());
  for (const line of table([saved], deps.timeZone)) deps.print(line);
  return 0;
}

function table(rows: EmailContact[], timeZone: string): string[] {
  const cells = rows.map((r) => [
    r.address,
    r.name,
    r.language ?? '-',
    r.phone ?? '-',
    r.department ?? '-',
    r.officeLocation ?? '-',
    String(r.mails),
    r.mails > 0 ? localDateTime(r.lastSeenAt, timeZone) : '-',
    r.note ?? '',
  ]);
  const head = ['address', 'name', 'lang', 'phone', 'department', 'location', 'mails', 'last mail', 'note'];
  // Column widths by display width: a Chinese character takes two columns in a terminal.
  const width = (s: string) => Array.from(s).reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i] ?? ''))));
  const line = (c: string[]) =>
    c
      .map((v, i) => v + ' '.repeat((widths[i] ?? 0) - width(v)))
      .join('  ')
      .trimEnd();
  return [line(head), ...cells.map(line)];
}
