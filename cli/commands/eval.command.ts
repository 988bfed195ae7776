import { writeFile } from 'node:fs/promises';
import { crossValidate, trainAndTest } from '../../core/classify/cross-validate.js';
import type { EvaluationReport } from '../../core/classify/evaluation.js';
import {
  deskCategories,
  loadLabelled,
  parseTriageArgs,
  progressBar,
  required,
  UsageError,
  userErrorCode,
} from './triage-cli-support.js';

export const EVAL_USAGE = `deskbot eval --csv FILE --text COL --label COL [--folds 5 | --test FILE] [--json FILE]
  Cross-validates the triage classifier on a labelled CSV (or trains on --csv and tests on --test)
  and prints accuracy, macro-F1, per-class precision/recall and the confusion matrix.`;

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

export function formatReport(r: EvaluationReport): string {
  const labels = Object.keys(r.per_class);
  const width = Math.max(8, ...labels.map((l) => l.length * 2));
  const lines = [
    `n_train ${r.n_train}  n_test ${r.n_test}`,
    `accuracy ${pct(r.accuracy)}  macro-F1 ${r.macro_f1.toFixed(3)}`,
    '',
    `${'class'.padEnd(width)}  precision  recall   f1     support`,
    ...labels.map((l) => {
      const c = r.per_class[l];
      return c
        ? `${l.padEnd(width - l.length)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}  ${c.f1.toFixed(3)}  ${c.support}`
        : l;
    }),
    '',
    'confusion (rows = actual, columns = predicted):',
    `${''.padEnd(width)} ${labels.map((l) => l.padStart(6)).join(' ')}`,
    ...labels.map(
      (a) =>
        `${a.padEnd(width - a.length)} ${labels.map((p) => String(r.confusion[a]?.[p] ?? 0).padStart(6)).join(' ')}`,
    ),
  ];
  return lines.join('\n');
}

/** `deskbot eval`: returns the exit code. */
export async function evalCommand(argv: string[]): Promise<number> {
  try {
    const args = parseTriageArgs(argv, {
      folds: { type: 'string' },
      test: { type: 'string' },
      json: { type: 'string' },
    });
    const [csv, text, label] = [required(args, 'csv'), required(args, 'text'), required(args, 'label')];
    if (args.folds && args.test) throw new UsageError('use either --folds or --test, not both');
    const folds = Number(args.folds ?? 5);
    if (!Number.isInteger(folds) || folds < 2 || folds > 50)
      throw new UsageError('--folds must be a whole number from 2 to 50');
    const categories = deskCategories();
    const data = await loadLabelled(csv, text, label, categories);
    console.log(
      `${csv}: ${data.examples.length} rows (${data.encoding}), ${data.skipped} skipped without text or label`,
    );
    let report: EvaluationReport;
    if (args.test) {
      const test = await loadLabelled(args.test, text, label, categories);
      const bar = progressBar('test', test.examples.length);
      report = trainAndTest(data.examples, test.examples, {
        cut: (t) => test.cut(t) ?? data.cut(t),
        categories,
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
    } else {
      const bar = progressBar('folds', folds);
      report = crossValidate(data.examples, folds, {
        cut: data.cut,
        categories,
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
    }
    console.log(formatReport(report));
    if (args.json) {
      await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`report written to ${args.json}`);
    }
    return 0;
  } catch (e) {
    const code = userErrorCode(e, EVAL_USAGE);
    if (code !== null) return code;
    throw e;
  }
}
