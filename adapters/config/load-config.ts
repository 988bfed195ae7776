import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../core/shared/index.js';
import type { AppConfig } from './app-config.js';
import { channelStatuses } from './channel-status.js';
import type { ConfigProblem } from './config-problem.js';
import { readDeskFile } from './desk-file.js';
import { parseEnv, type RawEnv } from './env-config.js';

export const SAMPLE_DESK_CONFIG = 'desk.example.yaml';

export interface LoadConfigOptions {
  /** Defaults to process.env. */
  env?: RawEnv;
  /** Relative paths (DATA_DIR, DESK_CONFIG) resolve against it; defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Reads and validates env + desk.yaml once at boot. Every problem in both is returned together, so the
 * caller can print them all (formatConfigProblems) and exit non-zero.
 */
export function loadConfig(options: LoadConfigOptions = {}): Result<AppConfig, ConfigProblem[]> {
  const env = options.env ?? process.env;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const deskConfigPath = resolveDeskConfigPath(env.DESK_CONFIG, cwd);

  const parsedEnv = parseEnv(env, cwd);
  const desk = readDeskFile(deskConfigPath);
  const problems = [...(parsedEnv.ok ? [] : parsedEnv.error), ...(desk.ok ? [] : desk.error)];
  if (!parsedEnv.ok || !desk.ok) return err(problems);

  const config = parsedEnv.value.config;
  return ok({ ...config, desk: desk.value, deskConfigPath, channels: channelStatuses(config) });
}

/**
 * DESK_CONFIG resolves against cwd. Unset, the shipped sample is used: from cwd if there is one, else from
 * the repository this module lives in, so `deskbot` started from another directory still boots.
 */
export function resolveDeskConfigPath(given: string | undefined, cwd: string): string {
  if (given !== undefined && given.trim() !== '') return path.resolve(cwd, given.trim());
  const inCwd = path.resolve(cwd, SAMPLE_DESK_CONFIG);
  if (existsSync(inCwd)) return inCwd;
  const inRepo = fileURLToPath(new URL(`../../${SAMPLE_DESK_CONFIG}`, import.meta.url));
  return existsSync(inRepo) ? inRepo : inCwd;
}
