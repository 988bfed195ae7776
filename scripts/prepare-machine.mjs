// Makes a fresh machine able to run `npm start` / `npm test`: Node version, npm dependencies, and the
// servers deskbot runs itself (redis-server; PostgreSQL binaries for the tests).
// Runs before node_modules exist, so it uses Node's built-ins only. Prints one line per action taken and
// nothing when there is nothing to do.
//
// Usage: node scripts/prepare-machine.mjs start|test
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_NODE = [20, 19];
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'test') fail('usage: node scripts/prepare-machine.mjs start|test', 2);

checkNode();
installNpmDependencies();
ensureServerBinaries();

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return;
  fail(
    `deskbot needs Node.js ${MIN_NODE.join('.')} or newer; this is ${process.versions.node}. ` +
      'Install a current Node.js LTS (20.19+, 22 or 24) and run the command again.',
  );
}

/** `npm ci` when node_modules is missing or older than package-lock.json (npm writes its own copy last). */
function installNpmDependencies() {
  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const why = !existsSync(installed)
    ? 'node_modules is missing'
    : statSync(lock).mtimeMs > statSync(installed).mtimeMs
      ? 'package-lock.json changed since the last install'
      : null;
  if (!why) return;
  // npm 11 refuses `npm ci` when the lock file lacks optional platform packages that were never published
  // for a version (e.g. some @node-rs/jieba and msgpackr-extract builds for other systems), even though
  // `npm install` made that lock file. `npm install --no-save` then installs the same locked versions
  // without rewriting package-lock.json.
  const dryRun = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (dryRun.status !== 0 && /EUSAGE[\s\S]*Missing: /.test(`${dryRun.stdout}${dryRun.stderr}`)) {
    say(`installing npm dependencies with npm install --no-save (${why}; npm ci rejects this lock file)`);
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund'], {});
    return;
  }
  say(`installing npm dependencies with npm ci (${why})`);
  run('npm', ['ci', '--no-audit', '--no-fund'], {});
}

/**
 * redis-server: `start` runs one itself unless REDIS_URL names a server; `test` always starts its own.
 * PostgreSQL: the integration tests start a throw-away cluster with initdb/postgres.
 * Debian's packages may also start system services (redis on 6379, a "main" PostgreSQL cluster on 5432)
 * where an init system runs; deskbot and its tests never use them: they run their own servers on other
 * ports with their own data directories.
 */
function ensureServerBinaries() {
  const missing = [];
  if ((mode === 'test' || !process.env.REDIS_URL) && !onPath('redis-server')) {
    missing.push({
      pkg: 'redis-server',
      what: 'redis-server (Redis 6.2 or newer)',
      found: () => onPath('redis-server'),
    });
  }
  if (mode === 'test' && !findInitdb()) {
    missing.push({ pkg: 'postgresql', what: 'the PostgreSQL server (initdb, postgres)', found: findInitdb });
  }
  // The email tests and bench run a throw-away Dovecot IMAP server (test/support/dovecot.ts).
  const hasDovecot = () => existsSync('/usr/sbin/dovecot') || onPath('dovecot');
  if (mode === 'test' && !hasDovecot()) {
    missing.push({
      pkg: 'dovecot-imapd',
      what: 'Dovecot (the IMAP server of the email tests)',
      found: hasDovecot,
    });
  }
  // The dashboard's browser tests drive Debian's chromium through playwright-core.
  const hasChromium = () => existsSync('/usr/bin/chromium') || onPath('chromium');
  if (mode === 'test' && !hasChromium()) {
    missing.push({
      pkg: 'chromium',
      what: 'chromium (headless browser for the dashboard tests)',
      found: hasChromium,
    });
  }
  if (missing.length === 0) return;

  const packages = missing.map((m) => m.pkg).join(' ');
  const debian = isDebianLike();
  if (isRoot() && debian && onPath('apt-get')) {
    say(`installing ${packages} with apt-get (needed by npm ${mode})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...packages.split(' ')], { env });
    const stillMissing = missing.filter((m) => !m.found()).map((m) => m.pkg);
    if (stillMissing.length === 0) return;
    fail(`apt-get finished but ${stillMissing.join(' and ')} still cannot be found; see its output above.`);
  }
  const install = `sudo apt-get update && sudo apt-get install ${packages}`;
  fail(
    [
      `npm ${mode} needs ${missing.map((m) => m.what).join(' and ')}, not found on this machine.`,
      debian
        ? `  Install: ${install}`
        : `  Install them with your system's package manager (on Debian/Ubuntu: ${install}).`,
      ...(mode === 'start'
        ? ['  Or set REDIS_URL=redis://host:6379 to use a Redis server you already run.']
        : []),
      ...(debian && !isRoot() ? [`  (Run as root, npm ${mode} installs what is missing itself.)`] : []),
    ].join('\n'),
  );
}

/** initdb is on PATH on some systems; Debian keeps it in /usr/lib/postgresql/<version>/bin. */
function findInitdb() {
  if (onPath('initdb')) return true;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return false;
  return readdirSync(base).some((version) => isExecutable(path.join(base, version, 'bin', 'initdb')));
}

function isDebianLike() {
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    const ids = [...osRelease.matchAll(/^(?:ID|ID_LIKE)=("?)([^"\n]*)\1$/gm)].flatMap((m) => m[2].split(' '));
    return ids.includes('debian') || ids.includes('ubuntu');
  } catch {
    return false;
  }
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && isExecutable(path.join(dir, command)));
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function run(command, args, options) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0)
    fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function say(line) {
  console.log(`prepare-machine: ${line}`);
}

function fail(message, code = 1) {
  console.error(`prepare-machine: ${message}`);
  process.exit(code);
}
