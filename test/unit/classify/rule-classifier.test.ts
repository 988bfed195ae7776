import { describe, expect, it } from 'vitest';
import { createJiebaTokenizer } from '../../../adapters/classify/index.js';
import { classifyByRules, NO_MATCH_CONFIDENCE, type Classification } from '../../../core/classify/index.js';
import type { CategoryDefinition } from '../../../core/desk/desk-settings.js';
import { MODULE_TYPES } from '../../../core/desk/module-type.js';
import { SAMPLE_CATEGORIES, sampleKeywords } from '../../support/sample-categories.js';
import { SAMPLE_REPORTS } from './sample-reports.js';

const tokenizer = createJiebaTokenizer(sampleKeywords());
const classify = (text: string): Classification =>
  classifyByRules(text, tokenizer.cut(text), SAMPLE_CATEGORIES);

describe('rule classifier on plain reports', () => {
  it('has at least 40 reports, at least 4 for every module type', () => {
    expect(SAMPLE_REPORTS.length).toBeGreaterThanOrEqual(40);
    for (const type of MODULE_TYPES) {
      expect(SAMPLE_REPORTS.filter(([t]) => t === type).length, type).toBeGreaterThanOrEqual(4);
    }
  });

  it.each(SAMPLE_REPORTS)('%s ← %s', (expected, text) => {
    const verdict = classify(text);
    expect(verdict.category).toBe(expected);
    expect(verdict.confidence).toBeGreaterThan(0);
    expect(verdict.confidence).toBeLessThanOrEqual(1);
  });
});

describe('rule classifier matching', () => {
  it('reaches 打印机 from the device and from the verb alone', () => {
    expect(classify('打印机卡纸')).toMatchObject({ category: '打印机', evidence: ['打印机', '卡纸'] });
    expect(classify('打印不出来')).toMatchObject({ category: '打印机', evidence: ['打印'] });
  });

  it('finds Chinese keywords inside longer words and next to English', () => {
    expect(classify('连不上wifi')).toMatchObject({ category: '网络', evidence: ['连不上', 'wifi'] });
    expect(classify('会议室视频卡住了').evidence).toContain('视频');
  });

  it('does not double count a keyword inside a longer one of another category', () => {
    const card = classify('门禁卡丢了');
    expect(card).toMatchObject({ category: '门禁系统', evidence: ['门禁卡'] });
    expect(card.scores['一卡通']).toBe(0);
    const system = classify('门禁系统显示离线');
    expect(system.evidence).toEqual(['门禁系统']);
    expect(system.scores['电脑']).toBe(0);
  });

  it('counts a single-character keyword only when it stands as a word', () => {
    expect(classify('卡丢了')).toMatchObject({ category: '一卡通', evidence: ['卡'] });
    expect(classify('电脑卡顿').scores['一卡通']).toBe(0);
  });

  it('weights a keyword that cuts across words less than one that is a word', () => {
    // 上网 in 早上|网络 is a coincidence of characters.
    expect(classify('今天上网特别慢').scores['网络']).toBe(2);
    expect(classify('早上网络断了').scores['网络']).toBe(2 + 1);
  });

  it('weights longer keywords more', () => {
    const s = classify('打印机').scores['打印机'];
    expect(s).toBeGreaterThan(classify('打印').scores['打印机']);
    expect(classify('视频会议').scores['视频系统']).toBeGreaterThan(classify('视频').scores['视频系统']);
  });

  it('matches English keywords whole-word and case-insensitively', () => {
    expect(classify('VPN is down').category).toBe('网络');
    expect(classify('ＶＰＮ连不上').category).toBe('网络');
    expect(classify('the zip file is broken')).toMatchObject({ category: '其他', evidence: [] });
    expect(classify('blueprint review at 3pm').category).toBe('其他');
  });

  it('matches English keywords with their inflections, but not inside other words', () => {
    expect(classify('both printers are jammed')).toMatchObject({ category: '打印机', evidence: ['printer'] });
    expect(classify('printing takes ages').evidence).toEqual(['print']);
    expect(classify('nothing printed today').evidence).toEqual(['print']);
    expect(classify("the printer's tray").evidence).toEqual(['printer']);
    // print inside printer is the keyword printer once, not two keywords.
    expect(classify('printer').scores['打印机']).toBe(classify('printers').scores['打印机']);
    expect(classify('reprint the blueprints').category).toBe('其他');
    // Two-letter keywords take no inflection: "ips" is not the keyword ip.
    expect(classify('ips').category).toBe('其他');
  });

  it('reads Chinese typed with spaces between characters', () => {
    expect(classify('打 印 机 卡 纸')).toMatchObject({ category: '打印机', evidence: ['打印机', '卡纸'] });
  });

  it('scores every module type and lists evidence of the chosen category only', () => {
    const verdict = classify('打印机和电脑都有问题');
    expect(Object.keys(verdict.scores).sort()).toEqual([...MODULE_TYPES].sort());
    expect(verdict.scores['电脑']).toBeGreaterThan(0);
    expect(verdict).toMatchObject({ category: '打印机', evidence: ['打印机'] });
  });
});

describe('rule classifier confidence', () => {
  it('gives chatter to 其他 with the no-match confidence', () => {
    for (const text of ['谢谢师傅', '收到', '好的👍', 'ok thanks', '']) {
      expect(classify(text)).toMatchObject({
        category: '其他',
        confidence: NO_MATCH_CONFIDENCE,
        evidence: [],
      });
    }
  });

  it('is lower for an ambiguous report than for a clear one', () => {
    const clear = classify('三楼打印机卡纸了');
    const mixed = classify('打印机和电脑都有问题');
    const tie = classify('电脑和电话都坏了');
    expect(clear.confidence).toBeGreaterThan(0.8);
    expect(mixed.confidence).toBeLessThan(clear.confidence);
    expect(tie.confidence).toBeLessThan(mixed.confidence);
    expect(tie.confidence).toBeLessThanOrEqual(0.5);
  });

  it('grows with evidence and stays below certainty', () => {
    const one = classify('打印机坏了').confidence;
    const two = classify('打印机卡纸').confidence;
    const many = classify('打印机卡纸，硒鼓也没粉了，复印也不行，扫描仪也坏了').confidence;
    expect(one).toBeLessThan(two);
    expect(two).toBeLessThan(many);
    expect(many).toBeLessThanOrEqual(0.95);
  });

  it('is low for a single weak hint', () => {
    expect(classify('卡丢了').confidence).toBeLessThan(0.3);
  });
});

describe('rule classifier categories', () => {
  it('breaks a score tie by the more specific keyword, then by the order categories are listed', () => {
    // 电脑 and 电话 both score 2 on two-character keywords: the first listed wins, and says it is unsure.
    expect(classify('电脑和电话都坏了').category).toBe('电脑');
    const reversed = [...SAMPLE_CATEGORIES].reverse();
    const text = '电脑和电话都坏了';
    expect(classifyByRules(text, tokenizer.cut(text), reversed).category).toBe('电话');
  });

  it('returns 其他 when no categories are configured', () => {
    expect(classifyByRules('打印机卡纸', ['打印机', '卡纸'], [])).toMatchObject({
      category: '其他',
      evidence: [],
    });
  });

  it("counts a module type's own name as a keyword, except 其他", () => {
    const categories: CategoryDefinition[] = [
      { name: '电脑', keywords: ['系统'] },
      { name: '门禁系统', keywords: ['门禁'] },
      { name: '其他', keywords: [] },
    ];
    expect(classifyByRules('门禁系统显示离线', [], categories)).toMatchObject({
      category: '门禁系统',
      evidence: ['门禁系统'],
      scores: { 电脑: 0 },
    });
    expect(classifyByRules('其他同事的电脑系统也一样', [], categories)).toMatchObject({ category: '电脑' });
  });

  it('lets 其他 win on its own keywords', () => {
    expect(classify('想咨询一下年假怎么请')).toMatchObject({ category: '其他', evidence: ['咨询'] });
  });

  it('uses keywords as configured, whatever their case or width', () => {
    const categories = [{ name: '网络' as const, keywords: ['ＶＰＮ', 'Wi-Fi', 'blue screen'] }];
    expect(classifyByRules('wi-fi和vpn都不行', [], categories)).toMatchObject({
      category: '网络',
      evidence: ['Wi-Fi', 'ＶＰＮ'],
    });
    expect(classifyByRules('my PC shows a Blue   Screen', [], categories).evidence).toEqual(['blue screen']);
  });

  it('uses a sample list that desk.yaml validation would accept: no keyword in two categories', () => {
    const all = sampleKeywords().map((k) => k.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });
});
