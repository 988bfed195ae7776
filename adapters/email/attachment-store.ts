import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InboundAttachment } from '../../core/inbound/inbound-message.js';
import type { MailAttachment } from './parse-mail.js';

export interface AttachmentLimits {
  /** Larger parts are recorded as skipped; the mail itself is still processed. */
  maxBytes: number;
  /** At most this many parts are stored per mail. */
  maxCount: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxCount: 20 };

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'text/plain': 'txt',
  'text/html': 'html',
  'message/rfc822': 'eml',
  'application/pdf': 'pdf',
};

/** A file name that is safe on disk; the original stays in the record. */
const diskName = (name: string): string =>
  name
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(-80) || 'part';

/**
 * Stores a mail's parts under `<root>/<yyyy-mm>/<sha256>-<name>`: content-addressed, so storing
 * the same mail again (a redelivery) rewrites identical files instead of piling up copies.
 */
export class AttachmentStore {
  constructor(
    /** DATA_DIR/attachments */
    private readonly root: string,
    private readonly limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS,
  ) {}

  async store(parts: MailAttachment[], receivedAt: Date): Promise<InboundAttachment[]> {
    const month = receivedAt.toISOString().slice(0, 7);
    const out: InboundAttachment[] = [];
    for (const [i, part] of parts.entries()) {
      const name = (part.filename ?? `part-${i + 1}.${EXTENSIONS[part.contentType] ?? 'bin'}`).slice(0, 255);
      const base = { name, contentType: part.contentType.slice(0, 120), size: part.content.length };
      if (i >= this.limits.maxCount) {
        out.push({ ...base, skippedReason: `more than ${this.limits.maxCount} attachments` });
      } else if (part.content.length > this.limits.maxBytes) {
        out.push({ ...base, skippedReason: `larger than ${this.limits.maxBytes} bytes` });
      } else {
        const digest = createHash('sha256').update(part.content).digest('hex').slice(0, 32);
        const relative = path.posix.join(month, `${digest}-${diskName(name)}`);
        await mkdir(path.join(this.root, month), { recursive: true });
        await writeFile(path.join(this.root, relative), part.content);
        out.push({ ...base, storagePath: relative });
      }
    }
    return out;
  }
}
