import { describe, expect, it } from 'vitest';
import { composeMail } from '../../../core/mail/compose-mail.js';
import { prefersEnglish } from '../../../core/mail/email-settings.js';
import { handoverNotification } from '../../../core/mail/handover-text.js';
import { mailToInbound } from '../../../core/mail/mail-to-inbound.js';
import { autoSubmittedFor, ratingUrl } from '../../../core/mail/mail-templates.js';
import {
  conversationOf,
  messageIdsIn,
  threadCandidates,
  ticketRefInSubject,
} from '../../../core/mail/mail-threading.js';
import { messageIdForNotification, notificationIdFromMessageId } from '../../../core/mail/outbound-mail.js';
import type { Notification } from '../../../core/ports/job-scheduler.port.js';
import { mail } from './mail-fixture.js';

const note = (over: Partial<Notification> = {}): Notification => ({
  id: 'ack-0b1c-0',
  channel: 'email',
  purpose: 'acknowledgement',
  ticketId: 't1',
  ticketNumber: 'INC-20261123-0007',
  to: { personId: null, name: '张老师', address: 'zhang@example.cn', conversationId: 'm1@example.cn' },
  text: '您的报修已受理，工单号 INC-20261123-0007。',
  ...over,
});
const ctx = {
  domain: 'desk.example.cn',
  language: 'zh' as const,
  ticketTitle: '三楼打印机卡纸',
  publicUrl: null,
  thread: [],
};

describe('threading', () => {
  it('finds [INC-…] and 【INC-…】 in a subject, not a bare number', () => {
    expect(ticketRefInSubject('Re: [INC-20261123-0007] 已受理', 'INC')).toBe('INC-20261123-0007');
    expect(ticketRefInSubject('回复：【inc-20261123-0007】', 'INC')).toBe('INC-20261123-0007');
    expect(ticketRefInSubject('INC-20261123-0007 还没修好', 'INC')).toBeNull();
    expect(ticketRefInSubject('[REQ-20261123-0007]', 'INC')).toBeNull();
  });
  it('candidates: In-Reply-To first, then References newest first; the conversation is the thread root', () => {
    const m = { messageId: 'c', inReplyTo: ['b'], references: ['a', 'b'] };
    expect(threadCandidates(m)).toEqual(['b', 'a']);
    expect(conversationOf(m)).toBe('a');
    expect(conversationOf({ messageId: 'c', inReplyTo: [], references: [] })).toBe('c');
    expect(messageIdsIn('<a@x> <b@y>')).toEqual(['a@x', 'b@y']);
  });
  it('our Message-IDs lead back to their notification, others do not', () => {
    const id = messageIdForNotification('dispatch-t1-0-张三', 'Desk.Example.cn');
    expect(id).toMatch(/^deskbot\.[A-Za-z0-9._=-]+@desk\.example\.cn$/);
    expect(notificationIdFromMessageId(id, 'desk.example.cn')).toBe('dispatch-t1-0-张三');
    expect(notificationIdFromMessageId(id, 'other.cn')).toBeNull();
    expect(notificationIdFromMessageId('m1@example.cn', 'desk.example.cn')).toBeNull();
  });
});

describe('mailToInbound', () => {
  it('maps a reply: stripped text, thread, reference, sender; unusable addresses stay ids only', () => {
    const m = mail({
      text: '还是不行\n\n-----原始邮件-----\n发件人: x\n发送时间: y\n主题: z',
      references: ['root@x'],
    });
    const msg = mailToInbound({
      mail: m,
      externalId: 'm1@example.cn',
      receivedAt: new Date(),
      inReplyTo: 'out:ack-1',
      ticketRef: 'INC-20261123-0007',
      attachments: [],
    });
    expect(msg).toMatchObject({
      channel: 'email',
      externalId: 'm1@example.cn',
      text: '还是不行',
      inReplyTo: 'out:ack-1',
      ticketRef: 'INC-20261123-0007',
      conversation: { id: 'root@x' },
      sender: { name: '张老师', email: 'zhang@example.cn', externalId: 'zhang@example.cn' },
    });
    const root = mailToInbound({
      mail: mail({ from: { address: 'root@localhost', name: '' } }),
      externalId: 'x',
      receivedAt: new Date(),
      inReplyTo: null,
      ticketRef: null,
      attachments: [],
    });
    expect(root.sender).toEqual({ name: 'root', externalId: 'root@localhost' });
  });
});

describe('composeMail', () => {
  it('acknowledgement: threaded under the report, auto-replied, ticket number in the subject', () => {
    const out = composeMail(note(), { ...ctx, thread: ['m1@example.cn'] })!;
    expect(out.subject).toBe('[INC-20261123-0007] 已受理：三楼打印机卡纸');
    expect(out.inReplyTo).toBe('m1@example.cn');
    expect(out.references).toEqual(['m1@example.cn']);
    expect(out.headers['Auto-Submitted']).toBe('auto-replied');
    expect(out.headers['X-Deskbot-Notification']).toBe('ack-0b1c-0');
    expect(out.text).toContain('张老师，您好：');
    expect(out.html).toContain('<p>您的报修已受理');
  });
  it('notifications are auto-generated; no address, no mail', () => {
    expect(autoSubmittedFor('status')).toBe('auto-generated');
    expect(autoSubmittedFor('handover')).toBe('auto-generated');
    expect(
      composeMail(note({ to: { personId: null, name: 'x', address: null, conversationId: null } }), ctx),
    ).toBeNull();
  });
  it('satisfaction: rating links 1–5 when the web address is known, reply-by-digit always, English when asked', () => {
    const n = note({ id: 'sat-1', purpose: 'satisfaction', text: '您的工单已解决。' });
    const zh = composeMail(n, { ...ctx, publicUrl: 'https://desk.example.cn/' })!;
    for (const s of [1, 2, 3, 4, 5])
      expect(zh.html).toContain(ratingUrl('https://desk.example.cn', 'INC-20261123-0007', s));
    expect(ratingUrl('https://d.cn/', 'INC-1', 5)).toBe('https://d.cn/t/INC-1/rate?score=5');
    expect(zh.text).toContain('请直接回复一个数字');
    const en = composeMail(n, { ...ctx, language: 'en' })!;
    expect(en.subject).toContain('How did we do?');
    expect(en.text).toContain('Reply with one digit');
    expect(en.html).not.toContain('/rate?score=');
  });
  it('handover: to the successor, cc the manager, with every field the rules ask for', () => {
    const n = handoverNotification({
      id: 'handover-2026-11-23-早-desk-a-desk-b',
      from: { name: '王服务台' },
      to: { personId: 'desk-b', name: '李服务台', address: 'li@desk.example.cn' },
      cc: [{ name: '运维经理', address: 'mgr@desk.example.cn' }],
      shift: '早-中',
      tickets: [{ number: 'INC-20261123-0007', progress: '已更换硒鼓', followUp: '回访用户' }],
      notes: '三楼网络割接',
    });
    const out = composeMail(n, { ...ctx, ticketTitle: null })!;
    expect(out.cc).toEqual([{ name: '运维经理', address: 'mgr@desk.example.cn' }]);
    expect(out.subject).toMatch(/^交接班/);
    for (const s of [
      '交接班次：早-中',
      '交接人：王服务台',
      '被交接人：李服务台',
      'INC-20261123-0007',
      '已更换硒鼓',
      '三楼网络割接',
    ])
      expect(out.text).toContain(s);
    expect(out.headers['Auto-Submitted']).toBe('auto-generated');
  });
  it('English contacts by address or domain', () => {
    expect(prefersEnglish('Bob@Partner.example.com', ['@partner.example.com'])).toBe(true);
    expect(prefersEnglish('zhang@example.cn', ['@partner.example.com', 'bob@x.cn'])).toBe(false);
  });
});
