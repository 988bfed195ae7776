import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import express from 'express';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DrizzleTriageModelRepository } from '../../../adapters/db/triage-model.repository.js';
import { errorHandler } from '../../../adapters/http/middleware/index.js';
import { triageRouter } from '../../../adapters/http/routes/triage.route.js';
import { ReclassifyTicketUseCase } from '../../../core/use-cases/reclassify-ticket/index.js';
import { inbound } from '../../support/inbound.js';
import { UseCaseHarness } from '../use-cases/use-case-harness.js';

const TOKEN = 'triage-route-token-0123456789';

describe('POST /api/v1/tickets/:number/category', () => {
  let h: UseCaseHarness;
  let server: Server;
  let base: string;
  let models: DrizzleTriageModelRepository;
  beforeAll(async () => {
    h = await UseCaseHarness.open();
    models = new DrizzleTriageModelRepository(h.database.db);
    const app = express();
    app.use(
      triageRouter({
        apiToken: TOKEN,
        tickets: h.tickets,
        people: h.people,
        reclassify: new ReclassifyTicketUseCase({
          tickets: h.tickets,
          models,
          jobs: h.scheduler,
          clock: h.clock,
        }),
        bodyLimit: '64kb',
      }),
    );
    app.use(errorHandler(pino({ level: 'silent' }), 'test desk'));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
    await h.database.db.execute(sql`truncate triage_corrections restart identity`);
  });

  const post = (number: string, body: unknown, token: string | null = TOKEN) =>
    fetch(`${base}/api/v1/tickets/${number}/category`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const reported = async (): Promise<string> => (await h.report(inbound({ text: '打印机卡纸' }))).number;

  it('corrects the category as a desk member and stores the example', async () => {
    const number = await reported();
    const res = await post(number, { category: '电脑', type: 'request', priority: 'P4', by: 'desk-zao-1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ticket: { category: string; priority: string };
      correctionId: number;
    };
    expect(body.ticket).toMatchObject({ category: '电脑', priority: 'P4' });
    expect(await models.corrections()).toMatchObject([
      { id: body.correctionId, label: '电脑', previous: '打印机', actor: 'person:desk-zao-1' },
    ]);
  });

  it('answers 401 without the token, 400 for a bad body, 404 for an unknown ticket, 403 for a non-desk person', async () => {
    const number = await reported();
    expect((await post(number, { category: '电脑' }, null)).status).toBe(401);
    const bad = await post(number, { category: '咖啡机', extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expect((await post('INC-20991231-0001', { category: '电脑' })).status).toBe(404);
    const engineer = h.desk.people.find((p) => p.role === 'engineer')?.id;
    expect((await post(number, { category: '电脑', by: engineer })).status).toBe(403);
    expect((await post(number, { category: '电脑', by: 'nobody' })).status).toBe(400);
    expect(await models.corrections()).toEqual([]);
  });
});
