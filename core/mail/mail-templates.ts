import type { Notification, NotificationPurpose } from '../ports/job-scheduler.port.js';
import type { MailLanguage } from './outbound-mail.js';

const SUBJECTS: Record<NotificationPurpose, Record<MailLanguage, string>> = {
  acknowledgement: { zh: '已受理', en: 'We have your report' },
  dispatch: { zh: '派单', en: 'Assigned to you' },
  triage: { zh: '待人工派单', en: 'Needs a manual dispatch' },
  status: { zh: '工单进展', en: 'Ticket update' },
  reply: { zh: '回复', en: 'Reply' },
  question: { zh: '请补充信息', en: 'A few details, please' },
  reminder: { zh: '提醒', en: 'Reminder' },
  escalation: { zh: '工单升级', en: 'Ticket escalated' },
  breach: { zh: '工单超时', en: 'Ticket overdue' },
  satisfaction: { zh: '请评价本次服务', en: 'How did we do?' },
  complaint: { zh: '投诉处理', en: 'Your complaint' },
  handover: { zh: '交接班', en: 'Shift handover' },
  report: { zh: '报表', en: 'Report' },
  callback: { zh: '回访', en: 'Follow-up call' },
  alert: { zh: '系统告警', en: 'System alert' },
};

/** 5 非常满意 … 1 非常不满意, the rating scale of the 工单 form. */
export const RATING_LABELS: Record<MailLanguage, readonly string[]> = {
  zh: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  en: ['very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'],
};

/** Link a rating in a satisfaction mail opens: GET <publicUrl>/t/<number>/rate?score=<1-5>. */
export function ratingUrl(publicUrl: string, ticketNumber: string, score: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(ticketNumber)}/rate?score=${score}`;
}

export interface TemplateContext {
  language: MailLanguage;
  /** The ticket's title, shown in the subject when known. */
  ticketTitle: string | null;
  /** Where rating links point; without it a satisfaction mail asks for a reply only. */
  publicUrl: string | null;
}

export interface MailBody {
  subject: string;
  /** Paragraphs of plain text; links are given separately so HTML can make anchors of them. */
  paragraphs: string[];
  links: Array<{ label: string; url: string }>;
}

function satisfactionPart(n: Notification, ctx: TemplateContext): Pick<MailBody, 'paragraphs' | 'links'> {
  const labels = RATING_LABELS[ctx.language];
  const scale = [5, 4, 3, 2, 1]
    .map((s) => `${s} = ${labels[s - 1]}`)
    .join(ctx.language === 'zh' ? '，' : ', ');
  const paragraphs = [
    ctx.language === 'zh'
      ? `请直接回复一个数字（${scale}），也可以附上意见和建议。`
      : `Reply with one digit (${scale}); comments are welcome too.`,
  ];
  const links =
    ctx.publicUrl && n.ticketNumber
      ? [5, 4, 3, 2, 1].map((s) => ({
          label: `${s} ${labels[s - 1]}`,
          url: ratingUrl(ctx.publicUrl!, n.ticketNumber!, s),
        }))
      : [];
  return { paragraphs, links };
}

/**
 * The mail for a notification; its `purpose` picks the subject and extras. Every template needs
 * `text` and `to.name`; a `ticketNumber` puts `[INC-…]` in the subject (replies then thread even
 * without headers); `satisfaction` also needs `ticketNumber` for its rating links; `handover`
 * reads its lines from `text` (see handoverText) and its copy list from `cc`.
 */
export function renderMailBody(n: Notification, ctx: TemplateContext): MailBody {
  const label = SUBJECTS[n.purpose][ctx.language];
  const title = ctx.ticketTitle ? `${ctx.language === 'zh' ? '：' : ': '}${ctx.ticketTitle}` : '';
  const subject = n.ticketNumber
    ? `[${n.ticketNumber}] ${label}${title}`
    : `${label}${firstLine(n.text, ctx)}`;
  const greeting = ctx.language === 'zh' ? `${n.to.name}，您好：` : `Dear ${n.to.name},`;
  const body = n.text.split(/\n{2,}/);
  const extra = n.purpose === 'satisfaction' ? satisfactionPart(n, ctx) : { paragraphs: [], links: [] };
  const footer =
    ctx.language === 'zh'
      ? '直接回复本邮件即可补充信息（请保留主题中的工单号）。本邮件由 IT 服务台系统自动发送。'
      : 'Reply to this mail to add information (keep the ticket number in the subject). Sent automatically by the IT service desk.';
  return { subject, paragraphs: [greeting, ...body, ...extra.paragraphs, footer], links: extra.links };
}

function firstLine(text: string, ctx: TemplateContext): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  if (!line) return '';
  const short = Array.from(line).slice(0, 60).join('');
  return `${ctx.language === 'zh' ? '：' : ': '}${short}`;
}

/** Auto-Submitted value (RFC 3834): answers to a sender are auto-replied, everything else auto-generated. */
export function autoSubmittedFor(purpose: NotificationPurpose): 'auto-replied' | 'auto-generated' {
  return purpose === 'acknowledgement' || purpose === 'reply' || purpose === 'question'
    ? 'auto-replied'
    : 'auto-generated';
}
