import { header, type ParsedMail } from '../parsed-mail.js';
import type { MailFilterContext, NoiseVerdict } from './mail-filter.js';

/** Header every mail deskbot sends carries; a copy of one coming back is never a report. */
export const DESKBOT_HEADER = 'X-Deskbot-Notification';

/** Mail from our own address (a loop through a forward or an alias) or carrying our marker. */
export function ownMailFilter(mail: ParsedMail, ctx: MailFilterContext): NoiseVerdict | null {
  const from = mail.from?.address.toLowerCase();
  if (from && ctx.ownAddresses.has(from)) return { kind: 'own-mail', reason: `from our own address ${from}` };
  if (header(mail, DESKBOT_HEADER) !== '') return { kind: 'own-mail', reason: `carries ${DESKBOT_HEADER}` };
  return null;
}
