#!/usr/bin/env node
// `npx deskbot …` from a checkout runs the TypeScript source through tsx (never a stale dist/);
// the Docker image ships only dist/ and runs that.
// Loaded in this process (no child), so signals reach deskbot's own shutdown handlers.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'cli', 'main.ts');
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(join(root, 'dist', 'cli', 'main.js')).href);
}
