import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = join('adapters', 'db', 'migrations');

/**
 * The SQL migrations live next to the sources and are not copied by `tsc`, so from this module
 * (under `adapters/db/` when run by tsx, under `dist/adapters/db/` when compiled) walk up to the
 * first folder that holds them: the package root in both cases.
 */
export function resolveMigrationsFolder(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const candidate = join(dir, RELATIVE);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the ${RELATIVE} folder above ${fileURLToPath(from)}.`);
    dir = parent;
  }
}
