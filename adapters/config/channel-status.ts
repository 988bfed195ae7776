import { CHANNELS } from '../../core/inbound/index.js';
import type { ChannelStatus, EnvConfig } from './app-config.js';
import type { ConfigProblem } from './config-problem.js';
import type { EnvVarName } from './env.schema.js';

interface ChannelVars {
  channel: 'email' | 'telegram' | 'wechat';
  /** All needed to enable the channel. */
  required: EnvVarName[];
  /** Only meaningful with the required ones; setting them alone is a half-configured channel. */
  companions: EnvVarName[];
}

const CHANNEL_VARS: ChannelVars[] = [
  {
    channel: 'email',
    required: ['IMAP_URL', 'IMAP_USER', 'IMAP_PASSWORD', 'SMTP_URL', 'MAIL_FROM'],
    companions: [],
  },
  {
    channel: 'telegram',
    required: ['TELEGRAM_BOT_TOKEN'],
    companions: ['TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET'],
  },
  {
    channel: 'wechat',
    required: ['WECHATY_PUPPET'],
    companions: ['WECHATY_PUPPET_SERVICE_TOKEN', 'WECHAT_ROOMS'],
  },
];

const PUPPETS_NEEDING_TOKEN = ['wechaty-puppet-service'];

/**
 * A channel with none of its variables is simply disabled; one with some but not all is an operator's
 * mistake (a typo, a forgotten line) and must stop the boot rather than silently drop a channel.
 */
export function channelProblems(isSet: (name: EnvVarName) => boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { channel, required, companions } of CHANNEL_VARS) {
    const given = [...required, ...companions].filter(isSet);
    const missing = required.filter((name) => !isSet(name));
    if (given.length > 0 && missing.length > 0) {
      problems.push({
        source: 'env',
        path: missing.join(', '),
        message:
          `the ${channel} channel is half-configured: ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set ` +
          `but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not; set all of ` +
          `${required.join(', ')} to enable it, or none to leave it off`,
      });
    }
  }
  return problems;
}

export function wechatTokenProblem(puppet: string | undefined, token: string | undefined): ConfigProblem[] {
  if (puppet === undefined || token !== undefined || !PUPPETS_NEEDING_TOKEN.includes(puppet)) return [];
  return [
    {
      source: 'env',
      path: 'WECHATY_PUPPET_SERVICE_TOKEN',
      message: `is required when WECHATY_PUPPET is ${puppet}`,
    },
  ];
}

export function missingVarsReason(channel: ChannelVars['channel']): string {
  const vars = CHANNEL_VARS.find((c) => c.channel === channel)?.required ?? [];
  return `${vars.join(', ')} not set`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an unparsable URL';
  }
}

/** What each channel will do in this configuration, and why; printed at boot. */
export function channelStatuses(env: EnvConfig): ChannelStatus[] {
  const status = (channel: ChannelStatus['channel']): ChannelStatus => {
    switch (channel) {
      case 'web':
        return { channel, enabled: true, reason: 'public report form, always on' };
      case 'email':
        return env.email
          ? {
              channel,
              enabled: true,
              reason: `mailbox ${env.email.imapUser} on ${hostOf(env.email.imapUrl)}, checked at least every ${env.email.pollSeconds}s`,
            }
          : { channel, enabled: false, reason: missingVarsReason('email') };
      case 'telegram':
        return env.telegram
          ? {
              channel,
              enabled: true,
              reason: `bot token set, Bot API at ${env.telegram.apiRoot ? hostOf(env.telegram.apiRoot) : 'api.telegram.org'}, ${env.telegram.webhookUrl ? `webhook ${hostOf(env.telegram.webhookUrl)}` : 'long polling'}`,
            }
          : { channel, enabled: false, reason: missingVarsReason('telegram') };
      case 'wechat':
        return env.wechat
          ? {
              channel,
              enabled: true,
              reason: `puppet ${env.wechat.puppet}, ${env.wechat.rooms.length > 0 ? `rooms ${env.wechat.rooms.join(', ')}` : 'every room the bot is in'}`,
            }
          : { channel, enabled: false, reason: missingVarsReason('wechat') };
      // `deskbot import calls` works regardless; the webhook needs the API token.
      case 'phone':
        return env.apiToken
          ? { channel, enabled: true, reason: 'POST /api/v1/calls (API_TOKEN) and deskbot import calls' }
          : { channel, enabled: false, reason: 'API_TOKEN not set (deskbot import calls still works)' };
      case 'alert':
        return env.alertToken
          ? { channel, enabled: true, reason: 'POST /api/v1/alerts/alertmanager and /zabbix (ALERT_TOKEN)' }
          : { channel, enabled: false, reason: 'ALERT_TOKEN not set' };
    }
  };
  return CHANNELS.map(status);
}
