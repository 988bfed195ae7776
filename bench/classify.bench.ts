import { createRequire } from 'node:module';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMixedTokenizer, readLabelledCsv } from '../adapters/classify/index.js';
import { loadConfig } from '../adapters/config/index.js';
import { crossValidate, trainAndTest } from '../core/classify/cross-validate.js';
import { evaluate, stratifiedFolds } from '../core/classify/evaluation.js';
import { TriageClassifier } from '../core/classify/triage-classifier.js';
import { trainTriageModel, type TrainingExample } from '../core/classify/triage-model.js';
import type { CategoryDefinition } from '../core/desk/desk-settings.js';
import { percentile, printTable, round, writeResults } from './support/results.js';

interface NaturalClassifier {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  classify(tokens: string[]): string;
}
const natural = createRequire(import.meta.url)('natural/lib/natural/classifiers') as {
  BayesClassifier: new () => NaturalClassifier;
};

const CORPUS = join(import.meta.dirname, '..', 'data', 'training');
const smoke = process.argv.includes('--smoke');

async function corpus(file: string): Promise<TrainingExample[]> {
  const { rows } = await readLabelledCsv(join(CORPUS, file), 'text', 'label');
  return rows.map((r) => ({ text: r.text, label: r.label, type: r.extra.type, priority: r.extra.priority }));
}

/** natural's BayesClassifier on the same tokens and folds: the baseline the choice is measured against. */
function naturalBayesCv(examples: TrainingExample[], cut: (t: string) => string[]): number {
  const folds = stratifiedFolds(
    examples.map((e) => e.label),
    5,
  );
  const pairs: Array<{ actual: string; predicted: string }> = [];
  for (let k = 0; k < 5; k++) {
    const c = new natural.BayesClassifier();
    examples.forEach((e, i) => folds[i] !== k && c.addDocument(cut(e.text), e.label));
    c.train();
    examples.forEach(
      (e, i) => folds[i] === k && pairs.push({ actual: e.label, predicted: c.classify(cut(e.text)) }),
    );
  }
  return evaluate(pairs, 0).accuracy;
}

export async function runClassifyBench(): Promise<void> {
  const loaded = loadConfig();
  const categories: CategoryDefinition[] = loaded.ok ? loaded.value.desk.categories : [];
  const tokenizer = createMixedTokenizer(categories.flatMap((c) => [c.name, ...c.keywords]));
  const cache = new Map<string, string[]>();
  const cut = (t: string): string[] => {
    let v = cache.get(t);
    if (!v) cache.set(t, (v = tokenizer.cut(t)));
    return v;
  };
  const zh = await corpus('zh.csv');
  const en = await corpus('en.csv').catch(() => [] as TrainingExample[]);
  const all = [...zh, ...en];
  const run = { cut, categories };

  const cvAll = crossValidate(all, 5, run);
  const cvZh = crossValidate(zh, 5, run);
  const cvEn = en.length > 0 ? crossValidate(en, 5, run) : null;
  const naturalAcc = naturalBayesCv(all, cut);

  // Latency: tokenize + classify each message, uncached, as the classify worker does.
  const classifier = new TriageClassifier(trainTriageModel(all, cut, categories), categories);
  const messages = all.map((e) => e.text);
  const rounds = smoke ? 1 : 5;
  const samples: number[] = [];
  for (const text of messages.slice(0, 200)) classifier.classify(text, tokenizer.cut(text)); // warm-up
  const started = performance.now();
  for (let r = 0; r < rounds; r++)
    for (const text of messages) {
      const t0 = performance.now();
      classifier.classify(text, tokenizer.cut(text));
      samples.push(performance.now() - t0);
    }
  const elapsed = (performance.now() - started) / 1000;
  samples.sort((a, b) => a - b);

  // 50,000 rows resampled from the corpus, written as CSV and read back, trained and evaluated on a 80/20 split.
  const n = smoke ? 5_000 : 50_000;
  const dir = await mkdtemp(join(tmpdir(), 'deskbot-classify-'));
  const file = join(dir, 'big.csv');
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const rows = Array.from({ length: n }, (_, i) => all[(i * 7919) % all.length] as TrainingExample);
  await writeFile(file, `text,label\n${rows.map((r) => `${quote(r.text)},${quote(r.label)}`).join('\n')}\n`);
  const t50 = performance.now();
  const big = (await readLabelledCsv(file, 'text', 'label')).rows.map((r) => ({
    text: r.text,
    label: r.label,
  }));
  const bigCut = createMixedTokenizer(categories.flatMap((c) => [c.name, ...c.keywords]));
  const bigCache = new Map<string, string[]>();
  const cutBig = (t: string): string[] => {
    let v = bigCache.get(t);
    if (!v) bigCache.set(t, (v = bigCut.cut(t)));
    return v;
  };
  const split = Math.floor(big.length * 0.8);
  trainAndTest(big.slice(0, split), big.slice(split), { cut: cutBig, categories });
  const trainEvalSeconds = (performance.now() - t50) / 1000;

  const metrics = {
    cv_accuracy: round(cvAll.accuracy, 4),
    cv_macro_f1: round(cvAll.macro_f1, 4),
    cv_accuracy_zh: round(cvZh.accuracy, 4),
    cv_macro_f1_zh: round(cvZh.macro_f1, 4),
    cv_accuracy_en: cvEn ? round(cvEn.accuracy, 4) : Number.NaN,
    cv_macro_f1_en: cvEn ? round(cvEn.macro_f1, 4) : Number.NaN,
    natural_bayes_cv_accuracy: round(naturalAcc, 4),
    p99_ms: round(percentile(samples, 99), 3),
    msgs_per_s: Math.round(samples.length / elapsed),
    train_eval_50k_s: round(trainEvalSeconds, 1),
    train_eval_rows: n,
    corpus_rows: all.length,
  };
  printTable('classify (targets: accuracy ≥ 0.92, macro-F1 ≥ 0.90, p99 ≤ 2 ms, ≥ 5000 msg/s, 50k ≤ 120 s)', [
    ...Object.entries(metrics).map(([k, v]) => [k, v] as [string, number]),
    ['accuracy vs natural BayesClassifier', `${round(cvAll.accuracy / naturalAcc, 2)}×`],
  ]);
  console.log(`written to ${await writeResults('classify', metrics)}`);
}
