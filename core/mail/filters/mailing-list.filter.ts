import { header, type ParsedMail } from '../parsed-mail.js';
import type { NoiseVerdict } from './mail-filter.js';

const LIST_HEADERS = ['list-id', 'list-unsubscribe', 'list-post', 'x-mailing-list'];

/** Mailing-list traffic (RFC 2369/2919 headers, Precedence: list): read elsewhere, never ticketed. */
export function mailingListFilter(mail: ParsedMail): NoiseVerdict | null {
  const found = LIST_HEADERS.find((h) => header(mail, h) !== '');
  if (found) return { kind: 'mailing-list', reason: `has ${found}` };
  if (header(mail, 'precedence').trim().toLowerCase() === 'list')
    return { kind: 'mailing-list', reason: 'Precedence: list' };
  return null;
}
