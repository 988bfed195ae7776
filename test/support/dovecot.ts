import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeLoopbackPort } from './free-port.js';

export const DOVECOT_BIN = '/usr/sbin/dovecot';

export interface TestDovecot {
  url: string;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, timeoutMs: number, log: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const tail = existsSync(log) ? (await readFile(log, 'utf8')).slice(-2000) : '(no log)';
  throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms:\n${tail}`);
}

const NOBODY = 65534;

/**
 * A throw-away Dovecot IMAP server on a random loopback port: config, passwd-file, Maildir and
 * runtime sockets all in a temp dir removed on stop. Runs as root with mail owned by nobody.
 */
export async function startDovecot(): Promise<TestDovecot> {
  if (!existsSync(DOVECOT_BIN))
    throw new Error(
      `${DOVECOT_BIN} not found: install Debian's dovecot-imapd (apt-get install dovecot-imapd)`,
    );
  const dir = await mkdtemp(path.join(tmpdir(), 'deskbot-dovecot-'));
  await chmod(dir, 0o755);
  const mail = path.join(dir, 'mail');
  await mkdir(mail);
  await chown(mail, NOBODY, NOBODY);
  const port = await freeLoopbackPort();
  const user = 'helpdesk';
  const password = 'desk-secret';
  const log = path.join(dir, 'dovecot.log');
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const configPath = path.join(dir, 'dovecot.conf');
  await writeFile(configPath, config);
  const child: ChildProcess = spawn(DOVECOT_BIN, ['-F', '-c', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await Promise.race([
      waitForPort(port, 15_000, log),
      exited.then(() => {
        throw new Error(`dovecot exited at start: ${stderr}`);
      }),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `imap://127.0.0.1:${port}`,
    user,
    password,
    dir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
