import { z } from 'zod';

/** The process roles one deskbot process can run (all of them in the embedded default). */
export const PROCESS_ROLES = ['api', 'workers', 'wechat', 'telegram', 'email'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const MAX_MAIL_POLL_SECONDS = 300;
export const MIN_API_TOKEN_LENGTH = 16;

// Messages never echo a value: a mistyped URL or token may carry a password into the boot log.

function wholeNumber(opts: { default: number; min: number; max: number; tooBig?: string }) {
  const range = `must be a whole number from ${opts.min} to ${opts.max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, range)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(opts.min, range)
        .max(opts.max, opts.tooBig ?? range),
    )
    .optional()
    .default(opts.default);
}

function url(protocols: readonly string[], example: string) {
  const schemes = protocols.map((p) => `${p}//`).join(' or ');
  return z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a ${schemes} URL, e.g. ${example}`)
    .optional();
}

function commaList() {
  // A full-width comma (，) is what a Chinese keyboard types; accept both.
  return z
    .string()
    .transform((value) => [...new Set(value.split(/[,，]/).map((s) => s.trim()))].filter((s) => s !== ''));
}

const secret = (what: string) =>
  z.string().regex(/^\S+$/, `${what} must not contain spaces or line breaks`).optional();

const mailFrom = z
  .string()
  .trim()
  .refine((value) => {
    const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
    return z.email().safeParse(address.trim()).success;
  }, 'must be a mail address, e.g. helpdesk@example.edu.cn or "IT服务台 <helpdesk@example.edu.cn>"')
  .optional();

/** Raw environment variables. Empty strings are treated as unset before parsing (docker-compose `FOO=`). */
export const envSchema = z.object({
  DATA_DIR: z.string().trim().default('./data'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://deskbot:secret@127.0.0.1:5432/deskbot'),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  PORT: wholeNumber({ default: 3000, min: 1, max: 65535 }),
  // 0.0.0.0: the report form is meant to be opened from users' own machines; the API behind it needs
  // API_TOKEN, and Redis/PostgreSQL stay on loopback. Set HOST=127.0.0.1 to keep the form local.
  HOST: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be an IP address or host name to listen on, e.g. 0.0.0.0')
    .default('0.0.0.0'),
  PUBLIC_URL: url(['http:', 'https:'], 'https://helpdesk.example.edu.cn'),
  // Behind a reverse proxy, which hops to trust for the client address (rate limits are per client):
  // a hop count, or addresses/subnets/names express understands (loopback, 10.0.0.0/8). Unset: none.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(\d{1,2}|[A-Za-z0-9.:/,\s-]+)$/,
      'must be a hop count (1) or addresses, e.g. loopback, 10.0.0.0/8',
    )
    .optional(),
  DESK_CONFIG: z.string().trim().optional(),
  API_TOKEN: secret('API_TOKEN').refine(
    (value) => value === undefined || value.length >= MIN_API_TOKEN_LENGTH,
    `must be at least ${MIN_API_TOKEN_LENGTH} characters (e.g. the output of \`openssl rand -hex 32\`)`,
  ),
  METRICS_TOKEN: secret('METRICS_TOKEN').refine(
    (value) => value === undefined || value.length >= MIN_API_TOKEN_LENGTH,
    `must be at least ${MIN_API_TOKEN_LENGTH} characters`,
  ),
  ALERT_TOKEN: secret('ALERT_TOKEN').refine(
    (value) => value === undefined || value.length >= MIN_API_TOKEN_LENGTH,
    `must be at least ${MIN_API_TOKEN_LENGTH} characters`,
  ),
  DASHBOARD_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
  ROLES: commaList()
    .transform((names, ctx) => {
      const unknown = names.filter((name) => !(PROCESS_ROLES as readonly string[]).includes(name));
      if (unknown.length > 0 || names.length === 0) {
        const what = names.length === 0 ? 'names no role' : `names unknown role ${unknown.join(', ')}`;
        ctx.addIssue({ code: 'custom', message: `${what}; roles are ${PROCESS_ROLES.join(', ')}` });
        return z.NEVER;
      }
      return names as ProcessRole[];
    })
    .optional(),
  IMAP_URL: url(['imap:', 'imaps:'], 'imaps://mail.example.edu.cn'),
  IMAP_USER: z.string().trim().optional(),
  IMAP_PASSWORD: z.string().optional(),
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtps://mail.example.edu.cn'),
  MAIL_FROM: mailFrom,
  MAIL_POLL_SECONDS: wholeNumber({
    default: 60,
    min: 1,
    max: MAX_MAIL_POLL_SECONDS,
    tooBig: `must be ≤ ${MAX_MAIL_POLL_SECONDS}: the support mailbox must be refreshed at least every 5 minutes`,
  }),
  TELEGRAM_BOT_TOKEN: secret('TELEGRAM_BOT_TOKEN'),
  TELEGRAM_API_ROOT: url(['http:', 'https:'], 'https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: url(['https:', 'http:'], 'https://helpdesk.example.edu.cn/telegram/webhook'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 letters, digits, "_" or "-" (Telegram\'s rule)')
    .optional(),
  WECHATY_PUPPET: z
    .string()
    .trim()
    .regex(/^(@[\w.-]+\/)?[\w.-]+$/, 'must be a puppet package name, e.g. wechaty-puppet-service')
    .optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: secret('WECHATY_PUPPET_SERVICE_TOKEN'),
  WECHAT_ROOMS: commaList().optional(),
  // The pipeline's database calls are batched across the jobs in flight, so more jobs at once make
  // bigger batches: 64 sustained 184-201 tickets/s where 16 sustained 134-148 (pipeline bench).
  WORKER_CONCURRENCY: wholeNumber({ default: 64, min: 1, max: 1000 }),
  INTAKE_WAIT_MS: wholeNumber({ default: 3000, min: 0, max: 60_000 }),
  /** Redis key prefix of deskbot's queues: lets several installations share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "_" or "-"')
    .default('deskbot'),
  /** How soon a job held by a crashed worker is handed to another (BullMQ's stalled check). */
  WORKER_STALLED_MS: wholeNumber({ default: 30_000, min: 500, max: 600_000 }),
});

export type EnvVars = z.output<typeof envSchema>;
export type EnvVarName = keyof typeof envSchema.shape;
export const ENV_VAR_NAMES = Object.keys(envSchema.shape) as EnvVarName[];
