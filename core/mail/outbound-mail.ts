/** Languages mail templates exist in: Chinese by default, English for contacts marked English. */
export type MailLanguage = 'zh' | 'en';

/** A mail to send, as data: the adapter hands it to SMTP unchanged. */
export interface OutboundMail {
  to: { name: string; address: string };
  cc: Array<{ name: string; address: string }>;
  subject: string;
  text: string;
  html: string;
  /** Bare Message-ID (no angle brackets), deterministic per notification. */
  messageId: string;
  inReplyTo: string | null;
  /** Oldest first, bare ids. */
  references: string[];
  /** Auto-Submitted (RFC 3834) and our loop marker. */
  headers: Record<string, string>;
}

const ID_SAFE = /[A-Za-z0-9._-]/;

/**
 * The Message-ID of the mail carrying a notification: derived from the notification id (so a retry
 * after a crash reuses it, and a reply's In-Reply-To leads back to the notification without a
 * look-up). Characters a Message-ID cannot hold are written as =XX.
 */
export function messageIdForNotification(notificationId: string, domain: string): string {
  const encoded = Array.from(notificationId)
    .map((ch) =>
      ID_SAFE.test(ch)
        ? ch
        : Array.from(new TextEncoder().encode(ch))
            .map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`)
            .join(''),
    )
    .join('');
  return `deskbot.${encoded}@${domain.toLowerCase()}`;
}

/** The notification id inside one of our Message-IDs, or null when the id is not ours. */
export function notificationIdFromMessageId(messageId: string, domain: string): string | null {
  const m = /^deskbot\.([A-Za-z0-9._=-]+)@(.+)$/.exec(messageId.trim());
  if (!m?.[1] || m[2]?.toLowerCase() !== domain.toLowerCase()) return null;
  const bytes: number[] = [];
  const s = m[1];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The address part of `IT服务台 <helpdesk@example.edu.cn>` or a bare address. */
export function addressOfMailFrom(mailFrom: string): string {
  return (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim().toLowerCase();
}
