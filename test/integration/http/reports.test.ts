import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline } from '../../support/pipeline-harness.js';
import {
  appDeps,
  auth,
  postReport,
  serve,
  TICKET_NUMBER,
  waitUntilSettled,
  type PipelineParts,
  type Served,
} from './http-harness.js';

type Pipeline = PipelineParts & { close(): Promise<void> };

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A browser without JavaScript: urlencoded body, HTML preferred, redirects not followed. */
const postForm = (base: string, fields: Record<string, string>) =>
  fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    },
    body: form(fields),
    redirect: 'manual',
  });

describe('POST /api/v1/reports', () => {
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

  it('turns a JSON report into a ticket: 201, its number, Location, the report as given', async () => {
    const res = await postReport(http.base, {
      contact: { name: '张老师', department: '财务处', phone: '13800138000', email: 'zhang@example.edu.cn' },
      location: '行政楼305',
      device: 'HP 打印机',
      moduleType: '打印机',
      description: '打印机卡纸了，打印不出来',
    });
    expect(res.status).toBe(201);
    const { ticket } = (await res.json()) as { ticket: Record<string, unknown> & { number: string } };
    expect(ticket.number).toMatch(TICKET_NUMBER);
    expect(res.headers.get('location')).toBe(`/t/${ticket.number}`);
    // The route is public: it answers with the public view, never the reporter's data.
    expect(ticket).toMatchObject({ status: expect.any(String) });
    for (const hidden of ['reporter', 'description', 'location', 'deviceName'])
      expect(ticket).not.toHaveProperty(hidden);
    expect(JSON.stringify(ticket)).not.toContain('13800138000');
    // The token API has the report as given.
    const full = await fetch(`${http.base}/api/v1/tickets/${ticket.number}`, { headers: auth });
    const stored = ((await full.json()) as { ticket: Record<string, unknown> }).ticket;
    expect(stored).toMatchObject({
      channel: 'web',
      description: '打印机卡纸了，打印不出来',
      location: '行政楼305',
      deviceName: 'HP 打印机',
      reporter: { name: '张老师', department: '财务处', phone: '13800138000' },
    });
    expect(ticket).toHaveProperty('owner');
    expect(ticket).toHaveProperty('assignee');
    expect(ticket).not.toHaveProperty('ownerId');
    // The ticket may still be new here; the rest of the pipeline follows within moments.
    const settled = await waitUntilSettled(http.base, ticket.number);
    expect(settled.category).toBe('打印机');
    expect(settled.owner?.name).toMatch(/服务台$/);
    expect(settled.assignee?.name).toBe('赵打印');
  });

  it('creates one ticket for a double submit with the same Idempotency-Key', async () => {
    const key = randomUUID();
    const body = { contact: { name: `双击-${key.slice(0, 6)}` }, description: '电脑蓝屏，反复重启' };
    const [a, b] = await Promise.all([
      postReport(http.base, body, { 'Idempotency-Key': key }),
      postReport(http.base, body, { 'Idempotency-Key': key }),
    ]);
    const again = await postReport(http.base, body, { 'Idempotency-Key': key });
    const numbers = await Promise.all(
      [a, b, again].map(async (r) => ((await r.json()) as { ticket: { number: string } }).ticket.number),
    );
    expect(new Set(numbers).size).toBe(1);
    // Two requests racing on one key may both see the job that created the ticket: 201 or 200 each.
    for (const res of [a, b]) expect([200, 201]).toContain(res.status);
    expect([a.status, b.status]).toContain(201);
    expect(again.status).toBe(200);
    const { tickets } = await p.tickets.list({ limit: 200, offset: 0, channel: ['web'] });
    expect(tickets.filter((t) => t.reporter.name === body.contact.name)).toHaveLength(1);
  });

  it('gives different keys different tickets, and no key a fresh one each time', async () => {
    const body = { contact: { name: '王老师' }, description: '网络断了，上不了网' };
    const numbers = await Promise.all(
      (
        [{ 'Idempotency-Key': randomUUID() }, { 'Idempotency-Key': randomUUID() }, {}] as Array<
          Record<string, string>
        >
      ).map(async (h) => {
        const res = await postReport(http.base, body, h);
        expect(res.status).toBe(201);
        return ((await res.json()) as { ticket: { number: string } }).ticket.number;
      }),
    );
    expect(new Set(numbers).size).toBe(3);
  });

  it('takes a plain form post: 303 to the ticket page, which shows the number', async () => {
    const res = await postForm(http.base, {
      idempotencyKey: randomUUID(),
      'contact.department': '图书馆',
      'contact.name': '刘馆员',
      'contact.phone': '',
      'contact.email': '',
      location: '图书馆2楼',
      device: '',
      moduleType: '',
      description: '门禁刷卡开不了门',
    });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/t\/INC-\d{8}-\d{4}$/);
    const page = await fetch(`${http.base}${location}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(location.slice(3));
  });

  it('uses the form hidden idempotencyKey: posting the same page twice is one ticket', async () => {
    const fields = { idempotencyKey: randomUUID(), 'contact.name': '陈老师', description: '投影仪没信号' };
    const first = await postForm(http.base, fields);
    const second = await postForm(http.base, fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('answers a form post with problems with the form again: 400, problems listed, input kept and escaped', async () => {
    const key = randomUUID();
    const res = await postForm(http.base, {
      idempotencyKey: key,
      'contact.name': '<script>alert(1)</script>',
      'contact.email': 'not-an-email',
      description: '   ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('故障现象描述：必填');
    expect(html).toContain('邮箱：邮箱格式不正确');
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)</script>');
    // The same key, so fixing the form and sending it again is still one report.
    expect(html).toContain(`name="idempotencyKey" value="${key}"`);
  });

  it('rejects invalid JSON fields with VALIDATION_FAILED and a detail per field', async () => {
    const res = await postReport(http.base, {
      contact: { name: '', email: 'x@' },
      moduleType: '冰箱',
      description: '',
      location: 'x'.repeat(201),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: Array<{ path: string; message: string }> };
    };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      'contact.email',
      'contact.name',
      'description',
      'location',
      'moduleType',
    ]);
    expect(body.error.details.find((d) => d.path === 'moduleType')?.message).toContain('打印机');
  });

  it('speaks Chinese to a browser that prefers it (the form page calls the API with fetch)', async () => {
    const res = await postReport(
      http.base,
      { contact: { name: '赵' }, description: '' },
      { 'Accept-Language': 'zh-CN,zh;q=0.9' },
    );
    const body = (await res.json()) as { error: { details: unknown[] } };
    expect(body.error.details).toEqual([{ path: 'description', message: '必填' }]);
  });

  it('rejects a body without the contact block, and a malformed Idempotency-Key', async () => {
    const noContact = await postReport(http.base, { description: '打印机坏了' });
    expect(noContact.status).toBe(400);
    expect(((await noContact.json()) as { error: { details: unknown[] } }).error.details).toEqual([
      { path: 'contact', message: 'Required.' },
    ]);
    const badKey = await postReport(
      http.base,
      { contact: { name: '赵' }, description: '打印机坏了' },
      { 'Idempotency-Key': 'has spaces in it' },
    );
    expect(badKey.status).toBe(400);
    const body = (await badKey.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details[0]?.path).toBe('Idempotency-Key');
  });

  it('answers an urlencoded API client that asks for JSON with JSON', async () => {
    const res = await fetch(`${http.base}/api/v1/reports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form({ 'contact.name': '应用客户端', description: '电话没有拨号音', moduleType: '电话' }),
    });
    expect(res.status).toBe(201);
    const { ticket } = (await res.json()) as { ticket: { number: string } };
    expect(ticket.number).toMatch(TICKET_NUMBER);
    const full = await fetch(`${http.base}/api/v1/tickets/${ticket.number}`, { headers: auth });
    expect(((await full.json()) as { ticket: { reporter: { name: string } } }).ticket.reporter.name).toBe(
      '应用客户端',
    );
  });
});
