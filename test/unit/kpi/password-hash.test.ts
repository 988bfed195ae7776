import { describe, expect, it } from 'vitest';
import { personSchema } from '../../../adapters/config/person.schema.js';
import { dashboardLogins } from '../../../adapters/http/dashboard/dashboard-logins.js';
import { hashPassword, verifyPassword } from '../../../adapters/http/dashboard/password-hash.js';
import { testDesk } from '../../support/test-desk.js';

describe('dashboard passwords', () => {
  it('hash with a fresh salt and verify only the same password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'plain-text')).toBe(false);
    // A power-of-two cost scrypt refuses is no usable hash, not a crash.
    expect(await verifyPassword('x', a.replace('$16384$', '$1000$'))).toBe(false);
  });

  it('desk.yaml accepts a printed hash and says what to do with anything else', async () => {
    const base = { id: 'mgr', name: '冯经理', role: 'manager' };
    const hash = await hashPassword('manager-pass-1');
    expect(personSchema.parse({ ...base, passwordHash: hash }).passwordHash).toBe(hash);
    expect(personSchema.parse(base).passwordHash).toBeUndefined();
    const bad = personSchema.safeParse({ ...base, passwordHash: 'secret' });
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      'must be a hash printed by `deskbot hash-password`',
    ]);
  });

  it('only active desk, manager, auditor and it_head people get a login', () => {
    const people = testDesk().people.map((p) => ({ ...p, passwordHash: `hash-${p.id}` }));
    const logins = dashboardLogins([
      ...people,
      { ...people.find((p) => p.role === 'manager')!, id: 'gone', active: false },
    ]);
    expect(
      [...logins.keys()].every((id) => ['desk', 'manager'].includes(people.find((p) => p.id === id)!.role)),
    ).toBe(true);
    expect(logins.get('mgr')).toBe('hash-mgr');
    expect(logins.has('gone')).toBe(false);
    expect(logins.has('eng-net')).toBe(false);
  });
});
