import path from 'node:path';
import type { Logger } from 'pino';
import { WechatyBuilder, type WechatyOptions } from 'wechaty';
import type { WechatSettings } from '../../adapters/config/app-config.js';
import { AttachmentStore } from '../../adapters/email/attachment-store.js';
import type { Channel } from '../../core/inbound/channel.js';
import { startChatNotifier } from '../../bots/shared/chat-notifier.js';
import { alertManagers } from '../../bots/shared/logout-alert.js';
import { WechatBot } from '../../bots/wechat/wechat-bot.js';
import type { Services } from './build-services.js';

export interface WechatRoleOptions {
  settings: WechatSettings;
  services: Pick<Services, 'intake' | 'people' | 'scheduler' | 'clock' | 'useCases'>;
  redisUrl: string;
  queuePrefix: string;
  dataDir: string;
  enabledChannels: ReadonlySet<Channel>;
  logger: Logger;
  /** Tests pass a ready puppet (wechaty-puppet-mock); production names one in WECHATY_PUPPET. */
  puppet?: WechatyOptions['puppet'];
}

/** The `wechat` role: the one WeChat login, its intake and the notify-wechat consumer. */
export async function startWechatRole(
  o: WechatRoleOptions,
): Promise<{ bot: WechatBot; stop(): Promise<void> }> {
  const logger = o.logger.child({ role: 'wechat' });
  const wechaty = WechatyBuilder.build({
    name: path.join(o.dataDir, 'wechat', 'deskbot'),
    puppet: o.puppet ?? (o.settings.puppet as WechatyOptions['puppet']),
    ...(o.settings.puppetServiceToken ? { puppetOptions: { token: o.settings.puppetServiceToken } } : {}),
  });
  const bot = new WechatBot({
    wechaty,
    intake: o.services.intake,
    attachments: new AttachmentStore(path.join(o.dataDir, 'attachments')),
    logger,
    rooms: o.settings.rooms,
    onLogout: async (reason) => {
      const n = await alertManagers(
        { people: o.services.people, jobs: o.services.scheduler, enabled: o.enabledChannels },
        'wechat',
        reason,
        o.services.clock.now(),
      );
      logger.warn({ managersAlerted: n }, 'managers alerted that WeChat logged out');
    },
  });
  await bot.start();
  const notifier = startChatNotifier({
    channel: 'wechat',
    redisUrl: o.redisUrl,
    prefix: o.queuePrefix,
    logger,
    send: (n) => bot.send(n),
    recordDelivery: o.services.useCases.recordDelivery,
  });
  return {
    bot,
    async stop() {
      await notifier.close();
      await bot.stop();
    },
  };
}
