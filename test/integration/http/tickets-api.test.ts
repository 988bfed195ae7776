import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline } from '../../support/pipeline-harness.js';
import {
  appDeps,
  auth,
  postReport,
  serve,
  waitUntilSettled,
  type PipelineParts,
  type Served,
} from './http-harness.js';

type Pipeline = PipelineParts & { close(): Promise<void> };
type ApiTicket = {
  number: string;
  status: string;
  channel: string;
  category: string | null;
  owner: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
};
type ListBody = { tickets: ApiTicket[]; total: number };
type ErrorBody = {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> };
};

describe('the token ticket API', () => {
  let p: Pipeline;
  let http: Served;
  const batch = randomUUID().slice(0, 8);
  const numbers: Record<string, string> = {};

  const get = (path: string, headers: Record<string, string> = auth) =>
    fetch(`${http.base}${path}`, { headers });

  beforeAll(async () => {
    p = await startPipeline();
    http = await serve(appDeps(p));
    // Reports of known kinds through the real pipeline; 其他 has no engineer, so it goes to triage.
    const reports = {
      printer: { description: '打印机卡纸，打印不出来', location: '行政楼201' },
      network: { description: '办公室网络断了，上不了网', location: '科研楼3层' },
      other: { description: '办公室的窗帘坏了', moduleType: '其他' },
    };
    for (const [kind, fields] of Object.entries(reports)) {
      const res = await postReport(http.base, {
        contact: { name: `API-${batch}`, phone: '13900000000', email: 'api@example.edu.cn' },
        ...fields,
      });
      expect(res.status).toBe(201);
      numbers[kind] = ((await res.json()) as { ticket: ApiTicket }).ticket.number;
    }
    for (const number of Object.values(numbers)) await waitUntilSettled(http.base, number);
  });
  afterAll(async () => {
    await http?.close();
    await p?.close();
  });

  describe('bearer token', () => {
    it('401 with WWW-Authenticate: Bearer when the token is missing or malformed', async () => {
      for (const headers of [
        {},
        { Authorization: 'Basic dXNlcjpwYXNz' },
        { Authorization: 'Bearer' },
      ] as Array<Record<string, string>>) {
        const res = await get('/api/v1/tickets', headers);
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(((await res.json()) as ErrorBody).error.code).toBe('UNAUTHORIZED');
      }
    });

    it('401 invalid_token for a wrong token, including one that is a prefix of the right one', async () => {
      for (const token of ['wrong', 'test-token', `${auth.Authorization.slice(7)}x`]) {
        const res = await get(`/api/v1/tickets/${numbers.printer}`, { Authorization: `Bearer ${token}` });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      }
    });

    it('200 with the right token (scheme case-insensitive)', async () => {
      expect((await get('/api/v1/tickets')).status).toBe(200);
      expect(
        (await get('/api/v1/tickets', { Authorization: `bearer ${auth.Authorization.slice(7)}` })).status,
      ).toBe(200);
    });
  });

  describe('GET /api/v1/tickets', () => {
    it('lists tickets with their channel, owner and assignee, and the total', async () => {
      const res = await get('/api/v1/tickets');
      const body = (await res.json()) as ListBody;
      expect(body.total).toBe(3);
      expect(body.tickets.map((t) => t.number).sort()).toEqual(Object.values(numbers).sort());
      const printer = body.tickets.find((t) => t.number === numbers.printer);
      expect(printer).toMatchObject({ channel: 'web', category: '打印机', status: 'dispatched' });
      expect(printer?.owner).toEqual({ id: expect.any(String), name: expect.stringMatching(/服务台$/) });
      expect(printer?.assignee?.name).toBeTruthy();
    });

    it('filters by category, status and channel, with comma lists', async () => {
      const list = async (query: string) =>
        (await (await get(`/api/v1/tickets?${query}`)).json()) as ListBody;
      const printers = await list(`category=${encodeURIComponent('打印机')}`);
      expect(printers.tickets.map((t) => t.number)).toEqual([numbers.printer]);
      const two = await list(`category=${encodeURIComponent('打印机,网络')}`);
      expect(two.total).toBe(2);
      const dispatched = await list('status=dispatched');
      expect(dispatched.tickets.map((t) => t.number).sort()).toEqual(
        [numbers.printer, numbers.network].sort(),
      );
      const accepted = await list('status=accepted,new');
      expect(accepted.tickets.map((t) => t.number)).toEqual([numbers.other]);
      expect((await list('channel=web')).total).toBe(3);
      expect((await list('channel=email,wechat')).total).toBe(0);
      expect((await list('status=dispatched&status=accepted')).total).toBe(3);
    });

    it('pages with limit and offset', async () => {
      const first = (await (await get('/api/v1/tickets?limit=2')).json()) as ListBody;
      const rest = (await (await get('/api/v1/tickets?limit=2&offset=2')).json()) as ListBody;
      expect(first.tickets).toHaveLength(2);
      expect(rest.tickets).toHaveLength(1);
      expect(first.total).toBe(3);
      expect(new Set([...first.tickets, ...rest.tickets].map((t) => t.number)).size).toBe(3);
    });

    it('400 naming an unknown status, channel or category and the allowed values', async () => {
      const cases: Array<[string, string, string]> = [
        ['status=new,bogus', 'status', 'in_progress'],
        ['channel=fax', 'channel', 'wechat'],
        [`category=${encodeURIComponent('冰箱')}`, 'category', '打印机'],
      ];
      for (const [query, path, allowedExample] of cases) {
        const res = await get(`/api/v1/tickets?${query}`);
        expect(res.status).toBe(400);
        const { error } = (await res.json()) as ErrorBody;
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.details?.[0]?.path).toBe(path);
        const bad =
          decodeURIComponent(query.split('=')[1] ?? '')
            .split(',')
            .pop() ?? '';
        expect(error.details?.[0]?.message).toContain(`"${bad}"`);
        expect(error.details?.[0]?.message).toContain(allowedExample);
      }
    });

    it('400 for a limit over 200 or not a number, and a negative offset', async () => {
      for (const query of ['limit=201', 'limit=abc', 'limit=0', 'offset=-1']) {
        const res = await get(`/api/v1/tickets?${query}`);
        expect(res.status, query).toBe(400);
        expect(((await res.json()) as ErrorBody).error.code).toBe('VALIDATION_FAILED');
      }
      expect((await get('/api/v1/tickets?limit=200')).status).toBe(200);
    });
  });

  describe('GET /api/v1/tickets/:number', () => {
    it('returns the ticket with owner, assignee, its event history and its messages', async () => {
      const res = await get(`/api/v1/tickets/${numbers.printer}`);
      expect(res.status).toBe(200);
      const { ticket } = (await res.json()) as {
        ticket: ApiTicket & {
          reporter: { phone: string };
          events: Array<
            {
              type: string;
              at: string;
              actor: { kind: string; name: string };
              channel: string;
              fromStatus: string | null;
              toStatus: string | null;
            } & Record<string, unknown>
          >;
          messages: Array<{ direction: string; text: string; channel: string }>;
        };
      };
      expect(ticket.number).toBe(numbers.printer);
      expect(ticket.reporter.phone).toBe('13900000000');
      expect(ticket.owner?.name).toMatch(/服务台$/);
      expect(ticket.assignee).toEqual({ id: expect.any(String), name: expect.any(String) });
      const types = ticket.events.map((e) => e.type);
      expect(types.slice(0, 4)).toEqual(['created', 'classified', 'accepted', 'dispatched']);
      const dispatched = ticket.events.find((e) => e.type === 'dispatched');
      expect(dispatched).toMatchObject({ fromStatus: 'accepted', toStatus: 'dispatched' });
      expect(dispatched?.assigneeId).toBe(ticket.assignee?.id);
      expect(Number.isNaN(Date.parse(dispatched?.at ?? ''))).toBe(false);
      expect(dispatched?.actor.kind).toBe('system');
      expect(ticket.events[0]).toMatchObject({ type: 'created', channel: 'web', toStatus: 'new' });
      expect(ticket.messages[0]).toMatchObject({
        direction: 'in',
        channel: 'web',
        text: '打印机卡纸，打印不出来',
      });
    });

    it('finds a number written in lower case', async () => {
      const res = await get(`/api/v1/tickets/${numbers.network?.toLowerCase()}`);
      expect(res.status).toBe(200);
    });

    it('400 for a malformed number, 404 TICKET_NOT_FOUND for an unknown one', async () => {
      const bad = await get('/api/v1/tickets/not-a-number');
      expect(bad.status).toBe(400);
      const badBody = (await bad.json()) as ErrorBody;
      expect(badBody.error.code).toBe('VALIDATION_FAILED');
      expect(badBody.error.details?.[0]?.path).toBe('number');
      const missing = await get('/api/v1/tickets/INC-19990101-9999');
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as ErrorBody).error).toEqual({
        code: 'TICKET_NOT_FOUND',
        message: 'No ticket INC-19990101-9999.',
      });
    });
  });
});
