import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { createMixedTokenizer, CsvInputError, readLabelledCsv } from '../../adapters/classify/index.js';
import { loadConfig } from '../../adapters/config/index.js';
import type { TrainingExample } from '../../core/classify/triage-model.js';
import type { CategoryDefinition } from '../../core/desk/desk-settings.js';

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface LabelledInput {
  examples: TrainingExample[];
  categories: CategoryDefinition[];
  /** Cached tokenizer: eval cuts each row once however many folds it runs. */
  cut: (text: string) => string[];
}

export function parseTriageArgs(argv: string[], extra: Record<string, { type: 'string' }>) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { csv: { type: 'string' }, text: { type: 'string' }, label: { type: 'string' }, ...extra },
    }).values as Record<string, string | undefined>;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function required(values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (!v) throw new UsageError(`--${name} is required`);
  return v;
}

/** desk.yaml's categories when a valid configuration is around (rule priors); none otherwise. */
export function deskCategories(): CategoryDefinition[] {
  const loaded = loadConfig();
  return loaded.ok ? loaded.value.desk.categories : [];
}

export function progressBar(label: string, total: number): SingleBar {
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total}`, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

/** Reads the CSV and tokenizes every row once, with a progress bar. */
export async function loadLabelled(
  file: string,
  textColumn: string,
  labelColumn: string,
  categories: CategoryDefinition[],
): Promise<LabelledInput & { encoding: string; skipped: number }> {
  const csv = await readLabelledCsv(file, textColumn, labelColumn);
  const tokenizer = createMixedTokenizer(categories.flatMap((c) => [c.name, ...c.keywords]));
  const cache = new Map<string, string[]>();
  const cut = (t: string): string[] => {
    let tokens = cache.get(t);
    if (!tokens) {
      tokens = tokenizer.cut(t);
      cache.set(t, tokens);
    }
    return tokens;
  };
  const bar = progressBar('tokenize', csv.rows.length);
  csv.rows.forEach((r, i) => {
    cut(r.text);
    if (i % 200 === 0) bar.update(i);
  });
  bar.update(csv.rows.length);
  bar.stop();
  const examples = csv.rows.map((r) => ({
    text: r.text,
    label: r.label,
    type: r.extra.type ?? null,
    priority: r.extra.priority ?? null,
  }));
  return { examples, categories, cut, encoding: csv.encoding, skipped: csv.skipped };
}

/** Exit code for an error the user can fix (2), printed without a stack. */
export function userErrorCode(e: unknown, usage: string): number | null {
  if (e instanceof UsageError) {
    console.error(`deskbot: ${e.message}\n\n${usage}`);
    return 2;
  }
  if (e instanceof CsvInputError) {
    console.error(`deskbot: ${e.message}`);
    return 2;
  }
  return null;
}
