import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboundMail } from '../../core/mail/outbound-mail.js';

export interface MailSender {
  send(mail: OutboundMail): Promise<{ response: string }>;
  close(): void;
}

const bracket = (id: string): string => `<${id}>`;

/** nodemailer over SMTP_URL (smtp:// or smtps://user:pass@host); from MAIL_FROM. */
export class SmtpMailSender implements MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // A pool keeps a burst of acknowledgements from opening a connection per mail.
    this.transport = nodemailer.createTransport(`${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}pool=true`);
  }

  async send(mail: OutboundMail): Promise<{ response: string }> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: { name: mail.to.name, address: mail.to.address },
      cc: mail.cc.map((c) => ({ name: c.name, address: c.address })),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: bracket(mail.messageId),
      ...(mail.inReplyTo ? { inReplyTo: bracket(mail.inReplyTo) } : {}),
      ...(mail.references.length ? { references: mail.references.map(bracket) } : {}),
      headers: mail.headers,
    });
    return { response: String((info as { response?: unknown }).response ?? '') };
  }

  close(): void {
    this.transport.close();
  }
}
