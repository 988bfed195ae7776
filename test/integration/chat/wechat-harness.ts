import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ScanStatus } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startWechatRole } from '../../../cli/runtime/wechat-role.js';
import type { DeskSettings } from '../../../core/desk/desk-settings.js';
import type { Channel } from '../../../core/inbound/channel.js';
import type { Person } from '../../../core/desk/person.js';
import { type Pipeline } from '../../support/pipeline-harness.js';
import { person, testDesk } from '../../support/test-desk.js';
import { startChatPipeline } from '../../support/chat-pipeline.js';

export const BOT_ID = 'wx-deskbot';

/** The test desk with WeChat ids for the staff, a WeChat-only manager, and a short burst window. */
export function wechatDesk(windowSeconds: number, extra: Person[] = []): DeskSettings {
  const base = testDesk();
  const people = base.people.map((p) =>
    p.role === 'engineer' || p.role === 'desk' ? { ...p, wechatId: `wx-${p.id}` } : p,
  );
  return testDesk({
    people: [...people, person({ id: 'aud', name: '审计员', role: 'auditor', wechatId: 'wx-aud' }), ...extra],
    chat: {
      burstWindowSeconds: windowSeconds,
      burstMaxSeconds: 30,
      reportConfidence: 0.6,
      faultCueConfidence: 0.25,
    },
  });
}

export interface WechatWorldOptions {
  concurrency?: number;
  /** WECHAT_ROOMS as the environment gives it: room topics or ids to listen in; empty = every room. */
  rooms?: string[];
  /** Default web and wechat. */
  enabledChannels?: Channel[];
}

export interface WechatWorld {
  p: Pipeline;
  mocker: mock.Mocker;
  puppet: PuppetMock;
  botUser: mock.ContactMock;
  contact(id: string, name: string): mock.ContactMock;
  room(id: string, topic: string, members: mock.ContactMock[]): mock.RoomMock;
  /** Stops the WeChat role (as a shutdown does) and leaves the pipeline running; close() calls it too. */
  stopWechat(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole chat desk on puppet-mock: the real pipeline (PGlite, Redis, workers with the chat router
 * and the command side), the WeChat role with its notifier, and a mocked WeChat with rooms and people.
 */
export async function startWechatWorld(
  desk: DeskSettings,
  { concurrency = 8, rooms = [], enabledChannels = ['web', 'wechat'] }: WechatWorldOptions = {},
): Promise<WechatWorld> {
  const { p, pool } = await startChatPipeline(desk, enabledChannels, concurrency);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const dataDir = await mkdtemp(join(tmpdir(), 'deskbot-wechat-'));
  const role = await startWechatRole({
    settings: { puppet: 'wechaty-puppet-mock', puppetServiceToken: null, rooms },
    services: p,
    redisUrl: p.redisUrl,
    queuePrefix: p.prefix,
    dataDir,
    enabledChannels: new Set(enabledChannels),
    logger,
    puppet,
  });
  mocker.scan('https://login.weixin.qq.com/l/test', ScanStatus.Waiting);
  const botUser = mocker.createContact({ id: BOT_ID, name: 'IT服务台' });
  mocker.login(botUser);
  await new Promise((r) => setTimeout(r, 200));
  let stopped: Promise<void> | null = null;
  const stopWechat = () => (stopped ??= role.stop());
  return {
    p,
    mocker,
    puppet,
    botUser,
    contact: (id, name) => mocker.createContact({ id, name }),
    room: (id, topic, members) =>
      mocker.createRoom({ id, topic, memberIdList: [BOT_ID, ...members.map((m) => m.id)] }),
    stopWechat,
    async close() {
      await stopWechat();
      await pool.close();
      await p.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Collects what the bot says: in rooms (by room id) and privately (by contact id), and when. */
export function botOutbox() {
  const said: { to: string; text: string; at: number }[] = [];
  const record = (to: string) => (m: mock.MessageMock) => {
    if (m.talker().id === BOT_ID) said.push({ to, text: m.text() ?? '', at: Date.now() });
  };
  type Emitter = { on(event: 'message', listener: (m: mock.MessageMock) => void): void };
  // The mocks are event emitters; their typed-emitter declarations do not resolve here.
  const watch = (target: mock.ContactMock | mock.RoomMock) =>
    (target as unknown as Emitter).on('message', record(target.id));
  return {
    said,
    watch,
    async waitFor(to: string, match: (text: string) => boolean, ms = 30_000): Promise<string> {
      const until = Date.now() + ms;
      for (;;) {
        const hit = said.find((s) => s.to === to && match(s.text));
        if (hit) return hit.text;
        if (Date.now() > until)
          throw new Error(`bot never said the expected thing to ${to}; it said ${JSON.stringify(said)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
