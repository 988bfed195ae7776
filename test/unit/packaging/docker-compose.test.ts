import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ENV_VAR_NAMES } from '../../../adapters/config/env.schema.js';

const read = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../../${file}`, import.meta.url)), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  env_file?: string | string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  profiles?: string[];
  ports?: string[];
  healthcheck?: { disable?: boolean; test?: string[] };
  volumes?: string[];
}

const composeText = read('docker-compose.yml');
// docker compose resolves YAML merge keys (<<: *anchor); so must the parse that checks it.
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const ROLES = ['api', 'workers', 'email', 'telegram', 'wechat'] as const;
const envExample = read('.env.example');

/** Every string anywhere in the document, with the key it sits under. */
function strings(value: unknown, key = ''): Array<{ key: string; value: string }> {
  if (typeof value === 'string') return [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

const INTERPOLATION = /^\$\{[A-Z][A-Z0-9_]*(?::?[-?][^}]*)?\}$/;

describe('docker-compose.yml', () => {
  it('has PostgreSQL 16 and Redis 7 with volumes and healthchecks', () => {
    expect(services.postgres?.image).toBe('postgres:16');
    expect(services.postgres?.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(services.postgres?.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
    expect(services.redis?.image).toBe('redis:7');
    expect(services.redis?.healthcheck?.test?.join(' ')).toMatch(/redis-cli ping/);
    const redisCommand = strings(services.redis).map((s) => s.value);
    expect(redisCommand.join(' ')).toMatch(/--appendonly yes/);
    expect(redisCommand.join(' ')).toMatch(/--maxmemory-policy noeviction/);
  });

  it.each(ROLES)('runs the %s role from the one image, against the shared PostgreSQL and Redis', (role) => {
    const service = services[role];
    expect(service).toBeDefined();
    expect(service?.image).toMatch(/^deskbot:/);
    expect(service?.env_file).toBe('.env');
    expect(service?.environment?.ROLES).toBe(role);
    expect(service?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
    expect(service?.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(service?.environment?.DESK_CONFIG).toBe('/config/desk.yaml');
    expect(service?.volumes?.some((v) => v.endsWith(':/config/desk.yaml:ro'))).toBe(true);
    expect(service?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(service?.depends_on?.redis?.condition).toBe('service_healthy');
  });

  it('publishes only the api, which alone keeps the /healthz check and starts before the other roles', () => {
    expect(services.api?.ports).toEqual(['${DESKBOT_HTTP_PORT:-3000}:3000']);
    expect(services.api?.healthcheck?.test?.join(' ')).toMatch(/\/healthz/);
    for (const role of ROLES.filter((r) => r !== 'api')) {
      expect(services[role]?.ports).toBeUndefined();
      expect(services[role]?.healthcheck?.disable).toBe(true);
      expect(services[role]?.depends_on?.api?.condition).toBe('service_healthy');
    }
  });

  it('scales workers to 2 and keeps exactly one wechat process with its own data volume', () => {
    expect(services.workers?.deploy?.replicas).toBe(2);
    expect(services.wechat?.deploy?.replicas).toBe(1);
    const dataVolume = (role: string) => services[role]?.volumes?.find((v) => v.endsWith(':/data'));
    expect(dataVolume('wechat')).toBeDefined();
    expect(dataVolume('wechat')).not.toBe(dataVolume('api'));
  });

  it('holds no secret: secret-looking values and URL passwords are ${...} from .env', () => {
    const all = strings(compose);
    for (const { key, value } of all.filter((s) => /PASSWORD|TOKEN|SECRET|KEY/i.test(s.key))) {
      expect({ key, value }).toEqual({ key, value: expect.stringMatching(INTERPOLATION) });
    }
    for (const { value } of all) {
      const password = /^[a-z]+:\/\/[^:/@\s]+:([^@\s]+)@/.exec(value)?.[1];
      if (password !== undefined) expect(password).toMatch(INTERPOLATION);
    }
    expect(composeText).not.toMatch(/API_TOKEN\s*[:=]|IMAP_PASSWORD\s*[:=]|TELEGRAM_BOT_TOKEN\s*[:=]/);
  });

  it('documents every variable it interpolates in .env.example', () => {
    const used = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of new Set(used)) expect(envExample).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});

describe('.env.example', () => {
  it('documents every environment variable deskbot reads (add a new one there too)', () => {
    const missing = ENV_VAR_NAMES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(envExample));
    expect(missing).toEqual([]);
  });

  it('ships no secret values', () => {
    const secrets = envExample
      .split('\n')
      .filter((line) => /^(?:[A-Z_]*(?:PASSWORD|TOKEN|SECRET))=/.test(line))
      .filter((line) => !line.endsWith('='));
    expect(secrets).toEqual([]);
  });
});
