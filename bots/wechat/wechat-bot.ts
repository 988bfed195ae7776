import qrcodeTerminal from 'qrcode-terminal';
import { ScanStatus, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import type { Logger } from 'pino';
import type { AttachmentStore } from '../../adapters/email/attachment-store.js';
import type { IntakeGateway } from '../../core/ports/intake-gateway.port.js';
import type { Notification } from '../../core/ports/job-scheduler.port.js';
import { wechatToInbound } from './wechat-message.js';

export interface WechatBotOptions {
  wechaty: Wechaty;
  intake: IntakeGateway;
  attachments: Pick<AttachmentStore, 'store'>;
  logger: Logger;
  /** Room topics or ids to listen in; empty = every room the account is in. Private chats always. */
  rooms: readonly string[];
  /** Called when the account logs out: managers are told through another channel. */
  onLogout?: (reason: string) => Promise<void>;
}

/**
 * The one WeChat login. Thin: a platform message becomes an InboundMessage handed to the intake
 * queue; a notification becomes a room or private message. Everything else is core's business.
 */
export class WechatBot {
  private stopping = false;

  constructor(private readonly o: WechatBotOptions) {}

  async start(): Promise<void> {
    const { wechaty, logger } = this.o;
    wechaty.on('scan', (qrcode, status) => {
      if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
      const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
      logger.info({ url }, 'WeChat login: scan the QR code printed below (or open the URL)');
      qrcodeTerminal.generate(qrcode, { small: true });
    });
    wechaty.on('login', (user) => logger.info({ user: user.name(), id: user.id }, 'WeChat logged in'));
    wechaty.on('logout', (user, reason) => {
      // Stopping the puppet reports a logout ("puppet stop()"): a shutdown is not an outage.
      if (this.stopping) {
        logger.info({ user: user.name() }, 'WeChat session closed for shutdown');
        return;
      }
      logger.error(
        { user: user.name(), reason },
        'WeChat logged out: the bot is deaf until someone scans again',
      );
      void this.o
        .onLogout?.(String(reason ?? 'logged out'))
        .catch((e: unknown) =>
          logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not alert managers'),
        );
    });
    wechaty.on('error', (e) => logger.warn({ err: e.message }, 'wechaty error'));
    wechaty.on('message', (m) => void this.onMessage(m));
    await wechaty.start();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.o.wechaty.stop();
  }

  private async watched(room: Room): Promise<boolean> {
    if (this.o.rooms.length === 0) return true;
    return this.o.rooms.includes(room.id) || this.o.rooms.includes(await room.topic());
  }

  private async onMessage(message: Message): Promise<void> {
    try {
      if (message.self()) return;
      const room = message.room();
      if (room && !(await this.watched(room))) return;
      const inbound = await wechatToInbound(message, this.o.attachments);
      await this.o.intake.submit(inbound);
    } catch (e) {
      // One bad message must not stop the bot; it is logged with its id for an operator.
      this.o.logger.error(
        { messageId: message.id, err: e instanceof Error ? e.message : String(e) },
        'wechat message not taken in',
      );
    }
  }

  /**
   * In a room (`conversationId`) the person at `address` is @-mentioned; without a room the text goes
   * privately to `address`.
   */
  async send(n: Notification): Promise<{ messageId: string | null }> {
    const { wechaty } = this.o;
    if (n.to.conversationId) {
      const room = await wechaty.Room.find({ id: n.to.conversationId });
      if (!room) throw new Error(`WeChat room ${n.to.conversationId} not found`);
      const who = n.to.address ? await wechaty.Contact.find({ id: n.to.address }) : undefined;
      const sent = who ? await room.say(n.text, who as Contact) : await room.say(n.text);
      return { messageId: sent ? sent.id : null };
    }
    if (!n.to.address) throw new Error(`notification ${n.id} has neither a room nor an address`);
    const contact = await wechaty.Contact.find({ id: n.to.address });
    if (!contact) throw new Error(`WeChat contact ${n.to.address} not found`);
    const sent = await contact.say(n.text);
    return { messageId: sent ? sent.id : null };
  }
}
