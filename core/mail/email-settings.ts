/** desk.yaml `email:` — everything optional; the account itself comes from the environment. */
export interface EmailDeskSettings {
  /** Folders of the support account to read (default: INBOX, processed mail flagged \Seen). */
  mailboxes: Array<{ folder: string; processedFolder: string | null }>;
  /** Larger attachments are recorded as skipped (the mail is still processed). */
  attachmentMaxMb: number;
  /** Acknowledgements one sender receives per hour at most (mail loops, floods). */
  acknowledgementsPerHour: number;
  /** Addresses (or `@domain`s) that get English mail; everyone else gets Chinese. */
  englishContacts: string[];
}

export const DEFAULT_EMAIL_DESK_SETTINGS: EmailDeskSettings = {
  mailboxes: [{ folder: 'INBOX', processedFolder: null }],
  attachmentMaxMb: 10,
  acknowledgementsPerHour: 5,
  englishContacts: [],
};

/** Whether a contact reads English mail, by address or by domain. */
export function prefersEnglish(address: string, englishContacts: readonly string[]): boolean {
  const a = address.trim().toLowerCase();
  return englishContacts.some((c) => {
    const entry = c.trim().toLowerCase();
    return entry.startsWith('@') ? a.endsWith(entry) : a === entry;
  });
}
