export type {
  AppConfig,
  ChannelStatus,
  EmailSettings,
  EnvConfig,
  TelegramSettings,
  WechatSettings,
} from './app-config.js';
export { channelStatuses } from './channel-status.js';
export { formatConfigProblems, type ConfigProblem } from './config-problem.js';
export { parseDeskYaml, readDeskFile } from './desk-file.js';
export {
  categorySchema,
  deskSettingsSchema,
  rotaEntrySchema,
  shiftSchema,
  DEFAULT_RESPONSE_MINUTES,
  DEFAULT_TICKET_PREFIX,
  DEFAULT_TIMEZONE,
} from './desk.schema.js';
export { personSchema } from './person.schema.js';
export { parseEnv, type RawEnv } from './env-config.js';
export {
  LOG_LEVELS,
  MAX_MAIL_POLL_SECONDS,
  PROCESS_ROLES,
  type LogLevel,
  type ProcessRole,
} from './env.schema.js';
export {
  loadConfig,
  resolveDeskConfigPath,
  SAMPLE_DESK_CONFIG,
  type LoadConfigOptions,
} from './load-config.js';
export { redactConfig, REDACTED } from './redact-config.js';
