import type { Complaint } from '../complaints/complaint.entity.js';
import type { ComplaintStep } from '../complaints/complaint-status.js';
import type { Handover } from '../handover/handover.entity.js';
import type { Ticket } from '../tickets/ticket.entity.js';

/** 您对本次服务的评价, 5 → 1 as on the paper 工单. */
export const RATING_LABELS: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '一般',
  2: '不满意',
  1: '非常不满意',
};

const SCALE = '5 非常满意 · 4 满意 · 3 一般 · 2 不满意 · 1 非常不满意';

/** The public page where a reporter rates (and the links a mail carries, one per score). */
export const ratingPath = (ticketNumber: string): string => `/t/${encodeURIComponent(ticketNumber)}/rating`;

export function ratingLink(publicUrl: string, ticketNumber: string, score?: number): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${ratingPath(ticketNumber)}${score ? `?score=${score}` : ''}`;
}

/**
 * The question after resolution. Chat asks for a digit reply; the web reporter rates on the
 * rating page; a mail gets its links from the email channel's template (they open the same page,
 * which asks to confirm, so a mail scanner opening links rates nothing).
 */
export function satisfactionText(
  t: Ticket,
  how: 'chat' | 'email' | 'web',
  publicUrl: string | null,
  reminder = false,
): string {
  const lines = [
    reminder
      ? `【评价提醒】工单 ${t.number} 已处理完成，您还没有评价。`
      : `【服务评价】您的工单 ${t.number} 已处理完成。`,
    '请您对本次服务评价（速度、态度、结果）：',
  ];
  // Mail: the email channel's template adds the scale, the reply hint and one link per score
  // (core/mail ratingUrl), so the text stays the question itself.
  if (how === 'web') {
    lines.push(SCALE);
    lines.push(
      publicUrl
        ? `评价页面：${ratingLink(publicUrl, t.number)}`
        : `请在工单页面 ${ratingPath(t.number)} 评价。`,
    );
  } else if (how === 'chat') {
    lines.push(SCALE);
    lines.push(`请直接回复数字 1–5，或回复「评价 ${t.number} 5 意见」。`);
  }
  lines.push('如问题未解决，请回复「未解决」，我们会重新处理。');
  return lines.join('\n');
}

/** To the managers when a reporter is dissatisfied. */
export function lowRatingText(t: Ticket, engineerName: string | null): string {
  const rating = t.rating ?? 0;
  return [
    `【差评】工单 ${t.number} 被评为 ${rating} 分（${RATING_LABELS[rating] ?? '未知'}）。`,
    `报修人：${t.reporter.name}${t.reporter.department ? ` / ${t.reporter.department}` : ''}${t.reporter.phone ? ` / ${t.reporter.phone}` : ''}`,
    `处理工程师：${engineerName ?? '无'}`,
    t.ratingComment ? `意见：${t.ratingComment}` : '意见：（无）',
    '请尽快回访。',
  ].join('\n');
}

/** To the dissatisfied reporter: how to complain. */
export function complaintOfferText(t: Ticket): string {
  return [
    `很抱歉本次服务（${t.number}）没有让您满意，我们的经理会联系您。`,
    `如需投诉，请回复「投诉 #${t.number} 投诉内容」，服务台将核实并上报 IT 部门负责人处理。`,
  ].join('\n');
}

const STEP_ASK: Record<ComplaintStep, string> = {
  verify: '请服务台核实投诉内容',
  report: '请服务台将投诉及核实情况上报 IT 部门负责人',
  decide: '请 IT 部门负责人作出处理决定',
  feed_back: '请服务台将处理决定反馈给投诉人',
  rate: '请对投诉处理结果评价（1–5）',
  close: '请服务台关闭投诉',
};

const about = (c: Complaint): string => (c.ticketNumber ? `（工单 ${c.ticketNumber}）` : '');

/** To whoever owes the next step; `reminder` when it has waited too long. */
export function complaintStepText(c: Complaint, next: ComplaintStep, reminder = false): string {
  const last = c.steps.at(-1);
  return [
    `${reminder ? '【投诉提醒】' : '【投诉】'}投诉 ${c.id}${about(c)}`,
    `投诉人：${c.complainant.name}`,
    `内容：${c.text.slice(0, 300)}`,
    ...(last?.note && last.step !== 'submit'
      ? [`上一步（${last.actor.name}）：${last.note.slice(0, 300)}`]
      : []),
    `${STEP_ASK[next]}。`,
  ].join('\n');
}

/** To the complainant: received, and later the decision. */
export function complaintReceivedText(c: Complaint): string {
  return `您的投诉已受理，编号 ${c.id}${about(c)}。服务台将核实并上报 IT 部门负责人，处理结果会反馈给您。`;
}

export function complaintDecisionText(c: Complaint, feedback: string | null): string {
  return [
    `【投诉处理结果】投诉 ${c.id}${about(c)}`,
    `处理决定：${c.decision ?? ''}`,
    ...(feedback ? [`说明：${feedback}`] : []),
    `请对投诉处理评价：${SCALE}，回复「投诉评价 ${c.id} 分数」。`,
  ].join('\n');
}

/** 交接班邮件: ticket ids, latest progress, who hands over, who receives, shift, notes. */
export function handoverText(h: Handover, formatTime: (d: Date) => string): string {
  const lines = [
    `【交接班】${h.shift}  ${formatTime(h.at)}`,
    `交接人：${h.fromName}`,
    `被交接人：${h.toName}`,
    `未完成工单：${h.items.length} 张`,
  ];
  for (const item of h.items)
    lines.push(
      `- ${item.ticketNumber}（${item.status}）最新进展：${item.latestProgress}${item.latestAt ? `（${formatTime(item.latestAt)}）` : ''}`,
    );
  lines.push(`其他备注：${h.notes ?? '无'}`);
  return lines.join('\n');
}

export const handoverSubject = (h: Handover): string =>
  `交接班 ${h.shift}：${h.fromName} → ${h.toName}（${h.items.length} 张工单）`;

/** To the desk on the next shift: someone went off duty still owning open tickets. */
export function unhandedTicketsText(ownerName: string, numbers: readonly string[], repeat: number): string {
  return [
    `${repeat > 0 ? '【再次提醒】' : '【交接提醒】'}${ownerName} 已下班，仍有 ${numbers.length} 张未完成工单未交接：`,
    numbers.slice(0, 20).join('、') + (numbers.length > 20 ? ' …' : ''),
    `请回复「交接 @接班人 班次 备注」完成交接。`,
  ].join('\n');
}
