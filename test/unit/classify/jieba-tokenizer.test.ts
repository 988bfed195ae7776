import { describe, expect, it } from 'vitest';
import { createJiebaTokenizer } from '../../../adapters/classify/index.js';
import { sampleKeywords } from '../../support/sample-categories.js';

const tokenizer = createJiebaTokenizer(sampleKeywords());

describe('jieba tokenizer', () => {
  it('keeps domain terms from the category keywords whole', () => {
    expect(tokenizer.cut('门禁卡刷不开门')).toEqual(expect.arrayContaining(['门禁卡', '刷不开']));
    expect(tokenizer.cut('下午的视频会议连不上')).toEqual(expect.arrayContaining(['视频会议', '连不上']));
    expect(tokenizer.cut('一卡通充值不到账')).toContain('一卡通');
    expect(tokenizer.cut('会议室投影仪没信号')).toContain('没信号');
  });

  it('keeps a user word whole that the plain dictionary cuts apart', () => {
    const plain = createJiebaTokenizer([]);
    expect(plain.cut('视频会议没声音')).not.toContain('没声音');
    expect(tokenizer.cut('视频会议没声音')).toEqual(['视频会议', '没声音']);
  });

  it('splits mixed Chinese and English, keeping English words and digit runs whole and lower-cased', () => {
    expect(tokenizer.cut('outlook打不开')).toEqual(['outlook', '打不开']);
    expect(tokenizer.cut('VPN连不上')).toEqual(['vpn', '连不上']);
    expect(tokenizer.cut('分机8023打不出去')).toEqual(['分机', '8023', '打不出去']);
    expect(tokenizer.cut('Win10开机黑屏')).toEqual(['win10', '开机', '黑屏']);
  });

  it('drops whitespace and punctuation, Chinese and ASCII alike, and folds full-width letters', () => {
    const tokens = tokenizer.cut('  打印机卡纸了！！（急）  Printer, jammed... ＶＰＮ');
    expect(tokens).toEqual(['打印机', '卡纸', '了', '急', 'printer', 'jammed', 'vpn']);
    expect(tokens.every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true);
  });

  it('reads Chinese typed with spaces between characters as the words they form', () => {
    expect(tokenizer.cut('打 印 机 卡 纸')).toEqual(['打印机', '卡纸']);
  });

  it('is built once per word list and shared', () => {
    expect(createJiebaTokenizer([...sampleKeywords()].reverse())).toBe(tokenizer);
    expect(createJiebaTokenizer(['门禁卡'])).not.toBe(tokenizer);
  });

  it('returns nothing for text without words', () => {
    expect(tokenizer.cut('')).toEqual([]);
    expect(tokenizer.cut(' ，。！？... ')).toEqual([]);
  });
});
