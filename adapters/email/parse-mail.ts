import { MailParser, type AddressObject, type HeaderLines } from 'mailparser';
import { bareMessageId, messageIdsIn } from '../../core/mail/mail-threading.js';
import type { MailAddress, ParsedMail } from '../../core/mail/parsed-mail.js';
import { BodyCharsetDecoder, sniffable } from './body-charset.js';

/** A part's bytes beside what core sees of it. */
export interface MailAttachment {
  filename: string | null;
  contentType: string;
  contentId: string | null;
  content: Buffer;
}

export interface ParsedMailWithContent {
  mail: ParsedMail;
  attachments: MailAttachment[];
}

interface Decoder {
  decodeStream(charset: string): NodeJS.ReadWriteStream;
}
interface MimeNodeLike {
  filename?: string;
}
interface CreatedNode {
  disposition?: string;
  isAttachment?: boolean;
}
// mailparser's internals we adjust; its public surface has no hook for either.
interface MailParserInternals {
  getDecoder(): Decoder;
  createNode(node: MimeNodeLike): CreatedNode;
}

/**
 * mailparser with two changes: text bodies go through BodyCharsetDecoder (wrongly labelled
 * charsets), and an inline text part that has a file name is an attachment (so its name is kept,
 * as a client shows it) rather than glued onto the body.
 */
class DeskMailParser extends MailParser {
  getDecoder(this: MailParser & MailParserInternals): Decoder {
    const original = (MailParser.prototype as unknown as MailParserInternals).getDecoder.call(this);
    return {
      decodeStream: (charset: string) =>
        sniffable(charset) ? new BodyCharsetDecoder(charset) : original.decodeStream(charset),
    };
  }

  createNode(node: MimeNodeLike): CreatedNode {
    const created = (MailParser.prototype as unknown as MailParserInternals).createNode.call(this, node);
    if (created.isAttachment === false && node.filename) created.isAttachment = true;
    return created;
  }
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) =>
    a.value.flatMap((v) => (v.address ? [{ address: v.address, name: v.name ?? '' }] : [])),
  );
}

function rawHeaders(lines: HeaderLines): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    out[key] = out[key] === undefined ? value : `${out[key]}, ${value}`;
  }
  return out;
}

/** Parses a raw RFC 5322 message; rejects only when the bytes are not a mail at all. */
export function parseMail(raw: Buffer): Promise<ParsedMailWithContent> {
  return new Promise((resolve, reject) => {
    const parser = new DeskMailParser({
      keepDeliveryStatus: true,
      skipImageLinks: true,
      skipTextToHtml: true,
    });
    const attachments: MailAttachment[] = [];
    let text = '';
    let headerLines: HeaderLines = [];
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    parser.on('error', fail);
    parser.on('headerLines', (lines: HeaderLines) => (headerLines = lines));
    parser.on('data', (data: { type: string }) => {
      if (data.type === 'text') {
        text = (data as { text?: string }).text ?? '';
        return;
      }
      const a = data as unknown as {
        filename?: string;
        contentType: string;
        cid?: string;
        content: NodeJS.ReadableStream;
        release: () => void;
      };
      const chunks: Buffer[] = [];
      a.content.on('data', (c: Buffer) => chunks.push(c));
      a.content.on('end', () => {
        attachments.push({
          filename: a.filename ?? null,
          contentType: a.contentType.toLowerCase(),
          contentId: a.cid ?? null,
          content: Buffer.concat(chunks),
        });
        a.release();
      });
    });
    parser.on('end', () => {
      if (settled) return;
      settled = true;
      const headers = rawHeaders(headerLines);
      const mime =
        (headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase() || 'text/plain';
      const references = parser.references;
      const mail: ParsedMail = {
        messageId: parser.messageId ? bareMessageId(parser.messageId) || null : null,
        from: addresses(parser.from)[0] ?? null,
        to: addresses(parser.to),
        cc: addresses(parser.cc),
        subject: parser.subject ?? '',
        date: parser.date && !Number.isNaN(parser.date.getTime()) ? parser.date : null,
        inReplyTo: parser.inReplyTo ? messageIdsIn(parser.inReplyTo) : [],
        references: (Array.isArray(references) ? references : references ? [references] : []).flatMap(
          messageIdsIn,
        ),
        headers,
        contentType: mime,
        text: text.replace(/\r\n?/g, '\n'),
        parts: attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          size: a.content.length,
          contentId: a.contentId,
        })),
      };
      resolve({ mail, attachments });
    });
    parser.end(raw);
  });
}
