import type { ParsedMail } from '../parsed-mail.js';

/** Why a mail must produce neither a ticket nor a reply. */
export type NoiseKind = 'own-mail' | 'bounce' | 'auto-reply' | 'mailing-list';

export interface NoiseVerdict {
  kind: NoiseKind;
  /** The evidence, for the log line. */
  reason: string;
}

export interface MailFilterContext {
  /** Addresses the desk sends from or reads (lower case): mail from them is our own. */
  ownAddresses: ReadonlySet<string>;
}

/** One small check; null = this filter has no objection. */
export type MailFilter = (mail: ParsedMail, ctx: MailFilterContext) => NoiseVerdict | null;
