import type { Person, Role } from '../desk/person.js';
import type { Channel } from '../inbound/channel.js';
import type { InboundSender } from '../inbound/inbound-message.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { isEngineerCommand, isQueryCommand, type Command } from './command.js';
import { COMMAND_ERROR_CODES, type CommandRefusal } from './command.errors.js';
import { COMMAND_LABEL } from './command-usage.js';

/** Who sent a command: their roster entry (null = not in the roster, so a reporter) and channel ids. */
export interface Requester {
  person: Person | null;
  channel: Channel;
  sender: Pick<InboundSender, 'externalId' | 'wechatId' | 'telegramId' | 'email' | 'phone'>;
}

export const roleOf = (r: Requester): Role => (r.person?.active ? r.person.role : 'reporter');

/** Roles that may ask the auditor's questions (查询 统计 超时 未评价 缺日志 工作量). */
export const QUERY_ROLES: readonly Role[] = ['auditor', 'manager', 'it_head'];
/** The desk is every ticket's single point of contact and managers run it: both may act on any ticket. */
const ANY_TICKET_ROLES: readonly Role[] = ['desk', 'manager'];
/**
 * 关联 (a hotline call to its ticket): the desk answers the hotline and registers what callers report,
 * and managers run the desk. Engineers receive dispatches rather than calls, auditors ring users back
 * for satisfaction rather than take reports, and the IT head decides complaints: none of them took the call.
 */
export const LINK_CALL_ROLES: readonly Role[] = ['desk', 'manager'];
/** Staff who may look at any ticket's progress. */
const OVERSIGHT_ROLES: readonly Role[] = ['desk', 'manager', 'auditor', 'it_head'];

const ROLE_NAME: Record<Role, string> = {
  reporter: '报修人',
  desk: '服务台',
  engineer: '工程师',
  manager: '运维经理',
  auditor: '稽查员',
  it_head: 'IT部门负责人',
};

const refuse = (message: string): Result<never, CommandRefusal> =>
  err({ code: COMMAND_ERROR_CODES.FORBIDDEN, message });

/** Whether the requester is the person who reported the ticket (roster id, else their id on the channel). */
export function isReporterOf(t: Ticket, r: Requester): boolean {
  if (r.person && t.reporter.personId === r.person.id) return true;
  if (t.channel !== r.channel) return false;
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
  switch (r.channel) {
    case 'wechat':
      return same(t.reporter.wechatId, r.sender.wechatId ?? r.sender.externalId);
    case 'telegram':
      return same(t.reporter.telegramId, r.sender.telegramId ?? r.sender.externalId);
    case 'email':
      return same(t.reporter.email, r.sender.email);
    case 'phone':
      return same(t.reporter.phone, r.sender.phone ?? r.sender.externalId);
    default:
      return false;
  }
}

/**
 * Engineers work on tickets assigned to them; a higher-level engineer may step in on a lower-level
 * colleague's ticket (the process sends the more senior engineer when one is stuck).
 */
function engineerMayAct(
  t: Ticket,
  me: Person,
  people: ReadonlyMap<string, Person>,
): Result<void, CommandRefusal> {
  if (t.assigneeId === me.id) return ok(undefined);
  if (!t.assigneeId) return refuse(`工单 ${t.number} 尚未派给你，不能操作。`);
  const assignee = people.get(t.assigneeId);
  const mine = me.level ?? 0;
  const theirs = assignee?.level ?? 1;
  if (mine > theirs) return ok(undefined);
  return refuse(
    `工单 ${t.number} 派给了${assignee?.name ?? '其他工程师'}，你只能操作派给自己的工单（更高级别工程师或经理除外）。`,
  );
}

/**
 * Who may do what. `ticket` is the ticket the command names (null for commands without one).
 * Every refusal says why, addressed to the sender.
 */
export function authorizeCommand(
  command: Command,
  r: Requester,
  ticket: Ticket | null,
  people: ReadonlyMap<string, Person>,
): Result<void, CommandRefusal> {
  const role = roleOf(r);
  const label = COMMAND_LABEL[command.kind];
  if (command.kind === 'help') return ok(undefined);

  if (isQueryCommand(command)) {
    if (QUERY_ROLES.includes(role)) return ok(undefined);
    return refuse(`「${label}」仅限稽查员、运维经理使用；你在名册中的身份是${ROLE_NAME[role]}。`);
  }
  if (command.kind === 'handover') {
    if (role === 'desk' || role === 'manager') return ok(undefined);
    return refuse(`「交接」仅限服务台工程师和运维经理使用；你在名册中的身份是${ROLE_NAME[role]}。`);
  }
  if (command.kind === 'link_call') {
    if (LINK_CALL_ROLES.includes(role)) return ok(undefined);
    return refuse(
      `「关联」仅限服务台工程师和运维经理使用（热线来电由服务台接听）；你在名册中的身份是${ROLE_NAME[role]}。`,
    );
  }
  if (!ticket) return ok(undefined);

  if (isEngineerCommand(command)) {
    if (ANY_TICKET_ROLES.includes(role)) return ok(undefined);
    if (role === 'engineer' && r.person) return engineerMayAct(ticket, r.person, people);
    return refuse(`「${label}」是工程师的操作；你在名册中的身份是${ROLE_NAME[role]}，不能操作工单。`);
  }

  const own = isReporterOf(ticket, r);
  switch (command.kind) {
    case 'progress':
      if (own || OVERSIGHT_ROLES.includes(role)) return ok(undefined);
      if (role === 'engineer' && r.person && engineerMayAct(ticket, r.person, people).ok)
        return ok(undefined);
      return refuse(`只能查询本人报修的工单进度，${ticket.number} 不是你报修的。`);
    case 'cancel':
      if (own || ANY_TICKET_ROLES.includes(role)) return ok(undefined);
      return refuse(`只能取消本人报修的工单，${ticket.number} 不是你报修的。`);
    case 'complain':
      if (own || role === 'desk') return ok(undefined);
      return refuse(`只能投诉本人报修的工单，${ticket.number} 不是你报修的。`);
    default:
      return refuse(`「${label}」不可用。`);
  }
}
