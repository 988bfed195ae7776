import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server.js';
import { startTestRedis } from './redis-server.js';

type Teardown = () => Promise<void>;

/** One PostgreSQL server for the whole integration run; each test file creates its own database on it. */
async function providePostgres(project: TestProject): Promise<Teardown> {
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return server.stop;
}

/** One redis-server for the whole integration run; tests keep apart by random queue names and key prefixes. */
async function provideRedis(project: TestProject): Promise<Teardown> {
  const server = await startTestRedis();
  project.provide('redisUrl', server.url);
  return server.stop;
}

export default async function setup(project: TestProject): Promise<Teardown> {
  const teardowns: Teardown[] = [];
  try {
    teardowns.push(await providePostgres(project));
    teardowns.push(await provideRedis(project));
  } catch (error) {
    await Promise.allSettled(teardowns.map((stop) => stop()));
    throw error;
  }
  return async () => {
    await Promise.allSettled(teardowns.map((stop) => stop()));
  };
}
