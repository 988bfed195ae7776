import { QUERY_ROLES } from '../../commands/command-policy.js';
import { COMMAND_USAGE } from '../../commands/command-usage.js';
import type { CommandKind } from '../../commands/command.js';
import type { Person, Role } from '../../desk/person.js';
import type { LinkedCall, LinkLatestCallError } from '../../phone/link-call.use-case.js';
import { localStamp } from '../../queries/query-answers.js';
import type { Result } from '../../shared/result.js';
import type { Ticket } from '../../tickets/ticket.entity.js';
import type { TicketActionRequest } from '../ticket-actions/ticket-action.types.js';

/** The confirmation the sender reads after an action went through. */
export function actionDoneText(
  r: TicketActionRequest,
  t: Ticket,
  people: ReadonlyMap<string, Person>,
  timeZone: string,
): string {
  const n = t.number;
  const assignee = t.assigneeId ? (people.get(t.assigneeId) ?? null) : null;
  switch (r.action) {
    case 'acknowledge':
      return `已接单 ${n}。到达现场请回复「到达」，处理完请回复「完成 处理过程」。`;
    case 'arrive':
      return `已记录到达 ${n}（${t.arrivedAt ? localStamp(t.arrivedAt, timeZone) : ''}）。`;
    case 'note':
      return `已记录 ${n} 的进展。`;
    case 'pend':
      return `${n} 已挂起：${r.reason}。恢复处理请回复「恢复 #${n}」。`;
    case 'resume':
      return `${n} 已恢复处理。`;
    case 'reassign':
      return `${n} 已转派给 ${assignee?.name ?? r.assigneeId}，已通知对方。`;
    case 'escalate':
      return `${n} 已升级给 ${assignee?.name ?? '上级工程师'}${assignee?.level ? `（L${assignee.level}）` : ''}：${r.reason}`;
    case 'resolve': {
      const how = t.resolution.remote === true ? '远程解决' : t.resolution.remote === false ? '现场解决' : '';
      return `${n} 已完成${how ? `（${how}）` : ''}，已通知报修人。`;
    }
    case 'cancel':
      return `${n} 已取消。`;
    case 'rate':
      return `感谢您的评价（${r.rating}分），工单 ${n} 已关闭。`;
  }
}

/** 关联's answer: which call was linked, or why none was. */
export function linkCallText(
  phone: string,
  outcome: Result<LinkedCall, LinkLatestCallError>,
  timeZone: string,
): string {
  if (outcome.ok) {
    const { startedAt, ticketNumber } = outcome.value;
    return `已将 ${phone} 于 ${localStamp(startedAt, timeZone)} 打入的热线来电关联到工单 ${ticketNumber}。`;
  }
  const e = outcome.error;
  switch (e.code) {
    case 'TICKET_NOT_FOUND':
      return '关联未成功：找不到该工单，请检查工单号。';
    case 'NO_ANSWERED_CALL':
      return `关联未成功：近 ${e.windowHours} 小时内没有来自 ${phone} 的已接听热线来电，请核对号码（未接来电不能关联）。`;
    case 'CALL_ALREADY_LINKED': {
      const at = localStamp(e.call.startedAt, timeZone);
      if (e.sameTicket) return `无需重复关联：${phone} 于 ${at} 的来电已关联到工单 ${e.linkedTo}。`;
      return `关联未成功：${phone} 的已接听来电都已关联其他工单（最近一通 ${at}，已关联 ${e.linkedTo ?? '其他工单'}）。`;
    }
  }
}

const FOR_REPORTERS: CommandKind[] = ['progress', 'cancel', 'complain'];
const FOR_ENGINEERS: CommandKind[] = [
  'acknowledge',
  'arrive',
  'note',
  'pend',
  'resume',
  'reassign',
  'escalate',
  'resolve',
];
const FOR_AUDITORS: CommandKind[] = ['lookup', 'stats', 'overdue', 'unrated', 'missing_log', 'workload'];

/** 帮助: the commands this sender may use. */
export function helpText(role: Role): string {
  const kinds: CommandKind[] = [...FOR_REPORTERS];
  if (role === 'engineer' || role === 'desk' || role === 'manager') kinds.push(...FOR_ENGINEERS);
  if (role === 'desk' || role === 'manager') kinds.push('handover', 'link_call');
  if (QUERY_ROLES.includes(role)) kinds.push(...FOR_AUDITORS);
  return ['可用命令（可引用派单消息回复，省略工单号）：', ...kinds.map((k) => `· ${COMMAND_USAGE[k]}`)].join(
    '\n',
  );
}
