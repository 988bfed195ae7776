import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../../adapters/http/index.js';
import type { IntakeGateway } from '../../../core/ports/index.js';
import { startPipeline } from '../../support/pipeline-harness.js';
import {
  API_TOKEN,
  appDeps,
  auth,
  captureLogs,
  postReport,
  serve,
  type PipelineParts,
  type Served,
} from './http-harness.js';

type Pipeline = PipelineParts & { close(): Promise<void> };
type ErrorBody = { error: { code: string; message: string } };

const errorOf = async (res: Response): Promise<ErrorBody['error']> => ((await res.json()) as ErrorBody).error;

describe('HTTP error paths and health', () => {
  let p: Pipeline;
  let http: Served;

  beforeAll(async () => {
    p = await startPipeline();
    http = await serve(appDeps(p));
  });
  afterAll(async () => {
    await http?.close();
    await p?.close();
  });

  const post = (path: string, body: string, contentType: string) =>
    fetch(`${http.base}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

  it('400 INVALID_JSON for a malformed JSON body', async () => {
    const res = await post('/api/v1/reports', '{"contact": {"name": "x"', 'application/json');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('INVALID_JSON');
  });

  it('413 PAYLOAD_TOO_LARGE for a body over 64 kB, JSON or form', async () => {
    const big = 'x'.repeat(70 * 1024);
    const json = await post(
      '/api/v1/reports',
      JSON.stringify({ contact: { name: 'a' }, description: big }),
      'application/json',
    );
    expect(json.status).toBe(413);
    expect((await errorOf(json)).code).toBe('PAYLOAD_TOO_LARGE');
    const formRes = await fetch(`${http.base}/api/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ 'contact.name': 'a', description: big }).toString(),
    });
    expect(formRes.status).toBe(413);
    expect((await errorOf(formRes)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for other content types', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await post('/api/v1/reports', 'contact=x', type);
      expect(res.status).toBe(415);
      expect((await errorOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('404 NOT_FOUND for unknown API routes, as JSON', async () => {
    for (const path of ['/api/v1/nope', '/api', '/api/v2/tickets']) {
      const res = await fetch(`${http.base}${path}`, { headers: auth });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await errorOf(res)).code).toBe('NOT_FOUND');
    }
  });

  it('404 page (HTML) for unknown pages', async () => {
    const res = await fetch(`${http.base}/no-such-page`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('页面不存在');
  });

  it('405 METHOD_NOT_ALLOWED with Allow for a wrong method on a known route', async () => {
    const cases: Array<[string, string, string]> = [
      ['DELETE', '/api/v1/reports', 'POST'],
      ['GET', '/api/v1/reports', 'POST'],
      ['POST', '/api/v1/tickets', 'GET, HEAD'],
      ['PUT', '/api/v1/tickets/INC-20261123-0001', 'GET, HEAD'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['DELETE', '/t/INC-20261123-0001.json', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await fetch(`${http.base}${path}`, { method, headers: auth });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      expect((await errorOf(res)).code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it('500 INTERNAL when something unexpected fails: logged with the error, generic to the client', async () => {
    const logs = captureLogs();
    const broken: IntakeGateway = {
      submit: () => Promise.reject(new Error('redis exploded at /srv/secret/path.ts:42')),
    };
    const server = await serve(appDeps(p, { intake: broken, logger: logs.logger }));
    try {
      const res = await postReport(server.base, { contact: { name: '赵' }, description: '打印机坏了' });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error.' } });
      expect(text).not.toContain('redis exploded');
      expect(text).not.toContain('secret');
      const logged = logs.lines.find((l) => l.msg === 'request failed');
      expect((logged?.err as { message?: string; stack?: string } | undefined)?.message).toContain(
        'redis exploded',
      );
      expect((logged?.err as { stack?: string } | undefined)?.stack).toContain('Error');
    } finally {
      await server.close();
    }
  });

  it('503 API_DISABLED on the token API when no API_TOKEN is set; the public form still works', async () => {
    const server = await serve(appDeps(p, { apiToken: null }));
    try {
      const res = await fetch(`${server.base}/api/v1/tickets`, { headers: auth });
      expect(res.status).toBe(503);
      const error = await errorOf(res);
      expect(error.code).toBe('API_DISABLED');
      expect(error.message).toContain('API_TOKEN');
      const detail = await fetch(`${server.base}/api/v1/tickets/INC-20261123-0001`);
      expect(detail.status).toBe(503);
      const report = await postReport(server.base, { contact: { name: '赵' }, description: '网络断了' });
      expect(report.status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('behind a trusted proxy each client has its own budget; without trust, the proxy is one client', async () => {
    const lookups = async (trustProxy: number | null) => {
      const server = await serve(appDeps(p, { trustProxy, rateLimit: { windowMs: 60_000, limit: 1 } }));
      try {
        const from = (ip: string) =>
          fetch(`${server.base}/t/INC-20261123-0001.json`, { headers: { 'X-Forwarded-For': ip } });
        return [(await from('10.1.1.1')).status, (await from('10.2.2.2')).status];
      } finally {
        await server.close();
      }
    };
    expect(await lookups(1)).toEqual([404, 404]);
    expect(await lookups(null)).toEqual([404, 429]);
  });

  it('429 RATE_LIMITED with draft-8 RateLimit headers on public routes; submit and lookup have separate budgets', async () => {
    const server = await serve(appDeps(p, { rateLimit: { windowMs: 60_000, limit: 2 } }));
    try {
      const bad = { contact: { name: '' }, description: '' };
      expect((await postReport(server.base, bad)).status).toBe(400);
      const second = await postReport(server.base, bad);
      expect(second.status).toBe(400);
      expect(second.headers.get('ratelimit-policy')).toContain('q=2');
      const third = await postReport(server.base, bad);
      expect(third.status).toBe(429);
      expect((await errorOf(third)).code).toBe('RATE_LIMITED');
      expect(third.headers.get('ratelimit')).toMatch(/r=0/);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);

      // Lookups have their own budget, and a limited page gets a page, its JSON twin JSON.
      expect((await fetch(`${server.base}/t/INC-20261123-0001.json`)).status).toBe(404);
      expect((await fetch(`${server.base}/t/INC-20261123-0001`)).status).toBe(404);
      const limitedJson = await fetch(`${server.base}/t/INC-20261123-0001.json`);
      expect(limitedJson.status).toBe(429);
      expect((await errorOf(limitedJson)).code).toBe('RATE_LIMITED');
      const limitedPage = await fetch(`${server.base}/t/INC-20261123-0001`);
      expect(limitedPage.status).toBe(429);
      expect(await limitedPage.text()).toContain('请求过于频繁');

      // The token API and the form page are not rate limited.
      expect((await fetch(`${server.base}/api/v1/tickets`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${server.base}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('logs one line per request (method, path, status, ms) and never the token or the body', async () => {
    const logs = captureLogs();
    const server = await serve(appDeps(p, { logger: logs.logger }));
    try {
      await fetch(`${server.base}/api/v1/tickets?status=new`, { headers: auth });
      await postReport(server.base, {
        contact: { name: '赵', phone: '13700000000' },
        description: '私密的故障描述',
      });
      const requests = () => logs.lines.filter((l) => l.msg === 'request');
      await expect.poll(() => requests().length).toBe(2);
      const [get, post] = requests();
      expect(get).toMatchObject({ method: 'GET', path: '/api/v1/tickets', status: 200 });
      expect(post).toMatchObject({ method: 'POST', path: '/api/v1/reports', status: 201 });
      expect(typeof get?.ms).toBe('number');
      expect(logs.text()).not.toContain(API_TOKEN);
      expect(logs.text()).not.toContain('13700000000');
      expect(logs.text()).not.toContain('私密的故障描述');
    } finally {
      await server.close();
    }
  });

  describe('GET /healthz', () => {
    const report = (status: HealthReport['status']): HealthReport => ({
      status,
      checks: {
        database: { ok: true },
        redis: { ok: status !== 'down', detail: status === 'down' ? 'no answer' : undefined },
      },
      channels: [{ channel: 'email', enabled: false, reason: 'IMAP_URL not set' }],
    });

    it.each([
      ['ok', 200],
      ['degraded', 200],
      ['down', 503],
    ] as const)('answers %s with %i and the report as body', async (status, code) => {
      const server = await serve(appDeps(p, { health: async () => report(status) }));
      try {
        const res = await fetch(`${server.base}/healthz`);
        expect(res.status).toBe(code);
        expect(await res.json()).toEqual(JSON.parse(JSON.stringify(report(status))));
      } finally {
        await server.close();
      }
    });

    it('answers 503 down when the probe itself fails', async () => {
      const server = await serve(appDeps(p, { health: () => Promise.reject(new Error('probe broke')) }));
      try {
        const res = await fetch(`${server.base}/healthz`);
        expect(res.status).toBe(503);
        expect(((await res.json()) as HealthReport).status).toBe('down');
      } finally {
        await server.close();
      }
    });
  });
});
