import { describe, expect, it } from 'vitest';
import { createMixedTokenizer } from '../../../adapters/classify/index.js';
import {
  crossValidate,
  evaluate,
  routeAfterClassify,
  stratifiedFolds,
  trainTriageModel,
  TriageClassifier,
  DEFAULT_TRIAGE_SETTINGS,
  FEATURE_SET,
  type SoftmaxRegressionModel,
  type TrainingExample,
  type TriageModel,
} from '../../../core/classify/index.js';
import { SAMPLE_CATEGORIES, sampleKeywords } from '../../support/sample-categories.js';
import { SAMPLE_REPORTS } from './sample-reports.js';

const tokenizer = createMixedTokenizer(sampleKeywords());
const cut = (t: string): string[] => tokenizer.cut(t);
const examples: TrainingExample[] = SAMPLE_REPORTS.map(([label, text]) => ({ text, label }));

describe('TriageClassifier', () => {
  const classifier = new TriageClassifier(trainTriageModel(examples, cut), SAMPLE_CATEGORIES);

  it('classifies mixed Chinese-English reports it was not trained on, with a confidence', () => {
    const v = classifier.classify('outlook打不开了，一直转圈', cut('outlook打不开了，一直转圈'));
    expect(v.category.value).toBe('电脑');
    expect(v.category.confidence).toBeGreaterThan(0);
    expect(v.category.confidence).toBeLessThanOrEqual(1);
    expect(v.category.top).toHaveLength(3);
    expect(v.source).toBe('model+rules');
    const vpn = classifier.classify('VPN连不上', cut('VPN连不上'));
    expect(vpn.category.value).toBe('网络');
  });

  it('reads impact and urgency into the priority, and questions and requests into the type', () => {
    const floor = '三楼整层都断网了，所有人都上不了网';
    expect(classifier.classify(floor, cut(floor)).priority.value).toBe('P1');
    const single = '我的电脑开机有点慢';
    expect(classifier.classify(single, cut(single)).priority.value).toBe('P3');
    const ask = '请问怎么申请VPN账号？';
    const v = classifier.classify(ask, cut(ask));
    expect(v.type.value).toBe('consultation');
    expect(v.priority.value).toBe('P4');
    const complaint = '投诉：报修三天了一直没人管';
    expect(classifier.classify(complaint, cut(complaint)).type.value).toBe('complaint');
  });

  it('trains on the current feature set and reads the no-keyword mark when trained with the desk keywords', () => {
    const model = trainTriageModel(examples, cut, SAMPLE_CATEGORIES);
    expect(model.features).toBe(FEATURE_SET);
    const category = model.category as SoftmaxRegressionModel;
    expect(category.vocabulary).toContain('k:none');
    expect(category.vocabulary.some((f) => f.startsWith('r:'))).toBe(true);
    // Without the desk's categories the rules are no prior, and the model never sees the mark.
    expect((trainTriageModel(examples, cut).category as SoftmaxRegressionModel).vocabulary).not.toContain(
      'k:none',
    );
  });

  it('reads a model stored before feature set 2 with the features it was trained on', () => {
    // One weight: k:none (set 2, no desk keyword in the report) for 电话, strongly.
    const category: SoftmaxRegressionModel = {
      kind: 'softmax-regression',
      labels: ['其他', '电话'],
      vocabulary: ['k:none'],
      weights: [0, 8],
      bias: [0.5, 0],
    };
    const current: TriageModel = { category, type: null, priority: null, examples: 2, keywordTrust: {} };
    const text = '那个东西又不行了';
    const stored = (model: TriageModel): TriageModel => JSON.parse(JSON.stringify(model)) as TriageModel;
    const set2 = new TriageClassifier(stored({ ...current, features: 2 }), SAMPLE_CATEGORIES);
    expect(set2.classify(text, cut(text)).category.value).toBe('电话');
    // As stored before: no `features`, so set 1, which has no k:none.
    const before = new TriageClassifier(stored(current), SAMPLE_CATEGORIES);
    expect(before.classify(text, cut(text)).category.value).toBe('其他');
  });

  it('without a model falls back to the keyword rules', () => {
    const rules = new TriageClassifier(null, SAMPLE_CATEGORIES);
    const v = rules.classify('打印机卡纸了', cut('打印机卡纸了'));
    expect(v.source).toBe('rules');
    expect(v.category.value).toBe('打印机');
    expect(v.category.evidence).toContain('打印机');
  });

  it('learns any label set, not only module types', () => {
    const own: TrainingExample[] = [];
    for (let i = 0; i < 15; i++) {
      own.push({ text: `工资条第${i}月份有误，请核对`, label: 'HR' });
      own.push({ text: `报销单${i}号审批卡住了`, label: 'Finance' });
    }
    const c = new TriageClassifier(trainTriageModel(own, cut), SAMPLE_CATEGORIES);
    expect(c.classify('工资条有误', cut('工资条有误')).category.value).toBe('HR');
    expect(c.classify('报销审批', cut('报销审批')).category.value).toBe('Finance');
  });
});

describe('routeAfterClassify', () => {
  const rules = new TriageClassifier(null, SAMPLE_CATEGORIES);
  const route = (text: string, chosenByReporter = false) =>
    routeAfterClassify({
      text,
      verdict: rules.classify(text, cut(text)),
      chosenByReporter,
      threshold: 0.6,
      remoteFirst: DEFAULT_TRIAGE_SETTINGS.remoteFirst,
    });

  it('sends an unsure category to the desk with the top-3 suggestions', () => {
    const r = route('那个东西又不行了');
    expect(r.kind).toBe('desk_triage');
    expect(r.kind === 'desk_triage' && r.suggestions.length).toBe(3);
    expect(route('那个东西又不行了', true).kind).toBe('dispatch');
  });

  it('keeps remotely solvable requests with the desk first', () => {
    const r = route('帮我重置密码，邮箱登不上了');
    expect(r).toMatchObject({ kind: 'remote_first', cue: '重置密码' });
    expect(route('打印机卡纸了，急').kind).toBe('dispatch');
  });
});

describe('evaluation', () => {
  it('computes accuracy, macro-F1, per-class figures and the confusion matrix', () => {
    const r = evaluate(
      [
        { actual: 'a', predicted: 'a' },
        { actual: 'a', predicted: 'b' },
        { actual: 'b', predicted: 'b' },
        { actual: 'b', predicted: 'b' },
      ],
      10,
    );
    expect(r.accuracy).toBe(0.75);
    expect(r.per_class.a).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(r.per_class.b?.precision).toBeCloseTo(2 / 3);
    expect(r.confusion).toEqual({ a: { a: 1, b: 1 }, b: { a: 0, b: 2 } });
    expect(r.macro_f1).toBeCloseTo((2 / 3 + 0.8) / 2);
    expect([r.n_train, r.n_test]).toEqual([10, 4]);
  });

  it('deals stratified folds reproducibly, every class in every fold', () => {
    const labels = [...Array(20).fill('x'), ...Array(10).fill('y')] as string[];
    const folds = stratifiedFolds(labels, 5);
    expect(stratifiedFolds(labels, 5)).toEqual(folds);
    for (let k = 0; k < 5; k++) {
      expect(labels.filter((l, i) => l === 'x' && folds[i] === k)).toHaveLength(4);
      expect(labels.filter((l, i) => l === 'y' && folds[i] === k)).toHaveLength(2);
    }
  });

  it('cross-validates the sample reports better than chance', () => {
    const r = crossValidate(examples, 3, { cut, categories: SAMPLE_CATEGORIES });
    expect(r.n_test).toBe(examples.length);
    expect(r.accuracy).toBeGreaterThan(0.5);
  });
});
