import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const dockerfile = read('Dockerfile');
// Instructions with their continuation lines joined.
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
const runtimeStage = instructions.slice(instructions.findIndex((line) => / AS runtime$/.test(line)));

describe('Dockerfile', () => {
  it('builds with tsc into the dist/cli/main.js the image runs', () => {
    const base = JSON.parse(read('tsconfig.json')) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    const build = JSON.parse(read('tsconfig.build.json')) as {
      extends: string;
      compilerOptions: { noEmit?: boolean };
      include: string[];
    };
    expect(build.extends).toBe('./tsconfig.json');
    expect(build.compilerOptions.noEmit).toBe(false);
    expect(build.include).toEqual(expect.arrayContaining(['core', 'adapters', 'bots', 'workers', 'cli']));
    expect(base.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(existsSync(path.join(root, 'cli', 'main.ts'))).toBe(true);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(instructions.some((line) => line.startsWith('RUN npm run build'))).toBe(true);
    expect(runtimeStage.at(-1)).toBe('CMD ["node", "dist/cli/main.js", "start"]');
  });

  it('runs as the non-root node user on node:20-bookworm-slim with data in /data', () => {
    expect(instructions).toContain('ARG NODE_IMAGE=node:20-bookworm-slim');
    expect(runtimeStage[0]).toBe('FROM ${NODE_IMAGE} AS runtime');
    expect(runtimeStage).toContain('USER node');
    expect(runtimeStage.join('\n')).toMatch(/DATA_DIR=\/data/);
    expect(runtimeStage).toContain('VOLUME /data');
    expect(runtimeStage).toContain('EXPOSE 3000');
    expect(runtimeStage.find((line) => line.startsWith('HEALTHCHECK'))).toMatch(/fetch\(.*\/healthz/);
    expect(runtimeStage.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
  });

  it('copies only paths that exist, and .dockerignore keeps none of them out', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(sources).toEqual(
      expect.arrayContaining(['package-lock.json', 'adapters/db/migrations', 'desk.example.yaml', 'cli']),
    );
    for (const source of sources) {
      expect(existsSync(path.join(root, source)), source).toBe(true);
      expect(ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))).toEqual([]);
    }
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', '.git']));
  });
});
