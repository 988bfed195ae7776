import type { Person } from '../desk/person.js';
import type { Ticket } from '../tickets/ticket.entity.js';

const nameOf = (p: Person | null | undefined): string => p?.name ?? '服务台';

const where = (t: Ticket): string => t.location ?? t.reporter.officeLocation ?? '未提供位置';

/** What the reporter reads right after the desk has registered and routed the report. */
export function acknowledgementText(
  t: Ticket,
  owner: Person | null,
  assignee: Person | null,
  responseMinutes: number,
): string {
  const lines = [
    `您的报修已受理，工单号 ${t.number}。`,
    `类别：${t.category ?? '待判断'}`,
    `服务台负责人：${nameOf(owner)}`,
  ];
  if (assignee) lines.push(`已派单给：${assignee.name}，将在 ${responseMinutes} 分钟内响应。`);
  else lines.push('服务台正在安排工程师，请保持电话畅通。');
  lines.push(`查询进度请回复：进度 #${t.number}`);
  return lines.join('\n');
}

/** The dispatch prompt a field engineer receives privately. */
export function dispatchText(t: Ticket, owner: Person | null, responseMinutes: number): string {
  const reporter = [t.reporter.name, t.reporter.department, t.reporter.phone].filter(Boolean).join(' / ');
  return [
    `【派单】${t.number}  ${t.category ?? '其他'}  ${t.priority}`,
    `位置：${where(t)}${t.deviceName ? `  设备：${t.deviceName}` : ''}`,
    `报修人：${reporter}`,
    `现象：${t.description.slice(0, 300)}`,
    `请在 ${responseMinutes} 分钟内回复「接单 ${t.number}」。服务台负责人：${nameOf(owner)}`,
  ].join('\n');
}

/** Sent to the desk owner and managers when nobody suitable is on duty. */
export function triageText(t: Ticket, why: string): string {
  return [
    `【待人工派单】${t.number}  ${t.category ?? '其他'}`,
    `位置：${where(t)}`,
    `现象：${t.description.slice(0, 200)}`,
    `原因：${why}`,
  ].join('\n');
}
