import type { Notification } from '../ports/job-scheduler.port.js';
import { autoSubmittedFor, renderMailBody, type MailBody, type TemplateContext } from './mail-templates.js';
import { messageIdForNotification, type OutboundMail } from './outbound-mail.js';
import { DESKBOT_HEADER } from './filters/own-mail.filter.js';

export interface ComposeContext extends TemplateContext {
  /** Domain of MAIL_FROM: our Message-IDs live under it. */
  domain: string;
  /**
   * Earlier mails of the thread this one continues, oldest first (the reporter's first mail, our
   * earlier notices to the same person about the ticket). Empty: a new thread.
   */
  thread: string[];
}

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function toHtml(body: MailBody, lang: string): string {
  const paragraphs = body.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  const links = body.links.length
    ? `<p>${body.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(' &nbsp; ')}</p>`
    : '';
  const [last, ...rest] = [...paragraphs].reverse();
  return `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif">${[...rest.reverse(), links, last ?? ''].join('')}</body></html>`;
}

function toText(body: MailBody): string {
  const links = body.links.map((l) => `${l.label}: ${l.url}`).join('\n');
  const paragraphs = [...body.paragraphs];
  const footer = paragraphs.pop() ?? '';
  return [...paragraphs, ...(links ? [links] : []), footer].join('\n\n');
}

/**
 * The mail carrying a notification, threaded under `ctx.thread`. Null when the notification has no
 * mail address to go to (the event log has it; nothing to send).
 */
export function composeMail(n: Notification, ctx: ComposeContext): OutboundMail | null {
  const address = n.to.address?.trim();
  if (!address) return null;
  const body = renderMailBody(n, ctx);
  const references = [...new Set(ctx.thread)].slice(-20);
  return {
    to: { name: n.to.name, address },
    cc: (n.cc ?? []).filter((c) => c.address.trim() !== '' && c.address !== address),
    subject: body.subject,
    text: toText(body),
    html: toHtml(body, ctx.language === 'zh' ? 'zh-CN' : 'en'),
    messageId: messageIdForNotification(n.id, ctx.domain),
    inReplyTo: references[references.length - 1] ?? null,
    references,
    headers: { 'Auto-Submitted': autoSubmittedFor(n.purpose), [DESKBOT_HEADER]: n.id },
  };
}
