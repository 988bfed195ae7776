import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createJiebaTokenizer } from '../../../adapters/classify/index.js';
import { classifyByRules } from '../../../core/classify/index.js';
import type { CategoryDefinition } from '../../../core/desk/desk-settings.js';
import { SAMPLE_REPORTS } from './sample-reports.js';

// The sample that ships as the default desk.yaml must classify plain reports as well as the fixture does.
const examplePath = fileURLToPath(new URL('../../../desk.example.yaml', import.meta.url));
const categories = (parse(readFileSync(examplePath, 'utf8')) as { categories: CategoryDefinition[] })
  .categories;
const tokenizer = createJiebaTokenizer(categories.flatMap((c) => [c.name, ...(c.keywords ?? [])]));

describe('rule classifier with the categories of desk.example.yaml', () => {
  it('reads a category list from the file', () => {
    expect(categories.length).toBeGreaterThanOrEqual(8);
  });

  it.each(SAMPLE_REPORTS)('%s ← %s', (expected, text) => {
    expect(classifyByRules(text, tokenizer.cut(text), categories).category).toBe(expected);
  });
});
