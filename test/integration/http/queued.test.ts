import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../core/inbound/index.js';
import type { IntakeGateway, IntakeReceipt } from '../../../core/ports/index.js';
import { startPipeline } from '../../support/pipeline-harness.js';
import { appDeps, postReport, serve, type PipelineParts } from './http-harness.js';

type Pipeline = PipelineParts & { close(): Promise<void> };

/** An intake that accepts everything into a queue nobody drains: the 202 answer and nothing else. */
class AlwaysQueuedIntake implements IntakeGateway {
  readonly received: InboundMessage[] = [];
  async submit(message: InboundMessage): Promise<IntakeReceipt> {
    this.received.push(message);
    return { status: 'queued', jobId: `intake:web:${message.externalId}` };
  }
}

describe('POST /api/v1/reports when intake has not finished in time', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline();
  });
  afterAll(async () => p?.close());

  it('answers 202 with the intake job id, and the report still becomes its ticket (real pipeline, no wait)', async () => {
    const http = await serve(appDeps(p, { intakeWaitMs: 0 }));
    try {
      const key = randomUUID();
      const res = await postReport(
        http.base,
        { contact: { name: '排队的人' }, description: '打印机缺纸' },
        { 'Idempotency-Key': key },
      );
      expect(res.status).toBe(202);
      const body = (await res.json()) as { intake: { status: string; id: string } };
      expect(body.intake.status).toBe('queued');
      expect(body.intake.id).toEqual(expect.any(String));
      expect(body.intake.id).not.toBe('');
      await expect
        .poll(() => p.tickets.findTicketIdByMessage('web', `form:${key}`), { timeout: 10_000, interval: 50 })
        .not.toBeNull();
    } finally {
      await http.close();
    }
  });

  it('shows a browser without JavaScript "已收到，正在登记" with a form that asks again under the same key', async () => {
    const intake = new AlwaysQueuedIntake();
    const http = await serve(appDeps(p, { intake }));
    try {
      const key = randomUUID();
      const res = await fetch(`${http.base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
        body: new URLSearchParams({
          idempotencyKey: key,
          'contact.name': '"><b>王</b>',
          description: '网络断了',
        }).toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(202);
      const html = await res.text();
      expect(html).toContain('已收到，正在登记');
      expect(html).toContain(`name="idempotencyKey" value="${key}"`);
      expect(html).toContain('value="&quot;&gt;&lt;b&gt;王&lt;/b&gt;"');
      expect(intake.received).toHaveLength(1);
      expect(intake.received[0]?.externalId).toBe(`form:${key}`);
      expect(intake.received[0]?.channel).toBe('web');
    } finally {
      await http.close();
    }
  });
});
