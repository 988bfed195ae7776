import type { ParsedMail } from '../parsed-mail.js';
import { autoReplyFilter } from './auto-reply.filter.js';
import { bounceFilter } from './bounce.filter.js';
import type { MailFilter, MailFilterContext, NoiseVerdict } from './mail-filter.js';
import { mailingListFilter } from './mailing-list.filter.js';
import { ownMailFilter } from './own-mail.filter.js';

/** In order: the first objection wins (a bounce saying auto-replied is a bounce). */
export const MAIL_FILTERS: readonly MailFilter[] = [
  ownMailFilter,
  bounceFilter,
  autoReplyFilter,
  mailingListFilter,
];

/** Null when the mail may become a ticket (or a follow-up) and be answered. */
export function noiseVerdict(mail: ParsedMail, ctx: MailFilterContext): NoiseVerdict | null {
  for (const filter of MAIL_FILTERS) {
    const verdict = filter(mail, ctx);
    if (verdict) return verdict;
  }
  return null;
}
