import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createHttpApp, type HttpDeps } from '../../../adapters/http/index.js';
import type { IntakeGateway, PersonRepository, TicketRepository } from '../../../core/ports/index.js';
import type { DeskSettings } from '../../../core/desk/index.js';

/** The part of the pipeline harness these tests use. */
export interface PipelineParts {
  intake: IntakeGateway;
  tickets: TicketRepository;
  people: PersonRepository;
  desk: DeskSettings;
}

export interface CapturedLogs {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  /** Everything written, as text: to check that nothing secret was ever logged. */
  text(): string;
}

/** A real pino logger writing into memory. */
export function captureLogs(): CapturedLogs {
  const lines: Array<Record<string, unknown>> = [];
  let raw = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, text: () => raw };
}

export const API_TOKEN = 'test-token-5f0c9a';

export function appDeps(p: PipelineParts, overrides: Partial<HttpDeps> = {}): HttpDeps {
  return {
    apiToken: API_TOKEN,
    tickets: p.tickets,
    people: p.people,
    intake: p.intake,
    intakeWaitMs: 10_000,
    health: async () => ({ status: 'ok', checks: { database: { ok: true }, redis: { ok: true } } }),
    logger: pino({ level: 'silent' }),
    clock: { now: () => new Date() },
    desk: { name: p.desk.name, ticketPrefix: p.desk.ticketPrefix, timeZone: p.desk.timezone },
    rateLimit: { windowMs: 60_000, limit: 10_000 },
    ...overrides,
  };
}

export interface Served {
  base: string;
  close(): Promise<void>;
}

/** Listens on a random loopback port, as `npm start` would on its own port. */
export async function serve(deps: HttpDeps): Promise<Served> {
  const app = createHttpApp(deps);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export const auth = { Authorization: `Bearer ${API_TOKEN}` };

export const TICKET_NUMBER = /^INC-\d{8}-\d{4}$/;

export interface ReportInput {
  contact: { name: string; department?: string; phone?: string; email?: string; wechatId?: string };
  description: string;
  location?: string;
  device?: string;
  deviceDescription?: string;
  moduleType?: string;
}

export async function postReport(
  base: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Statuses at which the web form stops polling: dispatched or beyond. */
const SETTLED = ['dispatched', 'acknowledged', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled'];

interface PublicTicketJson {
  number: string;
  status: string;
  statusLabel: string;
  category: string | null;
  priority: string;
  owner: { name: string } | null;
  assignee: { name: string } | null;
  triage: boolean;
  timeline: Array<{ type: string; label: string; at: string; toStatus: string | null }>;
}

/** Polls the public lookup as the form page does, until dispatch (or triage) has happened. */
export async function waitUntilSettled(
  base: string,
  number: string,
  timeoutMs = 15_000,
): Promise<PublicTicketJson> {
  const deadline = Date.now() + timeoutMs;
  let last: PublicTicketJson | null = null;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/t/${number}.json`);
    if (res.ok) {
      last = ((await res.json()) as { ticket: PublicTicketJson }).ticket;
      if (SETTLED.includes(last.status) || last.triage) return last;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${number} not dispatched within ${timeoutMs} ms (last status ${last?.status ?? 'none'})`);
}
