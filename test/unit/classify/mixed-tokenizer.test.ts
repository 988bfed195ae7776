import { describe, expect, it } from 'vitest';
import { createMixedTokenizer } from '../../../adapters/classify/index.js';
import { featuresOf } from '../../../core/classify/index.js';
import { sampleKeywords } from '../../support/sample-categories.js';

const tokenizer = createMixedTokenizer(sampleKeywords());

describe('mixed tokenizer (what the learning classifier reads)', () => {
  it('reduces English words to their stems, so inflections are one piece of evidence', () => {
    expect(tokenizer.cut('printing')).toEqual(tokenizer.cut('prints'));
    expect(tokenizer.cut('printed')).toEqual(['print']);
    expect(tokenizer.cut('cameras')).toEqual(tokenizer.cut('camera'));
  });

  it('lets printer and printing share features through the stem prefix and letter trigrams', () => {
    const printer = featuresOf('printer', tokenizer.cut('printer'));
    const printing = featuresOf('printing', tokenizer.cut('printing'));
    expect(printer).toContain('p:prin');
    expect(printing).toContain('g:pri');
    expect(printer.filter((f) => printing.includes(f)).length).toBeGreaterThanOrEqual(4);
  });

  it('leaves out English stop words, also between the words that make a pair', () => {
    expect(tokenizer.cut("The printer on my desk can't print")).toEqual(['printer', 'desk', 'print']);
    expect(featuresOf('paper is jammed', tokenizer.cut('paper is jammed'))).toContain('e:paper jam');
  });

  it('adds the English words as written, stop words included, beside their stems (feature set 2)', () => {
    const text = 'Who is printing?';
    const features = featuresOf(text, tokenizer.cut(text));
    expect(features).toEqual(expect.arrayContaining(['w:print', 'r:who', 'r:printing']));
    expect(features).not.toContain('r:is');
    // Set 1, as models stored before it were trained on: stems only.
    expect(featuresOf(text, tokenizer.cut(text), { set: 1 }).filter((f) => f.startsWith('r:'))).toEqual([]);
  });

  it('marks a report in which none of the desk keywords occurs, when the model reads the rules', () => {
    const text = '电梯坏了';
    expect(featuresOf(text, tokenizer.cut(text), { keywordMatched: false })).toContain('k:none');
    expect(featuresOf(text, tokenizer.cut(text), { keywordMatched: true })).not.toContain('k:none');
    expect(featuresOf(text, tokenizer.cut(text))).not.toContain('k:none');
    expect(featuresOf(text, tokenizer.cut(text), { set: 1, keywordMatched: false })).not.toContain('k:none');
  });

  it('keeps Chinese, digits and mixed-script words as the jieba tokenizer cuts them', () => {
    expect(tokenizer.cut('outlook打不开')).toEqual(['outlook', '打不开']);
    expect(tokenizer.cut('分机8023打不出去')).toEqual(['分机', '8023', '打不出去']);
    expect(tokenizer.cut('room 3 on floor 2')).toEqual(['room', '3', 'floor', '2']);
  });
});
