import { z } from 'zod';
import type { InboundAttachment, InboundMessage } from '../inbound/inbound-message.js';
import { conversationOf } from './mail-threading.js';
import { localPart, type ParsedMail } from './parsed-mail.js';
import { stripQuotedHistory } from './strip-quoted-history.js';

const TEXT_MAX = 20_000;
const SUBJECT_MAX = 300;
const ID_MAX = 300;

const emailSchema = z.email();

/** By code point, so a cut never splits a character. */
const cut = (s: string, max: number): string => {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
};

export interface MailIntakeFacts {
  mail: ParsedMail;
  /** The Message-ID, or a stable stand-in the adapter derived from the bytes when there is none. */
  externalId: string;
  receivedAt: Date;
  /** The stored externalId of the message this one answers (ours `out:<id>` or an earlier mail). */
  inReplyTo: string | null;
  ticketRef: string | null;
  attachments: InboundAttachment[];
  /** What the desk knows about a sender who is not on the roster (a contact); null: nothing. */
  contact?: MailContactDetails | null;
}

/** A known mail contact's details; the roster fills staff in later, at ingest. */
export interface MailContactDetails {
  /** Set when the desk named the contact: it wins over the mail's display name. */
  name: string | null;
  phone: string | null;
  department: string | null;
  officeLocation: string | null;
}

const known = (key: 'phone' | 'department' | 'officeLocation', value: string | null, max: number) => {
  const v = value?.trim();
  return v ? { [key]: cut(v, max) } : {};
};

/**
 * The InboundMessage a mail becomes. Over-long fields are shortened rather than refused: a mail is
 * never lost for being verbose. An address the schema would refuse (root@localhost) stays the
 * sender's externalId but is not offered as a contact address.
 */
export function mailToInbound(f: MailIntakeFacts): InboundMessage {
  const from = f.mail.from;
  const address = from?.address.trim().toLowerCase() ?? '';
  const name = (
    f.contact?.name?.trim() ||
    from?.name.trim() ||
    localPart(address) ||
    address ||
    'unknown sender'
  ).slice(0, 100);
  const subject = f.mail.subject.replace(/\s+/g, ' ').trim();
  const conversation = conversationOf(f.mail) ?? f.externalId;
  return {
    channel: 'email',
    externalId: f.externalId,
    receivedAt: f.receivedAt,
    sender: {
      name,
      ...(address ? { externalId: address.slice(0, 200) } : {}),
      ...(emailSchema.safeParse(address).success && address.length <= 200 ? { email: address } : {}),
      ...known('phone', f.contact?.phone ?? null, 40),
      ...known('department', f.contact?.department ?? null, 100),
      ...known('officeLocation', f.contact?.officeLocation ?? null, 200),
    },
    conversation: { id: cut(conversation, ID_MAX), ...(subject ? { title: cut(subject, 200) } : {}) },
    ...(subject ? { subject: cut(subject, SUBJECT_MAX) } : {}),
    text: cut(stripQuotedHistory(f.mail.text), TEXT_MAX),
    ...(f.ticketRef ? { ticketRef: f.ticketRef } : {}),
    ...(f.inReplyTo ? { inReplyTo: cut(f.inReplyTo, ID_MAX) } : {}),
    fields: {},
    attachments: f.attachments.slice(0, 50),
  };
}
