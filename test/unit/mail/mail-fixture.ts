import type { ParsedMail } from '../../../core/mail/parsed-mail.js';

/** A plain report mail; tests override what they are about. */
export const mail = (over: Partial<ParsedMail> = {}): ParsedMail => ({
  messageId: 'm1@example.cn',
  from: { address: 'zhang@example.cn', name: '张老师' },
  to: [{ address: 'helpdesk@desk.example.cn', name: '' }],
  cc: [],
  subject: '三楼打印机卡纸',
  date: new Date('2026-11-23T08:00:00Z'),
  inReplyTo: [],
  references: [],
  headers: {},
  contentType: 'text/plain',
  text: '行政楼三楼的打印机卡纸了',
  parts: [],
  ...over,
});
