import { ImapFlow } from 'imapflow';
import type { Logger } from '../../core/ports/logger.port.js';
import type { EmailIntake, MailOutcome } from './email-intake.js';
import { imapConnection, mailboxKey, type MailboxSpec, type WatchTiming } from './mailbox-config.js';
import type { MailboxStateRepository } from './mailbox-state.repository.js';

export interface WatcherEvents {
  /** After each mail is handed on or dropped (tests and the bench observe progress). */
  onMail?(outcome: MailOutcome, uid: number): void;
}

/** Mails of one batch in flight to intake at once. */
const PARALLEL = 8;

/**
 * How soon after a drain the connection goes back into IDLE. imapflow's default is 15 s, and
 * without IDLE the server tells us about new mail only when we next send a command: every mail
 * arriving in those 15 s waited for the poll or the delayed IDLE. A drain holds the mailbox lock,
 * so no IDLE is started between its own commands however short this is.
 */
const IDLE_AFTER_DRAIN_MS = 200;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Keeps one IMAP folder drained: IDLE wakes it the moment mail arrives, a poll every
 * `pollSeconds` catches what a silently dead IDLE missed, and a lost connection is re-opened with
 * backoff. Progress (UIDVALIDITY + last UID) is in the database, so a restart resumes exactly.
 */
export class ImapMailboxWatcher {
  readonly key: string;
  private client: ImapFlow | null = null;
  private stopped = false;
  private syncing: Promise<void> | null = null;
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly spec: MailboxSpec,
    private readonly timing: WatchTiming,
    private readonly deps: {
      intake: EmailIntake;
      state: MailboxStateRepository;
      logger: Logger;
      events?: WatcherEvents;
    },
  ) {
    this.key = mailboxKey(spec);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
    this.poll = setInterval(() => void this.sync(), this.timing.pollSeconds * 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.syncing?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) await client.logout().catch(() => client.close());
    await this.deps.state.reportHealth(this.key, { connected: false }).catch(() => undefined);
  }

  /** For tests: drop the connection as a network failure would. */
  dropConnection(): void {
    this.client?.close();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new ImapFlow({
      ...imapConnection(this.spec),
      auth: { user: this.spec.user, pass: this.spec.password },
      logger: false,
      disableAutoIdle: !this.timing.idle,
      // Restart IDLE now and then: some servers and NATs drop a connection idle for long.
      maxIdleTime: Math.min(this.timing.pollSeconds, 300) * 1000,
      autoIdleDelay: IDLE_AFTER_DRAIN_MS,
    });
    client.on('error', (e: unknown) => this.failed(e, 'connection error'));
    client.on('close', () => {
      if (this.client === client) this.scheduleReconnect('connection closed');
    });
    client.on('exists', () => void this.sync());
    try {
      await client.connect();
      await client.mailboxOpen(this.spec.folder);
      this.client = client;
      this.failures = 0;
      await this.deps.state.reportHealth(this.key, { connected: true, lastError: null });
      this.deps.logger.info({ mailbox: this.key, idle: this.timing.idle }, 'mailbox connected');
      await this.sync();
    } catch (e) {
      client.close();
      this.scheduleReconnect(message(e));
    }
  }

  private scheduleReconnect(reason: string): void {
    this.client = null;
    if (this.stopped || this.reconnect) return;
    const delay = Math.min(this.timing.reconnectMaxMs, this.timing.reconnectMinMs * 2 ** this.failures);
    this.failures++;
    this.deps.logger.warn(
      { mailbox: this.key, reason, retryInMs: delay },
      'mailbox disconnected, reconnecting',
    );
    void this.deps.state
      .reportHealth(this.key, { connected: false, lastError: reason, lastErrorAt: new Date() })
      .catch(() => undefined);
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect();
    }, delay);
  }

  private failed(e: unknown, what: string): void {
    this.deps.logger.warn({ mailbox: this.key, err: message(e) }, what);
  }

  /** One drain at a time; an arrival during a drain asks for one more pass. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.again = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      do {
        this.again = false;
        try {
          await this.drain();
        } catch (e) {
          this.failed(e, 'mailbox sync failed');
          await this.deps.state
            .reportHealth(this.key, { lastError: message(e), lastErrorAt: new Date() })
            .catch(() => undefined);
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.syncing = null));
    return this.syncing;
  }

  private async drain(): Promise<void> {
    const client = this.client;
    if (!client || this.stopped || !client.mailbox) return;
    // The lock keeps imapflow from slipping an IDLE in while intake works on a batch.
    const lock = await client.getMailboxLock(this.spec.folder);
    try {
      await this.drainLocked(client);
    } finally {
      lock.release();
    }
  }

  private async drainLocked(client: ImapFlow): Promise<void> {
    if (!client.mailbox) return;
    const validity = Number(client.mailbox.uidValidity);
    let position = await this.deps.state.position(this.key);
    if (position.uidValidity !== validity) {
      if (position.uidValidity !== null)
        this.deps.logger.warn(
          { mailbox: this.key, was: position.uidValidity, now: validity },
          'UIDVALIDITY changed: rereading the mailbox (Message-IDs keep it to one ticket per mail)',
        );
      await this.deps.state.restart(this.key, validity);
      position = { uidValidity: validity, lastUid: 0 };
    }
    // Fresh (or renumbered) mailbox: what is unread; afterwards every UID past the last one done.
    const found = await client.search(
      position.lastUid === 0 ? { seen: false } : { uid: `${position.lastUid + 1}:*` },
      { uid: true },
    );
    // "n:*" names the highest UID even when it is below n.
    const uids = (found || []).filter((uid) => uid > position.lastUid).sort((a, b) => a - b);
    for (let i = 0; i < uids.length && !this.stopped; i += this.timing.batchSize)
      await this.handleBatch(client, validity, uids.slice(i, i + this.timing.batchSize));
    await this.deps.state.reportHealth(this.key, { lastFetchAt: new Date() });
  }

  private async handleBatch(client: ImapFlow, validity: number, uids: number[]): Promise<void> {
    const fetched = await client.fetchAll(
      uids.join(','),
      { uid: true, source: true, internalDate: true },
      { uid: true },
    );
    let processed = 0;
    let filtered = 0;
    // Mails of a batch go to intake side by side: the queue orders nothing anyway (its workers run
    // in parallel), and a queue round trip per mail in series would cap a backlog at a few dozen/s.
    const queue = fetched.filter((m) => m.source).sort((a, b) => a.uid - b.uid);
    const handle = async (): Promise<void> => {
      for (let m = queue.shift(); m; m = queue.shift()) {
        const internal =
          m.internalDate instanceof Date
            ? m.internalDate
            : m.internalDate
              ? new Date(m.internalDate)
              : new Date();
        const outcome = await this.deps.intake.process(m.source!, internal);
        if (outcome.kind === 'filtered') filtered++;
        else processed++;
        if (outcome.kind === 'unreadable')
          this.deps.logger.error(
            { mailbox: this.key, uid: m.uid, reason: outcome.reason },
            'unreadable mail left in the mailbox',
          );
        this.deps.events?.onMail?.(outcome, m.uid);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, handle));
    const range = uids.join(',');
    if (this.spec.processedFolder) await client.messageMove(range, this.spec.processedFolder, { uid: true });
    else await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
    await this.deps.state.advance(this.key, validity, Math.max(...uids), { processed, filtered });
  }
}
