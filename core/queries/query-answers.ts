import type { Person } from '../desk/person.js';
import { STATUS_TEXT } from '../notify/status-text.js';
import type {
  AwaitingResponse,
  EngineerWorkload,
  PeriodCounts,
  StaleTicket,
  UnratedTicket,
} from '../ports/ticket-query.port.js';
import { localDateTime } from '../shared/local-time.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { TicketEvent } from '../tickets/ticket-event.js';
import { TICKET_STATUSES } from '../tickets/ticket-status.js';
import type { PeriodRange } from './query-period.js';

/** Long lists are cut: a chat message is read on a phone. */
export const LIST_LIMIT = 20;

export type People = ReadonlyMap<string, Person>;

/** 11-23 10:05 in the desk's zone. */
export function localStamp(at: Date, timeZone: string): string {
  return localDateTime(at, timeZone).slice(5);
}

const who = (id: string | null, people: People): string => (id ? (people.get(id)?.name ?? id) : '未派单');

const pct = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%（${part}/${whole}）`;

const EVENT_TEXT: Partial<Record<TicketEvent['type'], string>> = {
  created: '登记',
  classified: '分类',
  accepted: '受理',
  dispatched: '派单',
  reassigned: '转派',
  acknowledged: '接单',
  started: '到达/开始处理',
  pended: '挂起',
  resumed: '恢复',
  resolved: '完成',
  reopened: '重新处理',
  closed: '关闭',
  cancelled: '取消',
  noted: '进展',
  departed: '离场',
  escalated: '升级',
  rated: '评价',
  triage_needed: '待人工派单',
  sla_breached: '超时',
  handed_over: '交接',
  complaint: '投诉',
};

function eventDetail(e: TicketEvent): string {
  const d = e.data;
  const bits = [d.text, d.reason, d.process, d.rating !== undefined ? `${String(d.rating)}分` : undefined];
  return bits
    .filter((b): b is string | number => typeof b === 'string' || typeof b === 'number')
    .map(String)
    .join('；')
    .slice(0, 80);
}

/** 查询: the ticket and its history (what was done, by whom, when). */
export function lookupText(
  t: Ticket,
  events: readonly TicketEvent[],
  people: People,
  timeZone: string,
): string {
  const lines = [
    `【${t.number}】${STATUS_TEXT[t.status]}  ${t.category ?? '未分类'}  ${t.priority}`,
    `报修人：${[t.reporter.name, t.reporter.department, t.reporter.phone].filter(Boolean).join(' / ')}`,
    `位置：${t.location ?? t.reporter.officeLocation ?? '未提供'}${t.deviceName ? `  设备：${t.deviceName}` : ''}`,
    `现象：${t.description.slice(0, 120)}`,
    `负责人：${who(t.ownerId, people)}  当前处理：${who(t.assigneeId, people)}`,
  ];
  if (t.rating !== null) lines.push(`评价：${t.rating}分${t.ratingComment ? `（${t.ratingComment}）` : ''}`);
  lines.push('记录：');
  for (const e of events) {
    const label = EVENT_TEXT[e.type];
    if (!label) continue;
    const detail = eventDetail(e);
    lines.push(`${localStamp(e.at, timeZone)} ${label} ${e.actor.name}${detail ? `：${detail}` : ''}`);
  }
  return lines.join('\n');
}

/** 进度: what the reporter needs to know, no staff-internal detail. */
export function progressText(t: Ticket, people: People, timeZone: string): string {
  const lines = [`工单 ${t.number} 当前状态：${STATUS_TEXT[t.status]}`];
  if (t.assigneeId) lines.push(`处理工程师：${who(t.assigneeId, people)}`);
  if (t.arrivedAt) lines.push(`到达时间：${localStamp(t.arrivedAt, timeZone)}`);
  if (t.resolvedAt) lines.push(`完成时间：${localStamp(t.resolvedAt, timeZone)}`);
  return lines.join('\n');
}

/** 统计: counts by status and category, and the KPIs the data so far supports. */
export function statsText(range: PeriodRange, c: PeriodCounts, responseMinutes: number): string {
  const byStatus = TICKET_STATUSES.filter((s) => (c.byStatus[s] ?? 0) > 0)
    .map((s) => `${STATUS_TEXT[s]} ${c.byStatus[s] ?? 0}`)
    .join('，');
  const byCategory = [...c.byCategory]
    .sort((a, b) => b.count - a.count)
    .map((x) => `${x.category ?? '未分类'} ${x.count}`)
    .join('，');
  return [
    `【统计】${range.label}`,
    `新建工单：${c.created}`,
    `按状态：${byStatus || '无'}`,
    `按类别：${byCategory || '无'}`,
    `已解决：${c.resolved}，远程解决率：${pct(c.resolvedRemotely, c.resolved)}`,
    `${responseMinutes}分钟响应率：${pct(c.respondedInTime, c.responded)}`,
    `首次正确派单率：${pct(c.dispatchedOnce, c.dispatched)}`,
    `评价：${c.rated} 条${c.meanRating === null ? '' : `，平均 ${c.meanRating.toFixed(2)} 分`}`,
  ].join('\n');
}

/** 超时: not acknowledged within the response limit (breached), or about to be (at risk). */
export function overdueText(
  list: readonly AwaitingResponse[],
  now: Date,
  responseMinutes: number,
  people: People,
  timeZone: string,
): string {
  if (list.length === 0) return `【超时】没有超过或临近 ${responseMinutes} 分钟响应时限的工单。`;
  const lines = list.slice(0, LIST_LIMIT).map((t) => {
    const deadline = t.dispatchedAt.getTime() + responseMinutes * 60_000;
    const late = Math.round((now.getTime() - deadline) / 60_000);
    const state = late >= 0 ? `已超时 ${late} 分钟` : `${-late} 分钟后超时`;
    return `${t.number} ${t.category ?? '未分类'} ${who(t.assigneeId, people)} 派单 ${localStamp(t.dispatchedAt, timeZone)} ${state}`;
  });
  return [
    `【超时】${list.length} 张工单未在 ${responseMinutes} 分钟内接单：`,
    ...lines,
    ...more(list.length),
  ].join('\n');
}

/** 未评价: the call-back list. */
export function unratedText(list: readonly UnratedTicket[], people: People, timeZone: string): string {
  if (list.length === 0) return '【未评价】没有待回访的工单。';
  const lines = list
    .slice(0, LIST_LIMIT)
    .map(
      (t) =>
        `${t.number} ${[t.reporterName, t.reporterDepartment, t.reporterPhone].filter(Boolean).join(' / ')} 完成 ${localStamp(t.resolvedAt, timeZone)} 工程师 ${who(t.assigneeId, people)}`,
    );
  return [`【未评价】${list.length} 张已完成工单待回访：`, ...lines, ...more(list.length)].join('\n');
}

/** 缺日志: open tickets without a note or status change for `hours`. */
export function missingLogText(
  list: readonly StaleTicket[],
  hours: number,
  now: Date,
  people: People,
  timeZone: string,
): string {
  if (list.length === 0) return `【缺日志】所有处理中的工单在 ${hours} 小时内都有记录。`;
  const lines = list.slice(0, LIST_LIMIT).map((t) => {
    const idle = ((now.getTime() - t.lastLogAt.getTime()) / 3_600_000).toFixed(1);
    return `${t.number} ${STATUS_TEXT[t.status]} ${who(t.assigneeId, people)} 最后记录 ${localStamp(t.lastLogAt, timeZone)}（${idle} 小时前）`;
  });
  return [
    `【缺日志】${list.length} 张工单超过 ${hours} 小时没有进展记录：`,
    ...lines,
    ...more(list.length),
  ].join('\n');
}

/** 工作量: per engineer, busiest first. */
export function workloadText(range: PeriodRange, list: readonly EngineerWorkload[], people: People): string {
  if (list.length === 0) return '【工作量】名册中没有工程师。';
  const rows = [...list]
    .sort((a, b) => b.open - a.open || b.resolved - a.resolved || (a.personId < b.personId ? -1 : 1))
    .map((w) => {
      const mean = w.meanResponseMinutes === null ? '—' : `${w.meanResponseMinutes.toFixed(1)}分钟`;
      return `${who(w.personId, people)}：在办 ${w.open}，已完成 ${w.resolved}，平均响应 ${mean}`;
    });
  return [`【工作量】${range.label}`, ...rows].join('\n');
}

const more = (n: number): string[] => (n > LIST_LIMIT ? [`……另有 ${n - LIST_LIMIT} 张未列出`] : []);
