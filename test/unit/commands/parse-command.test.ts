import { describe, expect, it } from 'vitest';
import { parseCommand, type Command } from '../../../core/commands/index.js';

const N = 'INC-20261123-0007';
const Q = 'INC-20261123-0042';
const parse = (text: string, quoted: string | null = null) =>
  parseCommand(text, { quotedTicketNumber: quoted, ticketPrefix: 'INC', botNames: ['运维小助手'] });
const command = (text: string, quoted: string | null = null): Command => {
  const r = parse(text, quoted);
  if (!r) throw new Error(`not a command: ${text}`);
  if (!r.ok) throw new Error(`malformed: ${r.error.message}`);
  return r.value;
};

describe('parseCommand', () => {
  it.each<[string, Command]>([
    [`接单 #${N}`, { kind: 'acknowledge', ticketNumber: N }],
    [`/ack ${N}`, { kind: 'acknowledge', ticketNumber: N }],
    [`/ACK@DeskBot #${N}`, { kind: 'acknowledge', ticketNumber: N }],
    [`到达 #${N}`, { kind: 'arrive', ticketNumber: N }],
    [`进展 #${N} 已更换网线，待观察`, { kind: 'note', ticketNumber: N, text: '已更换网线,待观察' }],
    [`/note ${N} replaced the cable`, { kind: 'note', ticketNumber: N, text: 'replaced the cable' }],
    [`挂起 #${N} 等待厂家配件`, { kind: 'pend', ticketNumber: N, reason: '等待厂家配件' }],
    [`恢复 #${N}`, { kind: 'resume', ticketNumber: N }],
    [
      `转派 #${N} @孙二线 需要二线`,
      { kind: 'reassign', ticketNumber: N, target: '孙二线', reason: '需要二线' },
    ],
    [`/reassign ${N} @eng-2`, { kind: 'reassign', ticketNumber: N, target: 'eng-2', reason: null }],
    [`升级 #${N} 主板故障超出能力`, { kind: 'escalate', ticketNumber: N, reason: '主板故障超出能力' }],
    [`进度 #${N}`, { kind: 'progress', ticketNumber: N }],
    [`取消 #${N}`, { kind: 'cancel', ticketNumber: N, reason: null }],
    [`取消 #${N} 已自行恢复`, { kind: 'cancel', ticketNumber: N, reason: '已自行恢复' }],
    [`投诉 #${N} 工程师两天没来`, { kind: 'complain', ticketNumber: N, text: '工程师两天没来' }],
    [`查询 #${N}`, { kind: 'lookup', ticketNumber: N }],
    ['统计 今天', { kind: 'stats', period: 'today' }],
    ['统计本周', { kind: 'stats', period: 'week' }],
    ['统计 本月', { kind: 'stats', period: 'month' }],
    ['统计', { kind: 'stats', period: 'today' }],
    ['/stats week', { kind: 'stats', period: 'week' }],
    ['超时', { kind: 'overdue' }],
    ['未评价', { kind: 'unrated' }],
    ['缺日志', { kind: 'missing_log' }],
    ['/nolog', { kind: 'missing_log' }],
    ['工作量', { kind: 'workload', period: 'month' }],
    ['工作量 今天', { kind: 'workload', period: 'today' }],
    ['帮助', { kind: 'help' }],
    ['/help', { kind: 'help' }],
  ])('%s', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });

  it('reads 完成 with process, parts, consumables and the way it was solved', () => {
    expect(command(`完成 #${N} 更换硒鼓并清洁搓纸轮 配件:硒鼓,搓纸轮 耗材:A4纸 现场`)).toEqual({
      kind: 'resolve',
      ticketNumber: N,
      process: '更换硒鼓并清洁搓纸轮',
      parts: ['硒鼓', '搓纸轮'],
      consumables: ['A4纸'],
      remote: false,
    });
    expect(command(`完成 #${N} 远程协助重装驱动 远程`)).toMatchObject({
      process: '远程协助重装驱动',
      parts: [],
      consumables: [],
      remote: true,
    });
    expect(command(`/resolve ${N} rebooted the switch`)).toMatchObject({
      process: 'rebooted the switch',
      remote: null,
    });
    expect(command(`完成 #${N} 重装系统 耗材：无 配件：内存条、硬盘`)).toMatchObject({
      process: '重装系统',
      parts: ['内存条', '硬盘'],
      consumables: [],
    });
  });

  it('tolerates full-width characters, extra spaces and @-mentions of the bot', () => {
    expect(command(`接单＃ＩＮＣ－20261123－0007`)).toEqual({
      kind: 'acknowledge',
      ticketNumber: N,
    });
    expect(command(`  @运维小助手\u2005接单   #${N}  `)).toEqual({ kind: 'acknowledge', ticketNumber: N });
    expect(command(`@运维小助手接单 #${N}`)).toEqual({ kind: 'acknowledge', ticketNumber: N });
    expect(command(`挂起：#${N}，等待用户`)).toEqual({ kind: 'pend', ticketNumber: N, reason: '等待用户' });
    expect(command(`接单 #${N.toLowerCase()}`)).toEqual({ kind: 'acknowledge', ticketNumber: N });
    expect(command(`接单${N}`)).toEqual({ kind: 'acknowledge', ticketNumber: N });
  });

  it('takes the ticket from the quoted prompt when the text names none, and the text wins over the quote', () => {
    expect(command('接单', Q)).toEqual({ kind: 'acknowledge', ticketNumber: Q });
    expect(command('接单。', Q)).toEqual({ kind: 'acknowledge', ticketNumber: Q });
    expect(command('到达！', Q)).toEqual({ kind: 'arrive', ticketNumber: Q });
    expect(command('完成 换了网线', Q)).toMatchObject({
      kind: 'resolve',
      ticketNumber: Q,
      process: '换了网线',
    });
    expect(command(`接单 #${N}`, Q)).toEqual({ kind: 'acknowledge', ticketNumber: N });
  });

  it('reads 交接 with successor, shift, note and the tickets the note names', () => {
    expect(command(`交接 @陈中班 早-中 ${N} 等配件，其余正常`)).toEqual({
      kind: 'handover',
      successor: '陈中班',
      shift: '早-中',
      note: '等配件,其余正常',
      ticketNumbers: [N],
    });
    expect(command('交接 @陈中班 中-晚')).toEqual({
      kind: 'handover',
      successor: '陈中班',
      shift: '中-晚',
      note: null,
      ticketNumbers: [],
    });
  });

  it.each<[string, string | null, string]>([
    [`关联 #${N} 13800138000`, null, '13800138000'],
    [`/link ${N} +86 138-0013-8000`, null, '+8613800138000'],
    [`/LINK@DeskBot #${N} 8001`, null, '8001'],
    [`关联：#${N}，(010) 1234 5678`, null, '01012345678'],
    [`关联 13800138000 #${N}`, null, '13800138000'],
    ['关联＃ＩＮＣ－20261123－0007\u3000１３８００１３８０００', null, '13800138000'],
    ['关联 13800138000', Q, '13800138000'],
  ])('reads 关联 %j (quoting %s) as linking the call from %s', (text, quoted, phone) => {
    expect(command(text, quoted)).toEqual({ kind: 'link_call', ticketNumber: quoted ?? N, phone });
  });

  it.each([
    '你好',
    '谢谢师傅',
    '完成了吗？',
    '恢复正常了，谢谢',
    '升级系统后打印机不能用了',
    '统计学老师的电脑坏了',
    '超时了怎么办',
    '打印机卡纸 #INC-20261123-0007',
    '/start',
    '关联系统登录不了',
    '/linked',
    '',
  ])('%j is conversation, not a command', (text) => {
    expect(parse(text)).toBeNull();
  });

  it.each<[string, string, string]>([
    ['接单', 'COMMAND_NO_TICKET', '请写明工单号'],
    ['进度', 'COMMAND_NO_TICKET', '进度 #INC-'],
    [`挂起 #${N}`, 'COMMAND_MALFORMED', '挂起需要写明原因'],
    [`升级 #${N}`, 'COMMAND_MALFORMED', '升级需要写明原因'],
    [`进展 #${N}`, 'COMMAND_MALFORMED', '请写明处理进展'],
    [`转派 #${N} 孙二线`, 'COMMAND_MALFORMED', '@'],
    [`完成 #${N} 配件:硒鼓`, 'COMMAND_MALFORMED', '处理过程'],
    [`投诉 #${N}`, 'COMMAND_MALFORMED', '投诉内容'],
    ['统计 去年', 'COMMAND_MALFORMED', '今天/本周/本月'],
    ['超时 全部', 'COMMAND_MALFORMED', '不带参数'],
    ['交接 早-中', 'COMMAND_MALFORMED', '接班人'],
    ['交接 @陈中班', 'COMMAND_MALFORMED', '班次'],
    ['关联 13800138000', 'COMMAND_NO_TICKET', '关联 #INC-'],
    [`关联 #${N}`, 'COMMAND_MALFORMED', '请写明来电号码'],
    [`/link ${N}`, 'COMMAND_MALFORMED', '请写明来电号码'],
    [`关联 #${N} 张老师`, 'COMMAND_MALFORMED', '「张老师」不是电话号码'],
    [`关联 #${N} 13800138000 回访`, 'COMMAND_MALFORMED', '不是电话号码'],
    [`关联 #${N} 12`, 'COMMAND_MALFORMED', '3 到 15 位数字'],
    [`关联 #${N} 1380013800012345`, 'COMMAND_MALFORMED', '3 到 15 位数字'],
    [`关联 #${N} 138+00138000`, 'COMMAND_MALFORMED', '不是电话号码'],
    [`关联 #${N} #${Q} 13800138000`, 'COMMAND_MALFORMED', '一次只能关联到一张工单'],
  ])('%j is a malformed command with a Chinese message saying the form', (text, code, says) => {
    const r = parse(text);
    expect(r).not.toBeNull();
    if (!r || r.ok) throw new Error('expected a parse error');
    expect(r.error.code).toBe(code);
    expect(r.error.message).toContain(says);
    expect(r.error.message).toContain('格式');
  });
});
