import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../../adapters/email/parse-mail.js';
import { autoReplyFilter } from '../../../core/mail/filters/auto-reply.filter.js';
import { bounceFilter } from '../../../core/mail/filters/bounce.filter.js';
import { noiseVerdict } from '../../../core/mail/filters/classify-noise.js';
import { mailingListFilter } from '../../../core/mail/filters/mailing-list.filter.js';
import { ownMailFilter } from '../../../core/mail/filters/own-mail.filter.js';
import { mail } from './mail-fixture.js';

const ctx = { ownAddresses: new Set(['helpdesk@desk.example.cn']) };
const FIXTURES = '/work/shared/fixtures/email';
const EXPECTED: Record<string, string | null> = {
  'delivery-status.eml': 'bounce',
  'lhost-amazonses-01.eml': 'bounce',
  'lhost-exchange2007-01.eml': 'bounce',
  'lhost-exim-01.eml': 'bounce',
  'lhost-gmail-01.eml': 'bounce',
  'lhost-office365-01.eml': 'bounce',
  'lhost-postfix-01.eml': 'bounce',
  'lhost-qmail-01.eml': 'bounce',
  'lhost-sendmail-01.eml': 'bounce',
  'lhost-yahoo-01.eml': 'bounce',
  'multipart-report.eml': 'bounce',
  'rfc3464-01.eml': 'bounce',
  'rhost-tencent-01.eml': 'bounce',
  'rhost-tencent-02.eml': 'bounce',
  'rhost-tencent-03.eml': 'bounce',
  'rfc3834-01.eml': 'auto-reply',
  'rfc3834-02.eml': 'auto-reply',
  'rfc3834-03.eml': 'auto-reply',
  'rfc3834-04.eml': 'auto-reply',
  'rfc3834-05.eml': 'auto-reply',
  'rfc3834-06.eml': 'auto-reply',
  'mail_test_12.eml': null,
  'mail_test_9.eml': null,
  'new-ticket-from-gb18030.eml': null,
  'nodemailer.eml': null,
  'outlook-rfc822.eml': null,
  'rfc2231-attachment-filename-continuations.eml': null,
  'text-html-in-russian.eml': null,
};

describe('noise filters on the shared fixtures', () => {
  it('has an expectation for every fixture', () => {
    expect(
      readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.eml'))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });
  it.each(Object.entries(EXPECTED))('%s → %s', async (file, kind) => {
    const { mail: parsed } = await parseMail(readFileSync(path.join(FIXTURES, file)));
    expect(noiseVerdict(parsed, ctx)?.kind ?? null).toBe(kind);
  });
});

describe('each filter on its own', () => {
  it('own mail: our address, or our marker header', () => {
    expect(ownMailFilter(mail({ from: { address: 'HelpDesk@desk.example.cn', name: '' } }), ctx)?.kind).toBe(
      'own-mail',
    );
    expect(ownMailFilter(mail({ headers: { 'x-deskbot-notification': 'ack-1' } }), ctx)?.kind).toBe(
      'own-mail',
    );
    expect(ownMailFilter(mail(), ctx)).toBeNull();
  });
  it('bounce: multipart/report, daemon senders, null return path with a bounce subject', () => {
    expect(bounceFilter(mail({ contentType: 'multipart/report' }))?.kind).toBe('bounce');
    expect(bounceFilter(mail({ from: { address: 'postmaster@x.cn', name: '' } }))?.kind).toBe('bounce');
    expect(bounceFilter(mail({ headers: { 'return-path': '<>' }, subject: '系统退信' }))?.kind).toBe(
      'bounce',
    );
    expect(bounceFilter(mail({ headers: { 'return-path': '<>' } }))).toBeNull();
    expect(bounceFilter(mail())).toBeNull();
  });
  it('auto-reply: RFC 3834, vendor headers, Precedence, out-of-office subjects', () => {
    expect(autoReplyFilter(mail({ headers: { 'auto-submitted': 'auto-replied' } }))?.kind).toBe('auto-reply');
    expect(autoReplyFilter(mail({ headers: { 'auto-submitted': 'no' } }))).toBeNull();
    expect(autoReplyFilter(mail({ headers: { 'x-autoreply': 'yes' } }))?.kind).toBe('auto-reply');
    expect(autoReplyFilter(mail({ headers: { 'x-autorespond': 'x' } }))?.kind).toBe('auto-reply');
    expect(autoReplyFilter(mail({ headers: { precedence: 'junk' } }))?.kind).toBe('auto-reply');
    expect(autoReplyFilter(mail({ subject: '自动回复：三楼打印机卡纸' }))?.kind).toBe('auto-reply');
    expect(autoReplyFilter(mail({ subject: 'Out of Office: printer' }))?.kind).toBe('auto-reply');
    expect(autoReplyFilter(mail())).toBeNull();
  });
  it('mailing list: List-Id and friends, Precedence: list', () => {
    expect(mailingListFilter(mail({ headers: { 'list-id': '<staff.example.cn>' } }))?.kind).toBe(
      'mailing-list',
    );
    expect(mailingListFilter(mail({ headers: { precedence: 'list' } }))?.kind).toBe('mailing-list');
    expect(mailingListFilter(mail()))?.toBeNull();
  });
});
