import { QUERY_ROLES } from '../../commands/command-policy.js';
import { COMMAND_USAGE } from '../../commands/command-usage.js';
import type { CommandKind } from '../../commands/command.js';
import type { Person, Role } from '../../desk/person.js';
import { localStamp } from '../../queries/query-answers.js';
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
  if (role === 'desk' || role === 'manager') kinds.push('handover');
  if (QUERY_ROLES.includes(role)) kinds.push(...FOR_AUDITORS);
  return ['可用命令（可引用派单消息回复，省略工单号）：', ...kinds.map((k) => `· ${COMMAND_USAGE[k]}`)].join(
    '\n',
  );
}
