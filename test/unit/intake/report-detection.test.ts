import { describe, expect, it } from 'vitest';
import { createJiebaTokenizer } from '../../../adapters/classify/jieba-tokenizer.js';
import { classifyByRules } from '../../../core/classify/rule-classifier.js';
import { DEFAULT_CHAT_SETTINGS } from '../../../core/intake/chat-settings.js';
import { detectReport, type ChatLine } from '../../../core/intake/report-detection.js';
import { SAMPLE_CATEGORIES } from '../../support/sample-categories.js';

const tokenizer = createJiebaTokenizer(SAMPLE_CATEGORIES.flatMap((c) => [c.name, ...c.keywords]));

function decide(text: string, line: Partial<ChatLine> = {}) {
  const classification = text ? classifyByRules(text, tokenizer.cut(text), SAMPLE_CATEGORIES) : null;
  return detectReport(
    { text, kind: 'text', isGroup: true, mentionsBot: false, ...line },
    classification,
    DEFAULT_CHAT_SETTINGS,
  );
}

describe('detectReport', () => {
  it.each([
    ['打印机卡纸了，打印不出来', 'fault_text'],
    ['办公室电脑蓝屏了，一直重启', 'fault_text'],
    ['报修 三楼会议室的投影', 'report_prefix'],
    ['【报障】门口刷不了卡', 'report_prefix'],
  ])('takes %s as a report (%s)', (text, reason) => {
    expect(decide(text)).toMatchObject({ isReport: true, reason });
  });

  it.each([
    ['大家早上好', 'greeting'],
    ['您好', 'greeting'],
    ['谢谢老师', 'thanks'],
    ['好的，辛苦了', 'thanks'],
    ['收到', 'thanks'],
    ['中午一起吃饭吗', 'low_confidence'],
    ['明天开会记得带材料', 'low_confidence'],
  ])('takes %s as chatter (%s)', (text, reason) => {
    expect(decide(text)).toMatchObject({ isReport: false, reason });
  });

  it('never takes a sticker, nor a lone picture, as a report', () => {
    expect(decide('', { kind: 'sticker' })).toMatchObject({ isReport: false, reason: 'sticker' });
    expect(decide('[捂脸]', { kind: 'emoji', mentionsBot: true })).toMatchObject({ isReport: false });
    expect(decide('', { kind: 'image' })).toMatchObject({ isReport: false, reason: 'media_alone' });
  });

  it('a line addressed to the bot is a report unless it is a greeting or thanks', () => {
    expect(decide('帮忙看下财务系统', { mentionsBot: true })).toMatchObject({
      isReport: true,
      reason: 'mentions_bot',
    });
    expect(decide('谢谢', { mentionsBot: true })).toMatchObject({ isReport: false, reason: 'thanks' });
    expect(decide('我的账号被锁了', { isGroup: false })).toMatchObject({
      isReport: true,
      reason: 'private_chat',
    });
  });
});
