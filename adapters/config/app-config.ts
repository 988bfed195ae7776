import type { DeskSettings } from '../../core/desk/index.js';
import type { Channel } from '../../core/inbound/index.js';
import type { LogLevel, ProcessRole } from './env.schema.js';

/** The support mailbox; present only when every mail variable is set. */
export interface EmailSettings {
  imapUrl: string;
  imapUser: string;
  imapPassword: string;
  smtpUrl: string;
  /** As given: `helpdesk@example.edu.cn` or `IT服务台 <helpdesk@example.edu.cn>`. */
  mailFrom: string;
  /** Poll interval when IDLE is unavailable or silent; at most 300 (the 5-minute refresh rule). */
  pollSeconds: number;
}

export interface TelegramSettings {
  botToken: string;
  /** Bot API root (a local Bot API server or a test emulator); null = Telegram's own. */
  apiRoot: string | null;
  /** Set: Telegram pushes updates here (served by the api role at its path); null: long polling. */
  webhookUrl?: string | null;
  /** Checked against Telegram's X-Telegram-Bot-Api-Secret-Token header; derived from the token when unset. */
  webhookSecret?: string | null;
}

export interface WechatSettings {
  puppet: string;
  puppetServiceToken: string | null;
  /** Group names the bot listens in; empty = every group it is in. */
  rooms: string[];
}

/** What the environment says, validated; paths are absolute. */
export interface EnvConfig {
  dataDir: string;
  /** null → embedded PGlite in `dataDir/pg`. */
  databaseUrl: string | null;
  /** null → a managed redis-server with data in `dataDir/redis`. */
  redisUrl: string | null;
  port: number;
  host: string;
  /** express `trust proxy`: hops (a number) or trusted addresses; null = no proxy in front. */
  trustProxy: number | string | null;
  /** Printed at boot instead of the computed URL (behind a proxy, or a name users know). */
  publicUrl: string | null;
  /** null → the API routes answer 503 "API disabled: set API_TOKEN" (the public report form still works). */
  apiToken: string | null;
  /** Bearer token for /metrics; null → API_TOKEN guards it. */
  metricsToken: string | null;
  /** Bearer token monitoring systems send to /api/v1/alerts/*; null → the alert webhooks are off. */
  alertToken: string | null;
  /** Staff dashboard login; null → the API token is the password. */
  dashboardPassword: string | null;
  logLevel: LogLevel;
  /** Roles this process runs. */
  processRoles: ProcessRole[];
  workerConcurrency: number;
  /** How long the web form waits for its ticket number before answering "queued". */
  intakeWaitMs: number;
  /** Redis key prefix of the queues (QUEUE_PREFIX, default `deskbot`). */
  queuePrefix: string;
  /** After this long without a heartbeat a job's worker counts as dead and the job runs elsewhere. */
  workerStalledMs: number;
  email: EmailSettings | null;
  telegram: TelegramSettings | null;
  wechat: WechatSettings | null;
}

export interface ChannelStatus {
  channel: Channel;
  enabled: boolean;
  /** Why, in words an operator can act on: "IMAP_URL, SMTP_URL not set". */
  reason: string;
}

export interface AppConfig extends EnvConfig {
  desk: DeskSettings;
  /** Absolute path of the desk.yaml that was loaded. */
  deskConfigPath: string;
  /** One entry per channel, in CHANNELS order. */
  channels: ChannelStatus[];
}
