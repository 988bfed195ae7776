import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MODULE_TYPES } from '../../core/desk/module-type.js';
import { PRIORITIES, TICKET_TYPES } from '../../core/tickets/ticket.entity.js';

interface CorpusRow {
  text: string;
  label: string;
  type: string;
  priority: string;
}

// The shipped corpus must stay usable for training: every category well represented in both
// languages, only values the ticket model knows, and no report counted twice.
const CORPORA = [
  { file: 'zh.csv', minPerCategory: 100 },
  { file: 'en.csv', minPerCategory: 30 },
] as const;

function readCorpus(file: string): { raw: Buffer; rows: CorpusRow[] } {
  const raw = readFileSync(fileURLToPath(new URL(`../../data/training/${file}`, import.meta.url)));
  const rows = parse(raw, { columns: true, skip_empty_lines: true }) as CorpusRow[];
  return { raw, rows };
}

/** Case, spacing and punctuation do not make a report new. */
function fingerprint(text: string): string {
  return text.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function countBy(rows: CorpusRow[], key: keyof CorpusRow): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row[key], (counts.get(row[key]) ?? 0) + 1);
  return counts;
}

describe.each(CORPORA)('training corpus $file', ({ file, minPerCategory }) => {
  const { raw, rows } = readCorpus(file);

  it('is UTF-8 without a BOM and has the columns text,label,type,priority', () => {
    expect([...raw.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8').split(/\r?\n/, 1)[0]).toBe('text,label,type,priority');
  });

  it.each(MODULE_TYPES)(`has at least ${minPerCategory} reports labelled %s`, (label) => {
    expect(countBy(rows, 'label').get(label) ?? 0).toBeGreaterThanOrEqual(minPerCategory);
  });

  it('uses only the module types, ticket types and priorities of the ticket model', () => {
    const allowed = (values: readonly string[]) => (value: string) => values.includes(value);
    expect(rows.filter((r) => !allowed(MODULE_TYPES)(r.label))).toEqual([]);
    expect(rows.filter((r) => !allowed(TICKET_TYPES)(r.type))).toEqual([]);
    expect(rows.filter((r) => !allowed(PRIORITIES)(r.priority))).toEqual([]);
  });

  it('covers every ticket type and priority', () => {
    expect([...countBy(rows, 'type').keys()].sort()).toEqual([...TICKET_TYPES].sort());
    expect([...countBy(rows, 'priority').keys()].sort()).toEqual([...PRIORITIES].sort());
  });

  it('has no empty text', () => {
    expect(rows.filter((r) => r.text.trim() === '')).toEqual([]);
  });

  it('keeps quoted line breaks inside the text (email-style reports)', () => {
    expect(rows.some((r) => r.text.includes('\n'))).toBe(true);
  });

  it('has no duplicate texts, even across both files', () => {
    const others = CORPORA.filter((c) => c.file !== file).flatMap((c) => readCorpus(c.file).rows);
    const seen = new Set<string>();
    const repeated: string[] = [];
    for (const row of [...rows, ...others]) {
      const key = fingerprint(row.text);
      if (seen.has(key)) repeated.push(row.text);
      seen.add(key);
    }
    expect(repeated).toEqual([]);
  });
});

describe('training corpus README', () => {
  it('quotes the counts corpus-stats.mjs computes from the files as they are now', () => {
    const script = fileURLToPath(new URL('../../data/training/corpus-stats.mjs', import.meta.url));
    const stats = execFileSync(process.execPath, [script], { encoding: 'utf8' }).trim();
    const readme = readFileSync(
      fileURLToPath(new URL('../../data/training/README.md', import.meta.url)),
      'utf8',
    );
    expect(readme).toContain(stats);
  });
});
