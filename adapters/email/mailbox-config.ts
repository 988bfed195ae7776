/** One IMAP folder deskbot reads. */
export interface MailboxSpec {
  imapUrl: string;
  user: string;
  password: string;
  /** Folder to watch, e.g. INBOX. */
  folder: string;
  /** Processed mail is moved here; null = it stays and is flagged \Seen. */
  processedFolder: string | null;
}

export interface WatchTiming {
  /** Poll at least this often even with IDLE (IDLE connections die silently). ≤ 300. */
  pollSeconds: number;
  /** false: no IDLE, polling only (servers without IDLE; the bench's comparison). */
  idle: boolean;
  /** Mails fetched per round trip while draining a backlog. */
  batchSize: number;
  /** Reconnect backoff bounds. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
}

export const DEFAULT_WATCH_TIMING: WatchTiming = {
  pollSeconds: 60,
  idle: true,
  batchSize: 100,
  reconnectMinMs: 1000,
  reconnectMaxMs: 60_000,
};

/** The state row's key: which account, which server, which folder. */
export function mailboxKey(spec: Pick<MailboxSpec, 'imapUrl' | 'user' | 'folder'>): string {
  const url = new URL(spec.imapUrl);
  return `${spec.user}@${url.host}/${spec.folder}`;
}

export function imapConnection(spec: MailboxSpec): { host: string; port: number; secure: boolean } {
  const url = new URL(spec.imapUrl);
  const secure = url.protocol === 'imaps:';
  return { host: url.hostname, port: url.port ? Number(url.port) : secure ? 993 : 143, secure };
}
