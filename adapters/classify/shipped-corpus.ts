import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { TrainingExample } from '../../core/classify/triage-model.js';
import type { TrainingCorpus } from '../../core/use-cases/retrain-model/retrain-model.use-case.js';
import { readLabelledCsv } from './read-labelled-csv.js';

/** data/training of this checkout (or of the Docker image, which copies it next to the code). */
export const SHIPPED_CORPUS_DIR = fileURLToPath(new URL('../../data/training/', import.meta.url));
export const SHIPPED_CORPUS_FILES = ['zh.csv', 'en.csv'] as const;

/** Reads one corpus file (`text,label,type,priority`). */
export async function readCorpusFile(file: string): Promise<TrainingExample[]> {
  const { rows } = await readLabelledCsv(file, 'text', 'label');
  return rows.map((r) => ({
    text: r.text,
    label: r.label,
    type: r.extra.type ?? null,
    priority: r.extra.priority ?? null,
  }));
}

/**
 * The corpus written for this project (data/training): what a desk's first model is trained on, and
 * the base every retrain adds the desk's corrections to. Read once per process and kept.
 */
export function shippedCorpus(dir = SHIPPED_CORPUS_DIR): TrainingCorpus {
  let loaded: Promise<TrainingExample[]> | null = null;
  return {
    examples() {
      loaded ??= (async () => {
        const files = SHIPPED_CORPUS_FILES.map((f) => join(dir, f)).filter((f) => existsSync(f));
        if (files.length === 0) throw new Error(`no training corpus in ${dir}`);
        return (await Promise.all(files.map(readCorpusFile))).flat();
      })();
      return loaded;
    },
  };
}
