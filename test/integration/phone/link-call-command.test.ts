import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DrizzleCallRepository } from '../../../adapters/db/call.repository.js';
import { parseCommand } from '../../../core/commands/index.js';
import type { Person } from '../../../core/desk/person.js';
import type { CallRecord } from '../../../core/phone/index.js';
import type { StoredCall } from '../../../core/ports/call.repository.port.js';
import { localStamp } from '../../../core/queries/query-answers.js';
import type { ChatCommandOutcome } from '../../../core/use-cases/chat-command/index.js';
import { inbound } from '../../support/inbound.js';
import { startPipeline, type Pipeline } from '../../support/pipeline-harness.js';
import { createTestDatabase } from '../../support/postgres-server.js';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

/** 关联 #INC-… 号码 on a PostgreSQL server, wired as the runtime wires it (buildServices). */
describe('关联: a desk engineer links the caller’s answered hotline call to its ticket', () => {
  let p: Pipeline;
  let calls: DrizzleCallRepository;
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    p = await startPipeline({ databaseUrl: await createTestDatabase(inject('postgresUrl')), workers: false });
    calls = new DrizzleCallRepository(p.database.db);
  });
  afterAll(async () => p?.close());

  const roster = (id: string): Person => {
    const found = p.desk.people.find((x) => x.id === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };

  /** A chat line from WeChat; `as` passes the roster entry the way a router that looked it up does. */
  const say = async (text: string, wechatId: string, as?: Person | null): Promise<ChatCommandOutcome> => {
    const command = parseCommand(text, { quotedTicketNumber: null, ticketPrefix: 'INC' });
    if (!command) throw new Error(`not a command: ${text}`);
    const message = inbound({
      channel: 'wechat',
      text,
      sender: { name: '某人', externalId: wechatId, wechatId },
      conversation: { id: 'room-desk', title: '服务台工作群' },
    });
    const r = await p.commands.chatCommand.execute({
      command,
      message,
      ...(as !== undefined ? { sender: as } : {}),
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  const report = async (text: string): Promise<{ id: string; number: string }> => {
    const r = await p.useCases.ingest.execute(inbound({ text, sender: { name: `来电人-${run}` } }));
    if (!r.ok) throw new Error(r.error.message);
    return { id: r.value.ticketId, number: r.value.ticketNumber };
  };

  const call = (
    key: string,
    c: Partial<CallRecord> & Pick<CallRecord, 'caller' | 'startedAt'>,
  ): CallRecord => {
    const answered = (c.disposition ?? 'ANSWERED') === 'ANSWERED';
    return {
      sourceId: `${key}-${run}`,
      answeredAt: answered ? c.startedAt : null,
      endedAt: new Date(c.startedAt.getTime() + 120_000),
      callee: '8000',
      disposition: 'ANSWERED',
      durationS: 120,
      billsecS: answered ? 110 : 0,
      isDeskCall: true,
      ...c,
    };
  };
  const stored = async (key: string): Promise<StoredCall> => {
    const c = await calls.findBySourceId(`${key}-${run}`);
    if (!c) throw new Error(`no call ${key}`);
    return c;
  };
  const linkEvents = async (ticketId: string) =>
    (await p.tickets.events(ticketId)).filter((e) => e.type === 'call_linked');

  it('links the latest answered hotline call from the number, records call_linked, and says which call', async () => {
    await calls.upsertMany([
      call('a-older', { caller: '13800138000', startedAt: minutesAgo(50) }),
      call('a-latest', { caller: '+86 138 0013 8000', startedAt: minutesAgo(20) }),
      call('a-missed', { caller: '13800138000', startedAt: minutesAgo(10), disposition: 'NO ANSWER' }),
      call('a-direct', {
        caller: '13800138000',
        startedAt: minutesAgo(8),
        callee: '8123',
        isDeskCall: false,
      }),
      call('a-other', { caller: '13800138001', startedAt: minutesAgo(5) }),
    ]);
    const ticket = await report('电话报修：行政楼305打印机卡纸');
    const latest = await stored('a-latest');

    const linked = await say(`关联 #${ticket.number} 138-0013-8000`, 'wx-desk-a');
    expect(linked).toMatchObject({ kind: 'link_call', status: 'done', code: null });
    expect(linked.replies).toEqual([
      {
        text: `已将 13800138000 于 ${localStamp(latest.startedAt, p.desk.timezone)} 打入的热线来电关联到工单 ${ticket.number}。`,
        private: false,
        mention: true,
        ticketId: ticket.id,
        ticketNumber: ticket.number,
      },
    ]);
    expect((await stored('a-latest')).ticketId).toBe(ticket.id);
    for (const key of ['a-older', 'a-missed', 'a-direct', 'a-other'])
      expect((await stored(key)).ticketId).toBeNull();
    const [event, ...more] = await linkEvents(ticket.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      actor: { kind: 'person', id: 'desk-a', name: '王服务台' },
      channel: 'phone',
      data: { callId: latest.id, caller: '+86 138 0013 8000', disposition: 'ANSWERED' },
    });

    // Said again (or redelivered): nothing more is linked.
    const again = await say(`/link ${ticket.number} 13800138000`, 'wx-desk-a');
    expect(again).toMatchObject({ status: 'failed', code: 'CALL_ALREADY_LINKED' });
    expect(again.replies[0]?.text).toBe(
      `无需重复关联：13800138000 于 ${localStamp(latest.startedAt, p.desk.timezone)} 的来电已关联到工单 ${ticket.number}。`,
    );
    expect(await linkEvents(ticket.id)).toHaveLength(1);
    expect((await stored('a-older')).ticketId).toBeNull();
  });

  it('a manager links the next unlinked call to a second ticket; a third finds them all linked', async () => {
    await calls.upsertMany([
      call('b-older', { caller: '13900000002', startedAt: minutesAgo(90) }),
      call('b-latest', { caller: '13900000002', startedAt: minutesAgo(30) }),
    ]);
    const first = await report('电话报修：科研楼电脑蓝屏');
    const second = await report('电话报修：科研楼网络断了');
    const third = await report('电话报修：门禁刷不开');
    expect(await say(`关联 #${first.number} 13900000002`, 'wx-desk-a')).toMatchObject({ status: 'done' });
    const byManager = await say(`关联 #${second.number} 13900000002`, 'mgr-wechat', roster('mgr'));
    expect(byManager).toMatchObject({ status: 'done' });
    expect((await stored('b-latest')).ticketId).toBe(first.id);
    expect((await stored('b-older')).ticketId).toBe(second.id);
    expect((await linkEvents(second.id))[0]?.actor).toMatchObject({ kind: 'person', id: 'mgr' });

    const none = await say(`关联 #${third.number} 13900000002`, 'wx-desk-a');
    expect(none).toMatchObject({ status: 'failed', code: 'CALL_ALREADY_LINKED' });
    expect(none.replies[0]?.text).toContain('13900000002 的已接听来电都已关联其他工单');
    expect(none.replies[0]?.text).toContain(`已关联 ${first.number}`);
    expect(await linkEvents(third.id)).toEqual([]);
  });

  it('says so when the number has no answered hotline call in the last 24 hours', async () => {
    await calls.upsertMany([
      call('c-missed', { caller: '13900000003', startedAt: minutesAgo(15), disposition: 'BUSY' }),
      call('c-yesterday', { caller: '13900000003', startedAt: minutesAgo(25 * 60) }),
    ]);
    const ticket = await report('电话报修：视频会议没有声音');
    const r = await say(`关联 #${ticket.number} 13900000003`, 'wx-desk-a');
    expect(r).toMatchObject({ status: 'failed', code: 'NO_ANSWERED_CALL' });
    expect(r.replies[0]?.text).toBe(
      '关联未成功：近 24 小时内没有来自 13900000003 的已接听热线来电，请核对号码（未接来电不能关联）。',
    );
    expect((await stored('c-yesterday')).ticketId).toBeNull();
    expect(await linkEvents(ticket.id)).toEqual([]);
  });

  it('refuses engineers and reporters, saying why, names an unknown ticket, and is in the desk’s 帮助 only', async () => {
    await calls.upsertMany([call('d-answered', { caller: '13900000004', startedAt: minutesAgo(12) })]);
    const ticket = await report('电话报修：一卡通充值失败');
    const engineer = await say(`关联 #${ticket.number} 13900000004`, 'wx-eng', roster('eng-print'));
    expect(engineer).toMatchObject({ status: 'refused', code: 'COMMAND_FORBIDDEN' });
    expect(engineer.replies[0]?.text).toBe(
      '「关联」仅限服务台工程师和运维经理使用（热线来电由服务台接听）；你在名册中的身份是工程师。',
    );
    const stranger = await say(`关联 #${ticket.number} 13900000004`, 'wx-stranger');
    expect(stranger).toMatchObject({
      status: 'refused',
      replies: [{ text: expect.stringContaining('报修人') }],
    });
    expect((await stored('d-answered')).ticketId).toBeNull();
    expect(await linkEvents(ticket.id)).toEqual([]);

    const unknown = await say('关联 #INC-20991231-0001 13900000004', 'wx-desk-a');
    expect(unknown).toMatchObject({
      status: 'failed',
      code: 'TICKET_NOT_FOUND',
      replies: [{ text: '关联未成功：没有工单 INC-20991231-0001，请检查工单号。' }],
    });
    expect((await say('帮助', 'wx-desk-a')).replies[0]?.text).toContain(
      '关联 #INC-20261123-0001 来电号码 / /link',
    );
    expect((await say('帮助', 'wx-eng', roster('eng-print'))).replies[0]?.text).not.toContain('关联');
    const malformed = await say(`关联 #${ticket.number} 张老师`, 'wx-desk-a');
    expect(malformed).toMatchObject({ status: 'invalid', code: 'COMMAND_MALFORMED' });
    expect((await stored('d-answered')).ticketId).toBeNull();
  });
});
