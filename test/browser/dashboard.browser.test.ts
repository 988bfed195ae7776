/// <reference lib="dom" />
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STATUS_LABELS } from '../../adapters/http/html/labels.js';
import {
  DASHBOARD_PASSWORD,
  startInsightsApp,
  type InsightsHarness,
} from '../integration/kpi/insights-harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 900 };

let h: InsightsHarness;
let context: BrowserContext;
let page: Page;
let profile: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  h = await startInsightsApp(inject('postgresUrl'), inject('redisUrl'), 120);
  profile = await mkdtemp(join(tmpdir(), 'deskbot-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: VIEWPORT,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await h?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

const url = (path: string) => `${h.served.base}${path}`;
const rowCount = () => page.locator('#rows tr').count();

describe('the staff dashboard in headless Chromium', () => {
  it('asks for a password and lets staff in with the right one', async () => {
    await page.goto(url('/dashboard'));
    expect(new URL(page.url()).pathname).toBe('/dashboard/login');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.error').textContent()).toContain('Wrong password');
    await page.fill('input[name=password]', DASHBOARD_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(url('/dashboard'));
    await expect.poll(rowCount, { timeout: 15_000 }).toBe(50);
    expect(await page.locator('#total').textContent()).toContain('120');
  });

  it('filters the live list by search text, status and category', async () => {
    await page.fill('input[name=q]', 'INC-20260301-000001');
    await expect.poll(rowCount, { timeout: 15_000 }).toBe(1);
    await page.fill('input[name=q]', '');
    await page.selectOption('select[name=status]', 'resolved');
    const resolved = h.seeded.filter((s) => s.fact.resolvedAt).length;
    await expect
      .poll(() => page.locator('#total').textContent(), { timeout: 15_000 })
      .toContain(`${resolved} `);
    const statuses = await page.locator('#rows tr td:nth-child(2)').allTextContents();
    expect(new Set(statuses)).toEqual(new Set([STATUS_LABELS.resolved]));
    await page.selectOption('select[name=category]', '网络');
    const expected = h.seeded.filter((s) => s.fact.resolvedAt && s.fact.category === '网络').length;
    await expect
      .poll(() => page.locator('#total').textContent(), { timeout: 15_000 })
      .toContain(`${expected} `);
    expect(new Set(await page.locator('#rows tr td:nth-child(3)').allTextContents())).toEqual(
      new Set(['网络']),
    );
  });

  it('opens a ticket with its event history', async () => {
    await page.selectOption('select[name=status]', '');
    await page.selectOption('select[name=category]', '');
    await page.fill('input[name=q]', 'INC-20260301-000001');
    await expect.poll(rowCount, { timeout: 15_000 }).toBe(1);
    await page.click('#rows a');
    await page.waitForURL(/\/dashboard\/tickets\/INC-20260301-000001$/);
    expect(await page.locator('#ticket-number').textContent()).toContain('INC-20260301-000001');
    expect(
      await page
        .locator('#events tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type'))),
    ).toEqual(['created', 'dispatched', 'acknowledged', 'sla_breached']);
  });

  it('draws the KPI charts with the 80% and 70% targets and the workload table', async () => {
    await page.goto(url('/dashboard/kpis'));
    await page.waitForSelector('body[data-kpis-loaded="true"]', { timeout: 30_000 });
    expect(await page.locator('#chart-targets canvas').count()).toBe(1);
    expect(await page.locator('#chart-groups canvas').count()).toBe(1);
    const targetLines = await page.evaluate(() => {
      const w = window as unknown as {
        echarts: {
          getInstanceByDom(el: Element): {
            getOption(): { series: Array<{ markLine?: { data: Array<{ yAxis: number }> } }> };
          };
        };
      };
      const el = document.getElementById('chart-targets');
      return el
        ? w.echarts
            .getInstanceByDom(el)
            .getOption()
            .series[0]?.markLine?.data.map((d) => d.yAxis)
        : null;
    });
    expect(targetLines).toEqual([80, 70]);
    // The chart really painted: many non-white pixels on its canvas.
    const painted = await page.locator('#chart-targets canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240)) n += 1;
      return n;
    });
    expect(painted).toBeGreaterThan(2000);
    expect(await page.locator('#workload tbody tr').count()).toBe(3);
    expect(await page.locator('#workload tbody').textContent()).toContain('周网络');

    const shot = await page.screenshot({ fullPage: false });
    // PNG: the IHDR chunk holds width and height big-endian at bytes 16 and 20.
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
    expect([shot.readUInt32BE(16), shot.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    expect(shot.length).toBeGreaterThan(30_000);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
  });

  it('shows the queue board behind the same login', async () => {
    await page.goto(url('/admin/queues'));
    await expect.poll(() => page.content(), { timeout: 20_000 }).toContain('dispatch');
  });
});
