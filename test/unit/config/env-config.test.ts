import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelStatuses, parseEnv, PROCESS_ROLES, type RawEnv } from '../../../adapters/config/index.js';
import { expectProblem, problemsOf } from './config-fixtures.js';

const CWD = '/srv/deskbot';
const parse = (env: RawEnv) => parseEnv(env, CWD);
const valid = (env: RawEnv) => {
  const result = parse(env);
  if (!result.ok) expect.fail(result.error.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value.config;
};

const MAIL: RawEnv = {
  IMAP_URL: 'imaps://mail.example.edu.cn',
  IMAP_USER: 'helpdesk',
  IMAP_PASSWORD: 'imap pass with spaces',
  SMTP_URL: 'smtps://mail.example.edu.cn',
  MAIL_FROM: 'IT服务台 <helpdesk@example.edu.cn>',
};

describe('env', () => {
  it('defaults every optional variable', () => {
    const config = valid({});
    expect(config).toMatchObject({
      dataDir: path.resolve(CWD, 'data'),
      databaseUrl: null,
      redisUrl: null,
      port: 3000,
      host: '0.0.0.0',
      publicUrl: null,
      apiToken: null,
      logLevel: 'info',
      processRoles: [...PROCESS_ROLES],
      workerConcurrency: 64,
      intakeWaitMs: 3000,
      email: null,
      telegram: null,
      wechat: null,
    });
  });

  it('treats empty values as unset', () => {
    expect(valid({ PORT: '', API_TOKEN: '  ', IMAP_URL: '' })).toMatchObject({
      port: 3000,
      apiToken: null,
      email: null,
    });
  });

  it('reads the values it is given', () => {
    const config = valid({
      DATA_DIR: '/var/lib/deskbot',
      DATABASE_URL: 'postgresql://desk:pw@db:5432/desk',
      REDIS_URL: 'rediss://cache:6380',
      PORT: '8080',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://helpdesk.example.edu.cn/',
      API_TOKEN: 'a-long-enough-api-token',
      LOG_LEVEL: 'debug',
      ROLES: ' api , workers,api',
      WORKER_CONCURRENCY: '4',
      INTAKE_WAIT_MS: '0',
    });
    expect(config).toMatchObject({
      dataDir: '/var/lib/deskbot',
      databaseUrl: 'postgresql://desk:pw@db:5432/desk',
      redisUrl: 'rediss://cache:6380',
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'https://helpdesk.example.edu.cn',
      apiToken: 'a-long-enough-api-token',
      logLevel: 'debug',
      processRoles: ['api', 'workers'],
      workerConcurrency: 4,
      intakeWaitMs: 0,
    });
  });

  it('refuses a port that is not a number or out of range', () => {
    expectProblem(parse({ PORT: 'abc' }), 'PORT', /whole number from 1 to 65535/);
    expectProblem(parse({ PORT: '65536' }), 'PORT', /whole number from 1 to 65535/);
    expectProblem(parse({ PORT: '0' }), 'PORT', /whole number from 1 to 65535/);
  });

  it('refuses a mail poll interval over five minutes', () => {
    expect(valid({ MAIL_POLL_SECONDS: '300', ...MAIL }).email?.pollSeconds).toBe(300);
    expectProblem(
      parse({ MAIL_POLL_SECONDS: '301' }),
      'MAIL_POLL_SECONDS',
      /^must be ≤ 300: the support mailbox must be refreshed at least every 5 minutes$/,
    );
  });

  it('refuses URLs of the wrong kind without echoing them', () => {
    const result = parse({ DATABASE_URL: 'mysql://root:hunter22@db/desk', REDIS_URL: 'not a url' });
    expectProblem(result, 'DATABASE_URL', /postgres:\/\/ or postgresql:\/\/ URL/);
    expectProblem(result, 'REDIS_URL', /redis:\/\/ or rediss:\/\//);
    expect(JSON.stringify(problemsOf(result))).not.toContain('hunter22');
  });

  it('refuses a short API token, an unknown log level and an unknown role', () => {
    const result = parse({ API_TOKEN: 'short', LOG_LEVEL: 'verbose', ROLES: 'api,web' });
    expectProblem(result, 'API_TOKEN', /at least 16 characters/);
    expectProblem(result, 'LOG_LEVEL', /fatal, error, warn, info, debug, trace, silent/);
    expectProblem(
      result,
      'ROLES',
      /^names unknown role web; roles are api, workers, wechat, telegram, email$/,
    );
    expectProblem(parse({ ROLES: ' , ' }), 'ROLES', /names no role/);
  });

  it('refuses a process told to run a chat role whose channel is off', () => {
    expectProblem(
      parse({ ROLES: 'telegram' }),
      'ROLES',
      /telegram channel is not configured \(TELEGRAM_BOT_TOKEN not set\)/,
    );
  });

  it('refuses a half-configured mailbox, naming what is missing', () => {
    const result = parse({ IMAP_URL: MAIL.IMAP_URL, SMTP_URL: MAIL.SMTP_URL });
    const problem = expectProblem(result, 'IMAP_USER, IMAP_PASSWORD, MAIL_FROM', /half-configured/);
    expect(problem.source).toBe('env');
    expect(problem.message).toMatch(
      /IMAP_URL, SMTP_URL are set but IMAP_USER, IMAP_PASSWORD, MAIL_FROM are not/,
    );
  });

  it('refuses half-configured Telegram and WeChat', () => {
    const result = parse({ TELEGRAM_API_ROOT: 'http://127.0.0.1:9000', WECHAT_ROOMS: 'IT报修群' });
    expectProblem(result, 'TELEGRAM_BOT_TOKEN', /telegram channel is half-configured/);
    expectProblem(result, 'WECHATY_PUPPET', /wechat channel is half-configured/);
    expectProblem(
      parse({ WECHATY_PUPPET: 'wechaty-puppet-service' }),
      'WECHATY_PUPPET_SERVICE_TOKEN',
      /required/,
    );
  });
});

describe('channel status', () => {
  it('says why each channel is off', () => {
    const byChannel = Object.fromEntries(channelStatuses(valid({})).map((s) => [s.channel, s]));
    expect(byChannel.web).toMatchObject({ enabled: true });
    expect(byChannel.email).toEqual({
      channel: 'email',
      enabled: false,
      reason: 'IMAP_URL, IMAP_USER, IMAP_PASSWORD, SMTP_URL, MAIL_FROM not set',
    });
    expect(byChannel.telegram).toMatchObject({ enabled: false, reason: 'TELEGRAM_BOT_TOKEN not set' });
    expect(byChannel.wechat).toMatchObject({ enabled: false, reason: 'WECHATY_PUPPET not set' });
    expect(byChannel.phone).toMatchObject({
      enabled: false,
      reason: expect.stringMatching(/API_TOKEN not set/),
    });
    expect(byChannel.alert).toMatchObject({ enabled: false, reason: 'ALERT_TOKEN not set' });
  });

  it('enables every configured channel, without secrets in the reasons', () => {
    const config = valid({
      ...MAIL,
      API_TOKEN: 'a-long-enough-api-token',
      TELEGRAM_BOT_TOKEN: '123456:telegram-secret',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9000/',
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'puppet-secret',
      WECHAT_ROOMS: 'IT报修群，科研楼A座报修, IT报修群',
      ALERT_TOKEN: 'a-long-enough-alert-token',
    });
    expect(config.email).toMatchObject({ imapUser: 'helpdesk', pollSeconds: 60, mailFrom: MAIL.MAIL_FROM });
    expect(config.telegram).toEqual({ botToken: '123456:telegram-secret', apiRoot: 'http://127.0.0.1:9000' });
    expect(config.wechat?.rooms).toEqual(['IT报修群', '科研楼A座报修']);
    const statuses = channelStatuses(config);
    expect(statuses.map((s) => s.channel)).toEqual(['wechat', 'telegram', 'email', 'phone', 'web', 'alert']);
    // Every configured channel is enabled (phone by API_TOKEN, alert by ALERT_TOKEN).
    expect(statuses.filter((s) => s.enabled).map((s) => s.channel)).toEqual([
      'wechat',
      'telegram',
      'email',
      'phone',
      'web',
      'alert',
    ]);
    const text = JSON.stringify(statuses);
    for (const secret of [
      'imap pass with spaces',
      'telegram-secret',
      'puppet-secret',
      'a-long-enough-api-token',
      'a-long-enough-alert-token',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
