import { describe, expect, it } from 'vitest';
import { createMixedTokenizer } from '../../../adapters/classify/index.js';
import {
  classifyByRules,
  learnKeywordTrust,
  trainTriageModel,
  TriageClassifier,
  type TrainingExample,
} from '../../../core/classify/index.js';
import type { CategoryDefinition } from '../../../core/desk/desk-settings.js';

// "office" stands for the suite here, as a Chinese desk means it (office打不开); English reports use
// it for the room they sit in.
const categories: CategoryDefinition[] = [
  { name: '电脑', keywords: ['office', 'laptop', 'excel'] },
  { name: '网络', keywords: ['wifi', 'network'] },
  { name: '其他', keywords: [] },
];
const tokenizer = createMixedTokenizer(categories.flatMap((c) => [c.name, ...c.keywords]));
const cut = (t: string): string[] => tokenizer.cut(t);
const example = (text: string, label: string): TrainingExample => ({ text, label });

const examples: TrainingExample[] = [
  example('office打不开', '电脑'),
  example('the wifi in our office is down', '网络'),
  example('office network dropped again', '网络'),
  example('air conditioning in the office is broken', '其他'),
  example('lights in my office keep flickering', '其他'),
  example('laptop will not boot', '电脑'),
  example('excel crashes when saving', '电脑'),
  example('wifi very slow on floor 3', '网络'),
];

describe('keyword trust', () => {
  const trust = learnKeywordTrust(
    examples.map((e) => ({ ...e, tokens: cut(e.text) })),
    categories,
  );

  it("is a keyword's agreeing share of the reports it matched, with one agreeing report imagined", () => {
    // office matched 5 reports, 1 of them 电脑: (1 + 1) / (5 + 1).
    expect(trust['电脑']?.['office']).toBeCloseTo(2 / 6, 4);
    expect(trust['电脑']?.['laptop']).toBe(1);
    expect(trust['网络']?.['wifi']).toBe(1);
  });

  it('leaves keywords the examples never matched at full weight', () => {
    expect(trust['网络']?.['ethernet']).toBeUndefined();
    const text = 'office wifi';
    const plain = classifyByRules(text, cut(text), categories);
    const trusted = classifyByRules(text, cut(text), categories, trust);
    expect(plain.scores['网络']).toBe(trusted.scores['网络']);
  });

  it('lets the keyword rules stop reading an office room as the Office suite', () => {
    const text = 'my office phone is ringing';
    expect(classifyByRules(text, cut(text), categories).category).toBe('电脑');
    expect(classifyByRules(text, cut(text), categories, trust).scores['电脑']).toBeLessThan(1);
  });

  it('is learnt by a model trained with the categories and used when it classifies', () => {
    const model = trainTriageModel(examples, cut, categories);
    expect(model.keywordTrust).toEqual(trust);
    expect(trainTriageModel(examples, cut).keywordTrust).toBeUndefined();
    const text = 'laptop screen cracked';
    const v = new TriageClassifier(model, categories).classify(text, cut(text));
    expect(v.category.value).toBe('电脑');
    expect(v.category.evidence).toEqual(['laptop']);
  });

  it('is not learnt from labels that are not module types', () => {
    const own = examples.map((e) => ({ ...e, label: e.label === '电脑' ? 'PC' : 'Other' }));
    expect(trainTriageModel(own, cut, categories).keywordTrust).toBeUndefined();
  });
});
