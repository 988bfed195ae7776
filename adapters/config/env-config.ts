import path from 'node:path';
import { err, ok, type Result } from '../../core/shared/index.js';
import type { EnvConfig } from './app-config.js';
import { channelProblems, missingVarsReason, wechatTokenProblem } from './channel-status.js';
import { configErrorMap, issuesToProblems, type ConfigProblem } from './config-problem.js';
import { ENV_VAR_NAMES, envSchema, PROCESS_ROLES, type EnvVarName, type EnvVars } from './env.schema.js';

export type RawEnv = Readonly<Record<string, string | undefined>>;

/** Only our variables; an empty value counts as unset, as docker-compose's `FOO=` means. */
function pickVars(env: RawEnv): Partial<Record<EnvVarName, string>> {
  const vars: Partial<Record<EnvVarName, string>> = {};
  for (const name of ENV_VAR_NAMES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') vars[name] = value;
  }
  return vars;
}

export interface ParsedEnv {
  config: EnvConfig;
  /** DESK_CONFIG as given (resolution needs the file system, done by the loader). */
  deskConfig: string | undefined;
}

export function parseEnv(env: RawEnv, cwd: string): Result<ParsedEnv, ConfigProblem[]> {
  const vars = pickVars(env);
  const isSet = (name: EnvVarName) => vars[name] !== undefined;
  const problems = [
    ...channelProblems(isSet),
    ...wechatTokenProblem(vars.WECHATY_PUPPET?.trim(), vars.WECHATY_PUPPET_SERVICE_TOKEN),
  ];
  const parsed = envSchema.safeParse(vars, { error: configErrorMap });
  if (!parsed.success) problems.push(...issuesToProblems(parsed.error.issues, 'env'));
  if (!parsed.success || problems.length > 0) return err(sortByVariable(problems));

  const config = toEnvConfig(parsed.data, cwd);
  const roleProblems = explicitRoleProblems(parsed.data, config);
  if (roleProblems.length > 0) return err(roleProblems);
  return ok({ config, deskConfig: parsed.data.DESK_CONFIG });
}

function toEnvConfig(v: EnvVars, cwd: string): EnvConfig {
  const email =
    v.IMAP_URL && v.IMAP_USER && v.IMAP_PASSWORD && v.SMTP_URL && v.MAIL_FROM
      ? {
          imapUrl: v.IMAP_URL,
          imapUser: v.IMAP_USER,
          imapPassword: v.IMAP_PASSWORD,
          smtpUrl: v.SMTP_URL,
          mailFrom: v.MAIL_FROM,
          pollSeconds: v.MAIL_POLL_SECONDS,
        }
      : null;
  return {
    dataDir: path.resolve(cwd, v.DATA_DIR),
    databaseUrl: v.DATABASE_URL ?? null,
    redisUrl: v.REDIS_URL ?? null,
    port: v.PORT,
    host: v.HOST,
    trustProxy:
      v.TRUST_PROXY === undefined
        ? null
        : /^\d+$/.test(v.TRUST_PROXY)
          ? Number(v.TRUST_PROXY)
          : v.TRUST_PROXY,
    publicUrl: v.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    apiToken: v.API_TOKEN ?? null,
    metricsToken: v.METRICS_TOKEN ?? null,
    alertToken: v.ALERT_TOKEN ?? null,
    dashboardPassword: v.DASHBOARD_PASSWORD ?? null,
    logLevel: v.LOG_LEVEL,
    processRoles: v.ROLES ?? [...PROCESS_ROLES],
    workerConcurrency: v.WORKER_CONCURRENCY,
    intakeWaitMs: v.INTAKE_WAIT_MS,
    queuePrefix: v.QUEUE_PREFIX,
    workerStalledMs: v.WORKER_STALLED_MS,
    email,
    telegram: v.TELEGRAM_BOT_TOKEN
      ? {
          botToken: v.TELEGRAM_BOT_TOKEN,
          apiRoot: v.TELEGRAM_API_ROOT?.replace(/\/+$/, '') ?? null,
          ...(v.TELEGRAM_WEBHOOK_URL ? { webhookUrl: v.TELEGRAM_WEBHOOK_URL } : {}),
          ...(v.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: v.TELEGRAM_WEBHOOK_SECRET } : {}),
        }
      : null,
    wechat: v.WECHATY_PUPPET
      ? {
          puppet: v.WECHATY_PUPPET,
          puppetServiceToken: v.WECHATY_PUPPET_SERVICE_TOKEN ?? null,
          rooms: v.WECHAT_ROOMS ?? [],
        }
      : null,
  };
}

/**
 * By default a process simply skips the chat roles whose channel is off; a process told explicitly to run
 * one (ROLES=wechat) would otherwise idle forever without saying why.
 */
function explicitRoleProblems(v: EnvVars, config: EnvConfig): ConfigProblem[] {
  if (v.ROLES === undefined) return [];
  const channelRoles = ['email', 'telegram', 'wechat'] as const;
  return channelRoles
    .filter((role) => v.ROLES?.includes(role) && config[role] === null)
    .map((role) => ({
      source: 'env',
      path: 'ROLES',
      message: `includes ${role}, but the ${role} channel is not configured (${missingVarsReason(role)})`,
    }));
}

function sortByVariable(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.path.localeCompare(b.path));
}
