import { TICKET_NUMBER_PATTERN } from '../tickets/ticket-number.js';
import type { ParsedMail } from './parsed-mail.js';

/**
 * `[INC-20261123-0007]` (or 【…】) in a subject: how a reply that lost its headers still finds its
 * ticket. Only the bracketed form counts; a number in running text is not a claim on the ticket.
 */
export function ticketRefInSubject(subject: string, prefix: string): string | null {
  const re = new RegExp(`[[【]\\s*(${prefix}-\\d{8}-\\d{4,})\\s*[\\]】]`, 'i');
  const found = re.exec(subject)?.[1]?.toUpperCase() ?? null;
  return found && TICKET_NUMBER_PATTERN.test(found) ? found : null;
}

/** Message-IDs a reply points at, nearest first: In-Reply-To, then References from newest to oldest. */
export function threadCandidates(mail: Pick<ParsedMail, 'inReplyTo' | 'references'>): string[] {
  return [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])];
}

/** The thread a mail belongs to: where acknowledgements are threaded (the first mail of it). */
export function conversationOf(
  mail: Pick<ParsedMail, 'messageId' | 'inReplyTo' | 'references'>,
): string | null {
  return mail.references[0] ?? mail.inReplyTo[0] ?? mail.messageId;
}

/** Angle brackets and whitespace off a Message-ID, so ids compare as stored. */
export const bareMessageId = (id: string): string =>
  id
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();

/** Every `<id>` in a header value (References holds several). */
export function messageIdsIn(value: string): string[] {
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '').filter((id) => id !== '');
  if (ids.length > 0) return ids;
  const bare = bareMessageId(value);
  return bare === '' ? [] : bare.split(/\s+/);
}
