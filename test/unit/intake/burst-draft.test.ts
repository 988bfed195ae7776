import { describe, expect, it } from 'vitest';
import { burstClosesAt, draftToInbound, type BurstDraft } from '../../../core/intake/burst-draft.js';
import { stripMentions, ticketNumberIn } from '../../../core/intake/chat-text.js';
import { DEFAULT_CHAT_SETTINGS } from '../../../core/intake/chat-settings.js';
import { inboundMessageSchema } from '../../../core/inbound/inbound-message.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 2, 0, s));
const draft: BurstDraft = {
  id: 'd1',
  channel: 'wechat',
  conversationKey: 'room-1',
  conversation: { id: 'room-1', title: '行政楼报修群' },
  senderKey: 'wx-li',
  sender: { name: '李老师', externalId: 'wx-li', wechatId: 'wx-li' },
  status: 'closing',
  reason: 'fault_text',
  openedAt: at(0),
  lastAt: at(9),
  closesAt: at(29),
  ticketId: null,
  ticketNumber: null,
};
const photo = { name: 'p.jpg', contentType: 'image/jpeg', size: 10, storagePath: 'wechat/p.jpg' };

describe('burst drafts', () => {
  it('the window slides with each line but is capped from the first', () => {
    const s = { ...DEFAULT_CHAT_SETTINGS, burstWindowSeconds: 20, burstMaxSeconds: 60 };
    expect(burstClosesAt(at(0), at(10), s)).toEqual(at(30));
    expect(burstClosesAt(at(0), at(50), s)).toEqual(at(60));
  });

  it('becomes one valid inbound message with every line in order and every attachment', () => {
    const m = draftToInbound(draft, [
      { externalId: 'b', text: '', kind: 'image', attachments: [photo], at: at(5) },
      { externalId: 'a', text: '行政楼305打印机卡纸', kind: 'text', attachments: [], at: at(0) },
      { externalId: 'c', text: '', kind: 'voice', attachments: [{ ...photo, name: 'v.silk' }], at: at(9) },
    ]);
    expect(inboundMessageSchema.parse(m)).toBeTruthy();
    expect(m.externalId).toBe('burst:d1');
    expect(m.text).toBe('行政楼305打印机卡纸\n[图片]\n[语音]');
    expect(m.attachments.map((a) => a.name)).toEqual(['p.jpg', 'v.silk']);
    expect(m.fields).toEqual({ location: '行政楼305', device: '打印机' });
    expect(m.conversation?.id).toBe('room-1');
  });

  it('strips mentions and finds quoted ticket numbers', () => {
    expect(stripMentions('@IT服务台\u2005电脑坏了')).toBe('电脑坏了');
    expect(ticketNumberIn('「服务台：【派单】INC-20261123-0007 电脑 P3」')).toBe('INC-20261123-0007');
    expect(ticketNumberIn('nothing')).toBeNull();
  });
});
