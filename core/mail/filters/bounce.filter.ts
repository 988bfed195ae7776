import { header, localPart, type ParsedMail } from '../parsed-mail.js';
import type { NoiseVerdict } from './mail-filter.js';

const DAEMON_SENDERS = new Set(['mailer-daemon', 'postmaster', 'mail-daemon', 'mailerdaemon']);

// Subjects MTAs give non-delivery reports that arrive without multipart/report (exim, qmail, Gmail).
const BOUNCE_SUBJECT =
  /^(undeliverable|undelivered mail|delivery status notification|mail delivery failed|returned mail|failure notice|delivery failure|退信|系统退信|邮件投递失败)/i;

/**
 * Delivery-status notifications and other bounces (RFC 3464). Checked before auto-replies: many
 * bounces also say `Auto-Submitted: auto-replied`, but they are about a failed delivery.
 */
export function bounceFilter(mail: ParsedMail): NoiseVerdict | null {
  if (mail.contentType === 'multipart/report')
    return {
      kind: 'bounce',
      reason:
        `multipart/report ${/report-type=([\w-]+)/i.exec(header(mail, 'content-type'))?.[1] ?? ''}`.trim(),
    };
  if (mail.parts.some((p) => p.contentType === 'message/delivery-status'))
    return { kind: 'bounce', reason: 'carries a message/delivery-status part' };
  const from = mail.from?.address ?? '';
  if (from && DAEMON_SENDERS.has(localPart(from))) return { kind: 'bounce', reason: `sent by ${from}` };
  const returnPath = header(mail, 'return-path').trim();
  if (returnPath === '<>' && BOUNCE_SUBJECT.test(mail.subject.trim()))
    return { kind: 'bounce', reason: 'null return path and a bounce subject' };
  return null;
}
