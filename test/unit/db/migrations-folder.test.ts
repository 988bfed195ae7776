import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveMigrationsFolder } from '../../../adapters/db/migrations-folder.js';

const root = resolve(import.meta.dirname, '../../..');
const expected = join(root, 'adapters/db/migrations');

describe('resolveMigrationsFolder', () => {
  it('finds the committed SQL migrations from the source module', () => {
    expect(resolveMigrationsFolder()).toBe(expected);
    expect(existsSync(join(expected, 'meta/_journal.json'))).toBe(true);
  });

  it('finds the same folder from the compiled module under dist/', () => {
    const compiled = pathToFileURL(join(root, 'dist/adapters/db/migrations-folder.js')).href;
    expect(resolveMigrationsFolder(compiled)).toBe(expected);
  });

  it('says where it looked when there is no migrations folder above', () => {
    expect(() => resolveMigrationsFolder(pathToFileURL('/tmp/elsewhere/x.js').href)).toThrow(
      /adapters\/db\/migrations/,
    );
  });
});
