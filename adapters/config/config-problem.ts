import type { z } from 'zod';

/** One bad value, found at boot. Every problem is reported at once so an operator fixes them in one pass. */
export interface ConfigProblem {
  /** `env`, or the path of the YAML file the value came from. */
  source: string;
  /** Variable name for env (`PORT`), a data path for YAML (`people[3].level`); empty for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the YAML file, when known. */
  line?: number;
}

/** `['people', 3, 'level']` → `people[3].level`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function issuesToProblems(issues: readonly z.core.$ZodIssue[], source: string): ConfigProblem[] {
  return issues.map((issue) => ({ source, path: formatPath(issue.path), message: issue.message }));
}

/** One line per problem: `desk.yaml:42 people[3].level: must be 1, 2 or 3`. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  return problems
    .map((p) => {
      const where = p.line === undefined ? p.source : `${p.source}:${p.line}`;
      return p.path === '' ? `${where}: ${p.message}` : `${where} ${p.path}: ${p.message}`;
    })
    .join('\n');
}

/**
 * Plain-language messages for zod's generic issues. Schema-level messages take precedence, so this only
 * words what a field did not say itself.
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return `must be ${article(issue.expected)}`;
  }
  if (issue.code === 'unrecognized_keys') {
    const plural = issue.keys.length > 1 ? 's' : '';
    return `unknown field${plural} ${issue.keys.map((k) => `'${k}'`).join(', ')} (check the spelling)`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
  }
  return undefined;
};

function article(expected: string): string {
  if (expected === 'object') return 'a mapping (key: value)';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
