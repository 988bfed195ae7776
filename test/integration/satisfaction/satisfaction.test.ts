import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth } from '../http/http-harness.js';
import { testDesk } from '../../support/test-desk.js';
import { openFollowupRig, seconds, waitUntil, type FollowupRig } from './followup-harness.js';

/** Reminder 2 s and auto-close 5 s after resolution: real BullMQ delayed jobs, short windows. */
const desk = testDesk({ satisfaction: { reminderHours: seconds(2), autoCloseHours: seconds(5) } });

describe('satisfaction follow-up on a real pipeline', () => {
  let rig: FollowupRig;
  beforeAll(async () => {
    rig = await openFollowupRig(desk, ['web', 'email']);
  });
  afterAll(async () => rig?.close());

  const outTexts = async (ticketId: string) =>
    (await rig.p.tickets.messages(ticketId)).filter((m) => m.direction === 'out').map((m) => m.externalId);

  it('asks on resolution, reminds once after the reminder window, and closes without a rating', async () => {
    const t = await rig.report();
    const resolved = await rig.walk(t, ['acknowledge', 'start', 'resolve']);
    const cycle = resolved.resolvedAt?.getTime();
    await waitUntil(async () => (await outTexts(t.id)).includes(`out:satisfaction-${t.id}-${cycle}`));
    // The web reporter reads the question on the ticket page, with the rating page's path.
    const question = (await rig.p.tickets.messages(t.id)).find(
      (m) => m.externalId === `out:satisfaction-${t.id}-${cycle}`,
    );
    expect(question?.text).toContain(`/t/${t.number}/rating`);

    await waitUntil(async () =>
      (await outTexts(t.id)).includes(`out:satisfaction-reminder-${t.id}-${cycle}`),
    );
    const reminderAt = Date.now();
    expect(reminderAt - (cycle ?? 0)).toBeGreaterThanOrEqual(1_900);
    const closed = await rig.p.waitForTicket(t.number, (x) => x.status === 'closed', 20_000);
    expect(closed.rating).toBeNull();
    expect(closed.closedAt!.getTime() - (cycle ?? 0)).toBeGreaterThanOrEqual(4_900);
    const events = await rig.p.tickets.events(t.id);
    expect(events.filter((e) => e.type === 'closed').map((e) => e.data)).toEqual([
      expect.objectContaining({ autoClosed: true, reason: 'no rating' }),
    ]);
    expect((await outTexts(t.id)).filter((id) => id.includes('satisfaction-reminder'))).toHaveLength(1);
  });

  it('a rating closes the ticket and stops the timers; ≤ 2 alerts the manager and offers the complaint path', async () => {
    const t = await rig.walk(await rig.report(), ['acknowledge', 'start', 'resolve']);
    const url = `${rig.http.base}/t/${t.number}/rating`;
    const post = (body: object) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const rated = await post({ rating: 2, comment: '等太久了' });
    expect(rated.status).toBe(200);
    expect(await rated.json()).toEqual({ ticket: { number: t.number, status: 'closed', rating: 2 } });
    // The same rating again is answered the same; a different one is refused.
    expect((await post({ rating: 2 })).status).toBe(200);
    expect((await post({ rating: 5 })).status).toBe(409);

    const stored = await rig.p.tickets.findById(t.id);
    expect(stored).toMatchObject({ status: 'closed', rating: 2, ratingComment: '等太久了' });
    await waitUntil(async () => (await rig.queued('email', 'callback')).some((n) => n.ticketId === t.id));
    const alert = (await rig.queued('email', 'callback')).find((n) => n.ticketId === t.id);
    expect(alert?.to).toMatchObject({ personId: 'mgr', address: 'mgr@example.edu.cn' });
    expect(alert?.text).toContain('不满意');
    await waitUntil(async () =>
      (await outTexts(t.id)).some((id) => id.startsWith(`out:complaint-offer-${t.id}`)),
    );

    const timers = await rig.p.timers.scheduler.list(t.id, 'followup.');
    expect(timers.map((x) => x.state).sort()).toEqual(['cancelled', 'cancelled']);
    // Past the reminder window nothing more is said to the reporter.
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await outTexts(t.id)).some((id) => id.includes('satisfaction-reminder'))).toBe(false);
  });

  it('the rating page: a form preselected from a mail link, and every refusal', async () => {
    const open = await rig.report();
    const done = await rig.walk(await rig.report(), ['acknowledge', 'start', 'resolve']);
    const page = await fetch(`${rig.http.base}/t/${done.number}/rating?score=4`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/value="4" required checked/);
    // The email channel's rating links use /rate: the same confirming form.
    const mailLink = await fetch(`${rig.http.base}/t/${done.number}/rate?score=2`);
    expect(await mailLink.text()).toMatch(/value="2" required checked/);

    const form = (number: string, body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${rig.http.base}/t/${number}/rating`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    expect((await form(open.number, 'rating=5')).status).toBe(409); // not resolved yet
    expect((await form(done.number, 'rating=6')).status).toBe(400);
    expect((await form(done.number, 'comment=x')).status).toBe(400);
    expect((await form('INC-20990101-0001', 'rating=5')).status).toBe(404);
    expect((await form('not-a-number', 'rating=5')).status).toBe(400);
    expect((await form(done.number, 'rating=5', 'text/plain')).status).toBe(415);
    expect((await fetch(`${rig.http.base}/t/${done.number}/rating`, { method: 'PUT' })).status).toBe(405);
    const thanks = await form(done.number, 'rating=5&comment=%E5%BE%88%E5%A5%BD');
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain('谢谢您的评价');
  });

  it('the auditors get unrated and low-rated tickets of a period (稽查员回访)', async () => {
    const low = await rig.walk(await rig.report(), ['acknowledge', 'start', 'resolve']);
    const happy = await rig.walk(await rig.report(), ['acknowledge', 'start', 'resolve']);
    const rate = (number: string, rating: number) =>
      fetch(`${rig.http.base}/t/${number}/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating }),
      });
    expect((await rate(low.number, 1)).status).toBe(200);
    expect((await rate(happy.number, 5)).status).toBe(200);
    const res = await fetch(`${rig.http.base}/api/v1/callbacks`, { headers: auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { callbacks: Array<{ ticketNumber: string; reason: string }> };
    const reasons = new Map(body.callbacks.map((c) => [c.ticketNumber, c.reason]));
    expect(reasons.get(low.number)).toBe('low_rating');
    expect(reasons.has(happy.number)).toBe(false);

    expect((await fetch(`${rig.http.base}/api/v1/callbacks`)).status).toBe(401);
    expect((await fetch(`${rig.http.base}/api/v1/callbacks?from=yesterday`, { headers: auth })).status).toBe(
      400,
    );
    expect(
      (await fetch(`${rig.http.base}/api/v1/callbacks?from=2026-12-02&to=2026-12-01`, { headers: auth }))
        .status,
    ).toBe(400);
    expect((await fetch(`${rig.http.base}/api/v1/callbacks`, { method: 'POST', headers: auth })).status).toBe(
      405,
    );
    const assessed = await fetch(`${rig.http.base}/api/v1/assessments`, { headers: auth });
    const engineers = (
      (await assessed.json()) as { engineers: Array<{ engineerId: string; lowRatings: number }> }
    ).engineers;
    expect(engineers.find((e) => e.engineerId === low.assigneeId)?.lowRatings).toBeGreaterThanOrEqual(1);
  });
});
