/** A mailbox address as a mail header gives it. */
export interface MailAddress {
  address: string;
  name: string;
}

/** One non-body part of a mail, as the parser saw it (bytes stay in the adapter). */
export interface MailPart {
  filename: string | null;
  contentType: string;
  size: number;
  /** Content-ID of an inline image referenced from the HTML body. */
  contentId: string | null;
}

/**
 * What core needs to know about a received mail: decoded headers and text, no bytes. The adapter
 * (mailparser) fills it; filters, threading and the InboundMessage mapping read only this.
 */
export interface ParsedMail {
  /** Without angle brackets; null when the mail carries none. */
  messageId: string | null;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: Date | null;
  /** Message-IDs without angle brackets. */
  inReplyTo: string[];
  references: string[];
  /** Lower-cased header name → value (repeated headers joined with ", "). */
  headers: Readonly<Record<string, string>>;
  /** Top-level MIME type, lower case (multipart/report, text/plain…). */
  contentType: string;
  /** The body as plain text (HTML-only mail already converted). */
  text: string;
  parts: MailPart[];
}

export const header = (mail: ParsedMail, name: string): string => mail.headers[name.toLowerCase()] ?? '';

export const localPart = (address: string): string => address.split('@')[0]?.toLowerCase() ?? '';

export const domainOf = (address: string): string => address.split('@').slice(1).join('@').toLowerCase();
