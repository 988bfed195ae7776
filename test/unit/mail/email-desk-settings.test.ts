import { describe, expect, it } from 'vitest';
import { emailSettingsSchema } from '../../../adapters/config/email.schema.js';
import { DEFAULT_EMAIL_DESK_SETTINGS } from '../../../core/mail/email-settings.js';

describe('desk.yaml email:', () => {
  it('is optional: absent gives INBOX, 10 MB, 5 acknowledgements an hour', () => {
    expect(emailSettingsSchema.parse(undefined)).toEqual(DEFAULT_EMAIL_DESK_SETTINGS);
  });
  it('reads folders, limits and English contacts as YAML strings', () => {
    const parsed = emailSettingsSchema.parse({
      mailboxes: [{ folder: 'INBOX', processedFolder: '已处理' }, { folder: 'Support' }],
      attachmentMaxMb: '25',
      acknowledgementsPerHour: '3',
      englishContacts: ['Bob@Partner.example.com', '@partner.example.com'],
    });
    expect(parsed).toEqual({
      mailboxes: [
        { folder: 'INBOX', processedFolder: '已处理' },
        { folder: 'Support', processedFolder: null },
      ],
      attachmentMaxMb: 25,
      acknowledgementsPerHour: 3,
      englishContacts: ['bob@partner.example.com', '@partner.example.com'],
    });
  });
  it('refuses bad values with a clear message', () => {
    const r = emailSettingsSchema.safeParse({
      attachmentMaxMb: '0',
      englishContacts: ['not-an-address'],
      mailboxes: [],
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'attachmentMaxMb: must be a whole number from 1 to 100',
        'englishContacts.0: must be a mail address or an @domain, e.g. @partner.example.com',
        'mailboxes: must list at least one folder',
      ]),
    );
  });
});
