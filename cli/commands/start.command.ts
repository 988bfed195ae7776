import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { AppConfig } from '../../adapters/config/app-config.js';
import { openDatabase } from '../../adapters/db/index.js';
import { createHttpApp } from '../../adapters/http/create-http-app.js';
import { createRedisConnection } from '../../adapters/queue/redis-connection.js';
import type { Channel } from '../../core/inbound/channel.js';
import { startWorkers } from '../../workers/main.js';
import { buildServices } from '../runtime/build-services.js';
import { healthProbe } from '../runtime/health.js';
import { emailNotifierFor, mailboxHealth, startEmailRole } from '../runtime/email-role.js';
import { startInsights } from '../runtime/insights-role.js';
import { startDailyReportRole } from '../runtime/daily-report-role.js';
import { redisEndpoint } from '../runtime/redis-endpoint.js';
import { ShutdownStack } from '../runtime/shutdown-stack.js';
import { phoneAndAlertRoutes } from '../runtime/phone-alerts-role.js';
import { startTimerRole } from '../runtime/timers-role.js';
import { startTriageRole } from '../runtime/triage-role.js';
import { startTelegramRole, telegramWebhookFor } from '../runtime/telegram-role.js';
import { startWechatRole } from '../runtime/wechat-role.js';

/** Channels this version has a notifier for (the web reporter reads replies on the ticket page). */
const DELIVERABLE: ReadonlySet<Channel> = new Set(['web', 'email', 'wechat', 'telegram']);

/** Roles whose adapters arrive with their own issues; reported, never silently ignored. */
const NOT_YET_BUILT = new Set<string>([]);

export interface Running {
  url: string | null;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/** `deskbot start`: every role this process is configured for, against one PostgreSQL and one Redis. */
export async function startDeskbot(
  config: AppConfig,
  logger: Logger,
  stack = new ShutdownStack(logger),
  /** Something deskbot cannot run without is gone; the caller stops and exits non-zero. */
  onFatal: (reason: string) => void = () => undefined,
): Promise<Running> {
  try {
    for (const c of config.channels)
      logger.info(
        { channel: c.channel, enabled: c.enabled },
        `channel ${c.channel}: ${c.enabled ? 'enabled' : 'disabled'} — ${c.reason}`,
      );

    const redis = await redisEndpoint(config.redisUrl, config.dataDir, logger, (how) =>
      onFatal(`managed redis-server exited (${how})`),
    );
    stack.push('redis', redis.stop);

    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger });
    stack.push('database', () => database.close());
    await database.migrate();

    // Notifications go only where something consumes them; others would pile up in Redis unread.
    const enabled = new Set<Channel>(
      config.channels.filter((c) => c.enabled && DELIVERABLE.has(c.channel)).map((c) => c.channel),
    );
    const services = buildServices({
      database,
      desk: config.desk,
      redisUrl: redis.url,
      queuePrefix: config.queuePrefix,
      enabledChannels: enabled,
      logger,
      publicUrl: config.publicUrl,
    });
    stack.push('queues', () => services.close());
    const roster = await services.people.syncRoster(config.desk.people);
    logger.info({ ...roster, from: config.deskConfigPath }, 'roster synchronised');

    const roles = new Set(config.processRoles);
    const up: Record<string, boolean> = {};
    if (roles.has('workers')) {
      // Before any worker takes a job: a desk that never trained gets its first model (issue 5).
      const triageRole = await startTriageRole({
        ...{ triage: services.triage, categories: config.desk.categories, settings: config.desk.triage },
        ...{ scheduler: services.scheduler, redisUrl: redis.url, prefix: config.queuePrefix },
        ...{ clock: services.clock, logger },
      });
      stack.push('triage', () => triageRole.close());
      const mail = emailNotifierFor(config, services, database, logger);
      if (mail) stack.push('smtp', async () => mail.close());
      const pool = startWorkers({
        redisUrl: redis.url,
        prefix: config.queuePrefix,
        concurrency: config.workerConcurrency,
        stalledIntervalMs: config.workerStalledMs,
        logger,
        useCases: services.useCases,
        ...(mail ? { emailNotifier: mail.notifier } : {}),
      });
      up.workers = true;
      stack.push('workers', async () => {
        up.workers = false;
        await pool.close();
      });
      const resumed = await services.useCases.resumePipeline.execute();
      logger.info(resumed, 'pipeline resumed: unfinished tickets have their next step queued');
      const timerRole = await startTimerRole({
        timers: services.timers,
        redisUrl: redis.url,
        prefix: config.queuePrefix,
        logger,
        stalledIntervalMs: config.workerStalledMs,
      });
      stack.push('timers', () => timerRole.close());
      logger.info(await services.sla.sync.syncOpenTickets(), 'sla timers of open tickets checked');
      logger.info(
        await services.followups.start(),
        'follow-ups: rating timers checked, next shift end watched',
      );
      const dailyReport = await startDailyReportRole({
        ...services,
        desk: config.desk,
        database,
        enabledChannels: enabled,
        redisUrl: redis.url,
        prefix: config.queuePrefix,
        logger,
      });
      stack.push('daily-report', () => dailyReport.close());
    }
    const email = config.email;
    if (roles.has('email') && email) {
      const watching = await startEmailRole({ ...config, email }, services, database, logger);
      up.email = true;
      stack.push('email', async () => {
        up.email = false;
        await watching.stop();
      });
    }
    const chatRoles = {
      redisUrl: redis.url,
      queuePrefix: config.queuePrefix,
      dataDir: config.dataDir,
      logger,
    };
    if (roles.has('wechat') && config.wechat) {
      const wechat = await startWechatRole({
        ...chatRoles,
        settings: config.wechat,
        services,
        enabledChannels: enabled,
      });
      up.wechat = true;
      stack.push('wechat', async () => {
        up.wechat = false;
        await wechat.stop();
      });
    }
    if (roles.has('telegram') && config.telegram) {
      const telegram = await startTelegramRole({ ...chatRoles, settings: config.telegram, services });
      up.telegram = true;
      stack.push('telegram', async () => {
        up.telegram = false;
        await telegram.stop();
      });
    }
    for (const c of config.channels)
      if (c.enabled && roles.has(c.channel as never) && NOT_YET_BUILT.has(c.channel))
        logger.warn(
          { role: c.channel },
          `channel ${c.channel} is configured, but this version has no adapter for it yet`,
        );

    let url: string | null = null;
    if (roles.has('api')) {
      await services.intake.start();
      const healthRedis = createRedisConnection(redis.url, 'producer', logger);
      stack.push('health-redis', async () => void (await healthRedis.quit()));
      const health = healthProbe({
        database,
        redis: healthRedis,
        channels: config.channels,
        roles: () => up,
        ...(config.email ? { mailboxes: () => mailboxHealth(database) } : {}),
      });
      const insights = startInsights({ config, database, ...services, redisUrl: redis.url, health, logger });
      stack.push('insights', () => insights.close());
      const app = createHttpApp({
        ...phoneAndAlertRoutes({
          ...services,
          database,
          desk: config.desk,
          jobs: services.scheduler,
          enabledChannels: enabled,
          alertToken: config.alertToken,
          intakeWaitMs: config.intakeWaitMs,
        }),
        insights: insights.deps,
        ...(await telegramWebhookFor(config, services, logger)),
        apiToken: config.apiToken,
        trustProxy: config.trustProxy,
        tickets: services.tickets,
        people: services.people,
        intake: services.intake,
        intakeWaitMs: config.intakeWaitMs,
        health,
        logger,
        clock: services.clock,
        reclassify: services.triage.reclassify,
        ticketActions: services.useCases.ticketActions,
        followups: services.followups,
        desk: {
          name: config.desk.name,
          ticketPrefix: config.desk.ticketPrefix,
          timeZone: config.desk.timezone,
        },
      });
      const http = createServer(app);
      await listen(http, config.port, config.host);
      up.api = true;
      stack.push('http', async () => {
        up.api = false;
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          // Idle keep-alive sockets would hold close() open; requests in flight still finish.
          http.closeIdleConnections();
        });
      });
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      url = config.publicUrl ?? `http://${shownHost}:${config.port}/`;
    }
    return { url, stop: () => stack.stop() };
  } catch (e) {
    await stack.stop();
    throw e;
  }
}
