import type { Person } from '../desk/person.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { TicketEventType } from '../tickets/ticket-event.js';
import type { TicketStatus } from '../tickets/ticket-status.js';

/** Status names as people at the desk say them. */
export const STATUS_TEXT: Record<TicketStatus, string> = {
  new: '新建',
  accepted: '已受理',
  dispatched: '已派单',
  acknowledged: '已响应',
  in_progress: '处理中',
  pending: '挂起',
  resolved: '已解决',
  closed: '已关闭',
  cancelled: '已取消',
};

/** The lifecycle events the reporter hears about (派单、响应、到达、解决), and nothing else. */
export const PUSHED_EVENTS = ['dispatched', 'reassigned', 'acknowledged', 'started', 'resolved'] as const;
export type PushedEvent = (typeof PUSHED_EVENTS)[number];
export const isPushedEvent = (t: TicketEventType): t is PushedEvent =>
  (PUSHED_EVENTS as readonly string[]).includes(t);

const nameOf = (p: Person | null | undefined): string => p?.name ?? '工程师';

/** What the reporter reads when their ticket moves on. */
export function statusPushText(
  t: Ticket,
  event: PushedEvent,
  assignee: Person | null,
  responseMinutes: number,
): string {
  const head = `工单 ${t.number}`;
  switch (event) {
    case 'dispatched':
    case 'reassigned':
      return `${head} 已派单给 ${nameOf(assignee)}，将在 ${responseMinutes} 分钟内响应。`;
    case 'acknowledged':
      return `${head} ${nameOf(assignee)} 已接单，正在处理。`;
    case 'started':
      return `${head} ${nameOf(assignee)} 已到达现场开始处理。`;
    case 'resolved': {
      const how = t.resolution.process ? `\n处理情况：${t.resolution.process.slice(0, 200)}` : '';
      return `${head} 已处理完成。${how}\n如仍有问题请回复：进度 #${t.number}`;
    }
  }
}
