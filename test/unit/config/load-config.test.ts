import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatConfigProblems, loadConfig } from '../../../adapters/config/index.js';
import { expectProblem, problemsOf, SAMPLE_PATH, SAMPLE_TEXT } from './config-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'deskbot-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('resolves DESK_CONFIG and DATA_DIR against cwd', () => {
    mkdirSync(path.join(dir, 'etc'));
    writeFileSync(path.join(dir, 'etc', 'desk.yaml'), SAMPLE_TEXT);
    const result = loadConfig({ env: { DESK_CONFIG: 'etc/desk.yaml', DATA_DIR: 'state' }, cwd: dir });
    if (!result.ok) expect.fail(formatConfigProblems(result.error));
    expect(result.value.deskConfigPath).toBe(path.join(dir, 'etc', 'desk.yaml'));
    expect(result.value.dataDir).toBe(path.join(dir, 'state'));
    expect(result.value.channels.find((c) => c.channel === 'web')?.enabled).toBe(true);
  });

  it('falls back to the shipped sample when started outside the repository', () => {
    const result = loadConfig({ env: {}, cwd: dir });
    expect(result.ok && result.value.deskConfigPath).toBe(SAMPLE_PATH);
  });

  it('reports a missing desk file with its path', () => {
    const result = loadConfig({ env: { DESK_CONFIG: 'nowhere.yaml' }, cwd: dir });
    const problem = expectProblem(result, '', /file not found/);
    expect(problem.source).toBe(path.join(dir, 'nowhere.yaml'));
  });

  it('reports a directory given as the desk file', () => {
    expectProblem(loadConfig({ env: { DESK_CONFIG: '.' }, cwd: dir }), '', /is a directory/);
  });

  it('reports invalid YAML with file and line', () => {
    writeFileSync(path.join(dir, 'desk.yaml'), 'name: x\npeople:\n\t- id: a\n');
    const result = loadConfig({ env: { DESK_CONFIG: 'desk.yaml' }, cwd: dir });
    const [first] = problemsOf(result);
    expect(first).toMatchObject({ source: path.join(dir, 'desk.yaml'), line: 3 });
    expect(formatConfigProblems(problemsOf(result)).split('\n')[0]).toMatch(
      new RegExp(`^${path.join(dir, 'desk.yaml')}:3: invalid YAML: Tabs are not allowed`),
    );
  });

  it('reports env and desk.yaml problems together, one line each', () => {
    writeFileSync(
      path.join(dir, 'desk.yaml'),
      SAMPLE_TEXT.replace('timezone: Asia/Shanghai', 'timezone: Moon/Base'),
    );
    const result = loadConfig({
      env: { DESK_CONFIG: 'desk.yaml', PORT: 'abc', MAIL_POLL_SECONDS: '301' },
      cwd: dir,
    });
    const lines = formatConfigProblems(problemsOf(result)).split('\n');
    const timezoneLine = SAMPLE_TEXT.split('\n').indexOf('timezone: Asia/Shanghai') + 1;
    expect(lines).toEqual([
      'env MAIL_POLL_SECONDS: must be ≤ 300: the support mailbox must be refreshed at least every 5 minutes',
      'env PORT: must be a whole number from 1 to 65535',
      `${path.join(dir, 'desk.yaml')}:${timezoneLine} timezone: must be an IANA time zone such as Asia/Shanghai`,
    ]);
  });
});
