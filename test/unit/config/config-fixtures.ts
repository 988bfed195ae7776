import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseDocument, type Document } from 'yaml';
import type { Result } from '../../../core/shared/index.js';
import type { ConfigProblem } from '../../../adapters/config/index.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SAMPLE_PATH = fileURLToPath(new URL('../../../desk.example.yaml', import.meta.url));
export const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');

/** The sample with one edit applied through the YAML document model (comments and layout survive). */
export function editedSample(edit: (doc: Document, personIndex: (id: string) => number) => void): string {
  const doc = parseDocument(SAMPLE_TEXT, { schema: 'failsafe' });
  const ids = (doc.toJS() as { people: { id: string }[] }).people.map((p) => p.id);
  const personIndex = (id: string) => {
    const i = ids.indexOf(id);
    if (i < 0) throw new Error(`no ${id} in the sample`);
    return i;
  };
  edit(doc, personIndex);
  return doc.toString();
}

export function problemsOf<T>(result: Result<T, ConfigProblem[]>): ConfigProblem[] {
  if (result.ok) throw new Error('expected problems, the config was accepted');
  return result.error;
}

/** Exactly one problem at `path`, with a message matching `message`. */
export function expectProblem<T>(
  result: Result<T, ConfigProblem[]>,
  path: string,
  message: RegExp,
): ConfigProblem {
  const problems = problemsOf(result);
  const atPath = problems.filter((p) => p.path === path);
  expect(atPath, `problems were:\n${problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`).toHaveLength(
    1,
  );
  expect(atPath[0]?.message).toMatch(message);
  return atPath[0] as ConfigProblem;
}
