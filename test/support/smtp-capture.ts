import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
  at: number;
}

export interface SmtpCapture {
  url: string;
  mails: CapturedMail[];
  /** Resolves once `n` mails in all have arrived (or rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** The next N SMTP transactions answer 451 (a temporary failure the sender must retry). */
  failNext(n: number): void;
  stop(): Promise<void>;
}

/** A real SMTP server (smtp-server) on a random loopback port that keeps what it receives. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const e = new Error('try again later') as Error & { responseCode: number };
          e.responseCode = 451;
          return callback(e);
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            mails.push({
              raw,
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              parsed,
              at: Date.now(),
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(n, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > deadline)
          throw new Error(`expected ${n} mails, got ${mails.length} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails;
    },
    failNext(n) {
      failures = n;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
