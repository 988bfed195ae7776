import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** `scrypt$N$r$p$salt$key` (base64url): self-describing, so the cost can rise without breaking old hashes. */
export const PASSWORD_HASH_PATTERN = /^scrypt\$\d{1,7}\$\d{1,3}\$\d{1,3}\$[\w-]{16,}\$[\w-]{32,}$/;

const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** A new hash of `password` with a fresh random salt (what `deskbot hash-password` prints). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_BYTES, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` is the one `stored` was made from; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (!PASSWORD_HASH_PATTERN.test(stored)) return false;
  const [, n, r, p, salt, key] = stored.split('$') as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  try {
    const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    });
    return timingSafeEqual(actual, expected);
  } catch {
    // Parameters scrypt refuses (N not a power of two, too much memory): not a usable hash.
    return false;
  }
}
