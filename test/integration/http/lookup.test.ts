import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULE_TYPES } from '../../../core/desk/index.js';
import { startPipeline } from '../../support/pipeline-harness.js';
import {
  appDeps,
  postReport,
  serve,
  waitUntilSettled,
  type PipelineParts,
  type Served,
} from './http-harness.js';

type Pipeline = PipelineParts & { close(): Promise<void> };

/** Someone whose details must never appear on a public page. */
const reporter = {
  name: '隐私测试人',
  department: '保密处',
  phone: '13912345678',
  email: 'private.person@example.edu.cn',
  wechatId: 'wx_private_9931',
};

describe('public pages: the report form and the ticket lookup', () => {
  let p: Pipeline;
  let http: Served;
  let printer: string;
  let triage: string;

  beforeAll(async () => {
    p = await startPipeline();
    http = await serve(appDeps(p));
    const submit = async (description: string, extra: Record<string, string> = {}) => {
      const res = await postReport(http.base, { contact: reporter, description, ...extra });
      expect(res.status).toBe(201);
      return ((await res.json()) as { ticket: { number: string } }).ticket.number;
    };
    printer = await submit('打印机卡纸了，电话 13912345678 找我', { location: '行政楼305' });
    triage = await submit('办公室的窗帘坏了', { moduleType: '其他' });
  });
  afterAll(async () => {
    await http?.close();
    await p?.close();
  });

  describe('GET /', () => {
    it('serves the Chinese 报修 form with the reporter and repair blocks', async () => {
      const res = await fetch(`${http.base}/`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('name="viewport"');
      for (const label of [
        '部门名称',
        '联系人',
        '电话',
        '邮箱',
        '微信号',
        '办公地点',
        '设备点位/位置',
        '设备名称',
        '设备描述',
        '模块类型',
        '故障现象描述',
      ]) {
        expect(html).toContain(`>${label}`);
      }
      for (const name of [
        'contact.name',
        'contact.department',
        'contact.phone',
        'contact.email',
        'contact.wechatId',
        'location',
        'device',
        'deviceDescription',
        'moduleType',
        'description',
      ]) {
        expect(html).toContain(`name="${name}"`);
      }
      expect(html).toMatch(/name="contact.name"[^>]* required/);
      expect(html).toMatch(/name="description"[^>]* required/);
      for (const m of MODULE_TYPES) expect(html).toContain(`<option value="${m}">${m}</option>`);
      expect(html).toContain('<option value="" selected>不确定，由服务台判断</option>');
      expect(html).toMatch(/<form id="report-form"[^>]* method="post" action="\/api\/v1\/reports"/);
    });

    it('gives every page load its own idempotency key', async () => {
      const key = async () =>
        /name="idempotencyKey" value="([^"]+)"/.exec(await (await fetch(`${http.base}/`)).text())?.[1];
      const [a, b] = [await key(), await key()];
      expect(a).toBeTruthy();
      expect(a).not.toBe(b);
    });

    it('loads scripts only from files, which the CSP allows; no inline script', async () => {
      const res = await fetch(`${http.base}/`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      const html = await res.text();
      const scripts = html.match(/<script[^>]*>/g) ?? [];
      expect(scripts).toEqual(['<script src="/assets/report-form.js" defer>']);
      expect(html).not.toMatch(/<script>|\son[a-z]+="/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('serves the static assets', async () => {
      for (const [path, type] of [
        ['/assets/report-form.js', /javascript/],
        ['/assets/ticket-lookup.js', /javascript/],
        ['/assets/style.css', /text\/css/],
      ] as const) {
        const res = await fetch(`${http.base}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toMatch(type);
      }
      expect((await fetch(`${http.base}/assets/missing.js`)).status).toBe(404);
    });
  });

  describe('GET /t/:number', () => {
    it('shows number, Chinese status, category, priority, owner, assignee and the timeline', async () => {
      await waitUntilSettled(http.base, printer);
      const res = await fetch(`${http.base}/t/${printer}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(printer);
      expect(html).toContain('<dd id="t-status">已派单</dd>');
      expect(html).toContain('<dd id="t-category">打印机</dd>');
      expect(html).toMatch(/<dd id="t-priority">P\d<\/dd>/);
      expect(html).toMatch(/<dd id="t-owner">[^<]+服务台<\/dd>/);
      expect(html).toContain('<dd id="t-assignee">赵打印</dd>');
      expect(html).toContain('工单已登记');
      expect(html).toContain('已派单给工程师');
      expect(html).toContain('<script src="/assets/ticket-lookup.js" defer>');
    });

    it('says so when dispatch found nobody and the desk will assign by hand', async () => {
      const json = await waitUntilSettled(http.base, triage);
      expect(json.triage).toBe(true);
      expect(json.assignee).toBeNull();
      const html = await (await fetch(`${http.base}/t/${triage}`)).text();
      expect(html).toContain('服务台人工派单中');
      expect(html).toContain('data-triage="true"');
    });

    it('shows nothing of the reporter: no name, phone, email, WeChat id, department or description', async () => {
      for (const path of [`/t/${printer}`, `/t/${printer}.json`, `/t/${triage}`, `/t/${triage}.json`]) {
        const text = await (await fetch(`${http.base}${path}`)).text();
        for (const secret of Object.values(reporter))
          expect(text, `${path} shows ${secret}`).not.toContain(secret);
        expect(text).not.toContain('卡纸了');
      }
    });

    it('has a JSON twin with the public subset, which the pages poll', async () => {
      const res = await fetch(`${http.base}/t/${printer}.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { ticket } = (await res.json()) as { ticket: Record<string, unknown> };
      expect(Object.keys(ticket).sort()).toEqual(
        [
          'assignee',
          'category',
          'number',
          'owner',
          'priority',
          'reportedAt',
          'status',
          'statusLabel',
          'timeline',
          'triage',
          'updatedAt',
        ].sort(),
      );
      expect(ticket).toMatchObject({
        number: printer,
        status: 'dispatched',
        statusLabel: '已派单',
        category: '打印机',
      });
      expect(ticket.assignee).toEqual({ name: '赵打印' });
    });

    it('is found by a lower-case number, and by the search form', async () => {
      expect((await fetch(`${http.base}/t/${printer.toLowerCase()}.json`)).status).toBe(200);
      const search = await fetch(`${http.base}/t?number=${printer.toLowerCase()}`, { redirect: 'manual' });
      expect(search.status).toBe(303);
      expect(search.headers.get('location')).toBe(`/t/${printer}`);
      const form = await fetch(`${http.base}/t`);
      expect(await form.text()).toContain('查询工单');
    });

    it('answers a malformed number with 400 and an unknown one with 404, as a page or as JSON', async () => {
      const badPage = await fetch(`${http.base}/t/${encodeURIComponent('<b>x</b>')}`);
      expect(badPage.status).toBe(400);
      const badHtml = await badPage.text();
      expect(badHtml).toContain('工单号格式不正确');
      expect(badHtml).not.toContain('<b>x</b>');
      const missingPage = await fetch(`${http.base}/t/INC-19990101-0001`);
      expect(missingPage.status).toBe(404);
      expect(await missingPage.text()).toContain('未找到工单 INC-19990101-0001');

      const badJson = await fetch(`${http.base}/t/nope.json`);
      expect(badJson.status).toBe(400);
      expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
      const missingJson = await fetch(`${http.base}/t/INC-19990101-0001.json`);
      expect(missingJson.status).toBe(404);
      expect(((await missingJson.json()) as { error: { code: string } }).error.code).toBe('TICKET_NOT_FOUND');
      expect((await fetch(`${http.base}/t?number=${randomUUID()}`)).status).toBe(400);
    });
  });
});
