import { parseArgs } from 'node:util';
import { redactConfig } from '../adapters/config/index.js';
import { createLogger } from '../adapters/logging/create-logger.js';
import { loadConfigOrExit } from './commands/load-config-or-exit.js';
import { migrateCommand } from './commands/migrate.command.js';
import { reportCommand } from './commands/report.command.js';
import { hashPasswordCommand } from './commands/hash-password.command.js';
import { evalCommand } from './commands/eval.command.js';
import { trainCommand } from './commands/train.command.js';
import { IMPORT_CALLS_USAGE, importCallsCommand } from './commands/import-calls.command.js';
import { startDeskbot } from './commands/start.command.js';
import { contactsCommand } from './commands/contacts.command.js';
import { ShutdownStack } from './runtime/shutdown-stack.js';

const USAGE = `deskbot — chatbot-first omnichannel IT service desk

Usage:
  deskbot start            run the roles in ROLES (default: all) in this process
  deskbot migrate          apply database migrations and sync the roster from desk.yaml, then exit
  deskbot config           validate env + desk.yaml and print the effective configuration (secrets hidden)
  deskbot import calls FILE [--format asterisk|mapped]
                           stream PBX call records (Asterisk Master.csv or a mapped CSV) into the calls table
  deskbot train --csv FILE --text COL --label COL
                           train the triage classifier on a labelled CSV (+ desk corrections), store a new version
  deskbot eval --csv FILE --text COL --label COL [--folds 5 | --test FILE] [--json FILE]
                           cross-validate the classifier: accuracy, macro-F1, per-class figures, confusion matrix
  deskbot report --from DATE --to DATE [--format xlsx|csv] [--by department|category|engineer] [--out FILE]
                           the KPI report for a period (dates are local days in the desk's time zone)
  deskbot contacts [list] [--search TEXT] | contacts set ADDRESS [--name|--phone|--department|--location|--language zh|en|default|--note …]
                           mail senders who are not on the roster: list them, complete them, mark them English
  deskbot hash-password    read a password on stdin, print the hash for a person's passwordHash (dashboard login)
  deskbot help             this text

Configuration comes from environment variables and desk.yaml (DESK_CONFIG); see README.md.`;

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: false });
  const command = positionals[0] ?? 'help';
  if (command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  // eval needs no configuration (desk.yaml's keywords are used when there is one).
  if (command === 'eval') return evalCommand(argv.slice(1));
  if (command === 'hash-password') return hashPasswordCommand();
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel });
  switch (command) {
    case 'config':
      console.log(JSON.stringify(redactConfig(config), null, 2));
      return 0;
    case 'train':
      return trainCommand(argv.slice(1), config, logger);
    case 'import':
      if (positionals[1] === 'calls') return importCallsCommand(argv.slice(2), config, logger);
      console.error(`unknown import "${positionals[1] ?? ''}"; usage: ${IMPORT_CALLS_USAGE}`);
      return 2;
    case 'report':
      return reportCommand(argv.slice(1), config, logger);
    case 'contacts':
      return contactsCommand(argv.slice(1), config, logger);
    case 'migrate':
      await migrateCommand(config, logger);
      return 0;
    case 'start': {
      // Signals are handled from the first moment: a Ctrl-C during migrations still closes what has started.
      const stack = new ShutdownStack(logger);
      let signals = 0;
      // Flush the log before exiting: the last lines say how the shutdown went.
      const stopAndExit = (code: number, stepTimeoutMs?: number) =>
        void stack.stop(stepTimeoutMs).then(() => logger.flush(() => process.exit(code)));
      const onSignal = (signal: NodeJS.Signals) => {
        signals += 1;
        if (signals > 1) {
          logger.warn({ signal }, 'second signal: exiting now');
          process.exit(130);
        }
        logger.info({ signal }, 'shutting down (send again to force)');
        stopAndExit(0);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      process.on('unhandledRejection', (reason) => {
        logger.fatal(
          { err: reason instanceof Error ? reason.message : String(reason) },
          'unhandled rejection',
        );
        stopAndExit(1);
      });
      process.on('uncaughtException', (e) => {
        logger.fatal({ err: e.message, stack: e.stack }, 'uncaught exception');
        stopAndExit(1);
      });
      const running = await startDeskbot(config, logger, stack, (reason) => {
        // Exit non-zero so a supervisor (systemd, compose) restarts the whole desk cleanly.
        logger.fatal({ reason }, 'stopping: a vital part is gone');
        // Queue clients would wait for the lost Redis at every step; give each step 3 s.
        stopAndExit(1, 3_000);
      });
      if (running.url)
        logger.info({ url: running.url }, `deskbot is up: open ${running.url} to report a fault`);
      return -1; // keep running
    }
    default:
      console.error(`deskbot: unknown command "${command}"\n\n${USAGE}`);
      return 64;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    console.error('deskbot: fatal:', e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
