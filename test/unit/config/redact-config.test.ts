import { describe, expect, it } from 'vitest';
import {
  formatConfigProblems,
  loadConfig,
  redactConfig,
  type AppConfig,
} from '../../../adapters/config/index.js';
import { REPO_ROOT } from './config-fixtures.js';

const SECRETS = {
  pg: 'pg-Secret-1',
  redis: 'redis-Secret-2',
  smtp: 'smtp-Secret-3',
  imap: 'imap-Secret-4',
  api: 'api-Secret-5-long-enough',
  telegram: 'tg-Secret-6',
  puppet: 'wx-Secret-7',
  mailUser: 'mail-User-8',
};

function configWithSecrets(): AppConfig {
  const result = loadConfig({
    cwd: REPO_ROOT,
    env: {
      DATABASE_URL: `postgres://desk:${SECRETS.pg}@db.example.edu.cn:5432/desk`,
      REDIS_URL: `redis://:${SECRETS.redis}@127.0.0.1:6379/0`,
      SMTP_URL: `smtps://${SECRETS.mailUser}:${SECRETS.smtp}@mail.example.edu.cn:465`,
      IMAP_URL: 'imaps://mail.example.edu.cn',
      IMAP_USER: 'helpdesk@example.edu.cn',
      IMAP_PASSWORD: SECRETS.imap,
      MAIL_FROM: 'helpdesk@example.edu.cn',
      API_TOKEN: SECRETS.api,
      TELEGRAM_BOT_TOKEN: `123456:${SECRETS.telegram}`,
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: SECRETS.puppet,
    },
  });
  if (!result.ok) throw new Error(formatConfigProblems(result.error));
  return result.value;
}

describe('redactConfig', () => {
  it('hides every secret and keeps what an operator needs to read', () => {
    const config = configWithSecrets();
    const original = JSON.stringify(config);
    for (const secret of Object.values(SECRETS)) expect(original).toContain(secret);

    const redacted = redactConfig(config);
    const text = JSON.stringify(redacted);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);

    expect(redacted.databaseUrl).toBe('postgres://***@db.example.edu.cn:5432/desk');
    expect(redacted.redisUrl).toBe('redis://***@127.0.0.1:6379/0');
    expect(redacted.email?.smtpUrl).toBe('smtps://***@mail.example.edu.cn:465');
    expect(redacted.email?.imapPassword).toBe('***');
    expect(redacted.email?.imapUser).toBe('helpdesk@example.edu.cn');
    expect(redacted.apiToken).toBe('***');
    expect(redacted.telegram?.botToken).toBe('***');
    expect(redacted.port).toBe(config.port);
    expect(redacted.desk.people).toHaveLength(config.desk.people.length);
  });

  it('does not touch the config it copies', () => {
    const config = configWithSecrets();
    const before = JSON.stringify(config);
    redactConfig(config);
    expect(JSON.stringify(config)).toBe(before);
  });

  it('hides passwords containing @ and credentials in query strings', () => {
    const redacted = redactConfig({
      a: 'postgres://u:p@ss-Secret@db:5432/x',
      b: 'postgres://db/x?sslmode=require&password=q-Secret&user=u',
      nested: [{ sessionToken: 'n-Secret' }],
    });
    expect(JSON.stringify(redacted)).not.toMatch(/Secret/);
    expect(redacted.a).toBe('postgres://***@db:5432/x');
    expect(redacted.b).toBe('postgres://db/x?sslmode=require&password=***&user=u');
  });
});
