import { z } from 'zod';
import { DEFAULT_EMAIL_DESK_SETTINGS } from '../../core/mail/email-settings.js';
import { isBlank, nullableText, optionalList, wholeNumber } from './desk-values.js';

const folder = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const mailboxSchema = z.strictObject({
  folder,
  /** Processed mail is moved here; absent = it stays and is flagged \Seen. */
  processedFolder: nullableText(folder).default(null),
});

const contact = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => (v.startsWith('@') ? /^@[^@\s]+\.[^@\s]+$/.test(v) : z.email().safeParse(v).success),
    'must be a mail address or an @domain, e.g. @partner.example.com',
  );

/** desk.yaml `email:` (issue 3). Absent → INBOX, 10 MB attachments, 5 acknowledgements/sender/hour. */
export const emailSettingsSchema = z
  .strictObject({
    mailboxes: z.preprocess(
      (value) => (isBlank(value) ? DEFAULT_EMAIL_DESK_SETTINGS.mailboxes : value),
      z.array(mailboxSchema).min(1, 'must list at least one folder'),
    ),
    attachmentMaxMb: wholeNumber({ min: 1, max: 100, default: DEFAULT_EMAIL_DESK_SETTINGS.attachmentMaxMb }),
    acknowledgementsPerHour: wholeNumber({
      min: 1,
      max: 1000,
      default: DEFAULT_EMAIL_DESK_SETTINGS.acknowledgementsPerHour,
    }),
    englishContacts: optionalList(contact),
  })
  .prefault({
    mailboxes: undefined,
    attachmentMaxMb: undefined,
    acknowledgementsPerHour: undefined,
    englishContacts: undefined,
  });
