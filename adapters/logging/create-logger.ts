import { pino, type Logger, type LoggerOptions } from 'pino';

export interface LoggerSettings {
  level: string;
  /** Human-readable lines (pino-pretty) instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
  name?: string;
}

/** Keys whose values never reach a log line, wherever they appear. */
const REDACT = [
  'password',
  'token',
  'apiToken',
  'authorization',
  '*.password',
  '*.token',
  '*.apiToken',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name ?? 'deskbot',
    level: settings.level,
    redact: { paths: REDACT, censor: '***' },
  };
  const pretty = settings.pretty ?? Boolean(process.stdout.isTTY);
  if (!pretty) return pino(options);
  return pino({
    ...options,
    transport: {
      target: 'pino-pretty',
      options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' },
    },
  });
}
