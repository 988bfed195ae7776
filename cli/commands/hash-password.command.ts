import { createInterface } from 'node:readline';
import { hashPassword } from '../../adapters/http/dashboard/password-hash.js';

const MIN_LENGTH = 8;

/**
 * `deskbot hash-password`: reads a password from standard input (first line; never from the
 * command line, where shell history and `ps` would keep it) and prints its scrypt hash for a
 * desk.yaml person's `passwordHash`.
 */
export async function hashPasswordCommand(input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  if ((input as { isTTY?: boolean }).isTTY) process.stderr.write('Password (input is shown): ');
  const lines = createInterface({ input, terminal: false });
  let password = '';
  for await (const line of lines) {
    password = line;
    break;
  }
  lines.close();
  if (password.length < MIN_LENGTH) {
    console.error(`hash-password: the password must have at least ${MIN_LENGTH} characters.`);
    return 2;
  }
  console.log(await hashPassword(password));
  return 0;
}
