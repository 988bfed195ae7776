import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../core/commands/index.js';
import type { InboundMessage } from '../../../core/inbound/inbound-message.js';
import { ok } from '../../../core/shared/result.js';
import type {
  ChatCommandOutcome,
  FileComplaint,
  HandOverShift,
} from '../../../core/use-cases/chat-command/index.js';
import { inbound } from '../../support/inbound.js';
import { ActionHarness } from './action-harness.js';

/** A WeChat group line from `wechatId`, optionally quote-replying to a prompt about `quoted`. */
function line(text: string, wechatId: string, name = '某人'): InboundMessage {
  return inbound({
    channel: 'wechat',
    text,
    sender: { name, externalId: wechatId, wechatId },
    conversation: { id: 'room-1', title: '行政楼报修群' },
  });
}

describe('RunChatCommandUseCase on PGlite', { timeout: 30_000 }, () => {
  let h: ActionHarness;
  beforeAll(async () => {
    h = await ActionHarness.open();
  }, 120_000);
  afterAll(async () => h?.close());
  beforeEach(async () => h.reset());

  const say = async (
    text: string,
    wechatId: string,
    quoted: string | null = null,
    chat = h.chat(),
  ): Promise<ChatCommandOutcome> => {
    const command = parseCommand(text, { quotedTicketNumber: quoted, ticketPrefix: 'INC' });
    if (!command) throw new Error(`not a command: ${text}`);
    const r = await chat.execute({ command, message: line(text, wechatId) });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('the assigned engineer accepts by quote-reply and resolves; the reply goes back into the chat', async () => {
    const t = await h.ticket();
    const acked = await say('接单', 'wx-print', t.number);
    expect(acked).toMatchObject({ kind: 'acknowledge', status: 'done', code: null });
    expect(acked.replies).toEqual([
      {
        text: expect.stringContaining(`已接单 ${t.number}`),
        private: false,
        mention: true,
        ticketId: t.id,
        ticketNumber: t.number,
      },
    ]);
    const done = await say(`完成 #${t.number} 更换硒鼓 配件:硒鼓 现场`, 'wx-print');
    expect(done).toMatchObject({ status: 'done', replies: [{ text: expect.stringContaining('现场解决') }] });
    expect(await h.reload(t.id)).toMatchObject({
      status: 'resolved',
      resolution: { process: '更换硒鼓', parts: ['硒鼓'], remote: false, signedOffBy: 'eng-print' },
    });
    const events = await h.tickets.events(t.id);
    expect(events.find((e) => e.type === 'acknowledged')?.actor).toEqual({
      kind: 'person',
      id: 'eng-print',
      name: '赵打印',
    });
  });

  it('refuses an engineer another engineer’s ticket, and an outsider the auditor’s commands, saying why', async () => {
    const t = await h.ticket();
    const other = await say(`接单 #${t.number}`, 'wx-nobody');
    expect(other).toMatchObject({ status: 'refused', code: 'COMMAND_FORBIDDEN' });
    expect(other.replies[0]?.text).toContain('工程师的操作');
    expect((await h.reload(t.id)).status).toBe('dispatched');
    const stats = await say('统计 今天', 'wx-nobody');
    expect(stats).toMatchObject({
      status: 'refused',
      replies: [{ text: expect.stringContaining('仅限稽查员') }],
    });
  });

  it('answers the auditor privately: 查询, 统计, 超时, 未评价, 缺日志, 工作量', async () => {
    const t = await h.ticket();
    h.clock.set('2026-11-23T02:30:00Z');
    const lookup = await say(`查询 #${t.number}`, 'wx-aud');
    expect(lookup).toMatchObject({ status: 'answered', replies: [{ private: true, mention: false }] });
    expect(lookup.replies[0]?.text).toContain(`【${t.number}】已派单`);
    expect(lookup.replies[0]?.text).toContain('派单');
    for (const [text, says] of [
      ['统计 今天', '新建工单：1'],
      ['超时', '已超时 20 分钟'],
      ['未评价', '没有待回访'],
      ['缺日志', '所有处理中的工单'],
      ['工作量', '赵打印：在办 1'],
    ] as const) {
      const r = await say(text, 'wx-aud');
      expect(r.status).toBe('answered');
      expect(r.replies).toHaveLength(1);
      expect(r.replies[0]).toMatchObject({ private: true });
      expect(r.replies[0]?.text).toContain(says);
    }
  });

  it('lets the reporter ask progress and cancel their own ticket, not someone else’s', async () => {
    const t = await h.ticket();
    expect(await say(`进度 #${t.number}`, 'wx-li')).toMatchObject({
      status: 'answered',
      replies: [{ private: false, text: expect.stringContaining('当前状态：已派单') }],
    });
    expect(await say(`取消 #${t.number}`, 'wx-stranger')).toMatchObject({ status: 'refused' });
    expect(await say(`取消 #${t.number} 好了`, 'wx-li')).toMatchObject({ status: 'done' });
    expect(await h.reload(t.id)).toMatchObject({ status: 'cancelled' });
  });

  it('转派 @name finds the engineer in the roster; an unknown name is a clear failure', async () => {
    const t = await h.ticket(['accept', 'dispatch', 'acknowledge']);
    expect(await say(`转派 #${t.number} @孙二线 要二线`, 'wx-print')).toMatchObject({
      status: 'done',
      replies: [{ text: expect.stringContaining('已转派给 孙二线') }],
    });
    const unknown = await say(`转派 #${t.number} @不存在`, 'wx-desk-a');
    expect(unknown).toMatchObject({ status: 'failed', code: 'ACTION_UNKNOWN_PERSON' });
  });

  it('says what went wrong: unknown ticket, wrong status, malformed command', async () => {
    expect(await say('接单 #INC-20991231-0001', 'wx-print')).toMatchObject({
      status: 'failed',
      code: 'TICKET_NOT_FOUND',
      replies: [{ text: expect.stringContaining('没有工单 INC-20991231-0001') }],
    });
    const t = await h.ticket();
    expect(await say(`恢复 #${t.number}`, 'wx-print')).toMatchObject({
      status: 'failed',
      code: 'TICKET_INVALID_TRANSITION',
      replies: [{ text: expect.stringContaining('当前状态为「已派单」') }],
    });
    const malformed = parseCommand(`挂起 #${t.number}`, { quotedTicketNumber: null });
    if (!malformed) throw new Error('not a command');
    const r = await h.chat().execute({ command: malformed, message: line('挂起', 'wx-print') });
    expect(r).toMatchObject({ ok: true, value: { status: 'invalid', code: 'COMMAND_MALFORMED' } });
  });

  it('投诉 and 交接 say they are not available when their features are not wired, and run when they are', async () => {
    const t = await h.ticket();
    expect(await say(`投诉 #${t.number} 太慢`, 'wx-li')).toMatchObject({ status: 'unavailable' });
    expect(await say('交接 @李服务台 早-中', 'wx-desk-a')).toMatchObject({ status: 'unavailable' });
    const calls: unknown[] = [];
    const handOverShift: HandOverShift = async (req) => {
      calls.push(req);
      return ok({ reference: 'HO-1', tickets: 3 });
    };
    const handed = await say('交接 @李服务台 早-中 注意INC单', 'wx-desk-a', null, h.chat({ handOverShift }));
    expect(handed).toMatchObject({
      status: 'done',
      replies: [{ text: expect.stringContaining('3 张未完成工单已交给 李服务台') }],
    });
    expect(calls).toEqual([
      expect.objectContaining({
        fromId: 'desk-a',
        toId: 'desk-b',
        shift: '早-中',
        notes: '注意INC单',
        channel: 'wechat',
      }),
    ]);
    const filed: unknown[] = [];
    const fileComplaint: FileComplaint = async (req) => {
      filed.push(req);
      return ok({ reference: 'CMP-1' });
    };
    const complained = await say(`投诉 #${t.number} 太慢`, 'wx-li', null, h.chat({ fileComplaint }));
    // The complaints feature sends its own receipt; the command adds no second one.
    expect(complained).toMatchObject({ status: 'done', replies: [] });
    expect(filed).toEqual([
      expect.objectContaining({
        channel: 'wechat',
        ticketNumber: t.number,
        text: '太慢',
        complainant: { personId: null, name: '某人', address: 'wx-li', conversationId: 'room-1' },
      }),
    ]);
    expect(await say(`投诉 #${t.number} 太慢`, 'wx-other', null, h.chat({ fileComplaint }))).toMatchObject({
      status: 'refused',
    });
    expect(filed).toHaveLength(1);
  });

  it('帮助 lists what this sender may use', async () => {
    const reporter = await say('帮助', 'wx-li');
    expect(reporter.replies[0]?.text).toContain('进度');
    expect(reporter.replies[0]?.text).not.toContain('统计');
    const auditor = await say('帮助', 'wx-aud');
    expect(auditor.replies[0]?.text).toContain('统计');
  });
});
