import { describe, expect, it } from 'vitest';
import { rankLabels, compileHead } from '../../../core/classify/label-probabilities.js';
import { trainNaiveBayes } from '../../../core/classify/naive-bayes.js';
import {
  compileSoftmaxRegression,
  scoreSoftmaxRegression,
  trainSoftmaxRegression,
} from '../../../core/classify/softmax-regression.js';
import { TriageClassifier } from '../../../core/classify/triage-classifier.js';

const rows = [
  ...Array.from({ length: 12 }, (_, i) => ({ features: ['w:printer', `w:x${i}`, 'w:jam'], label: 'print' })),
  ...Array.from({ length: 12 }, (_, i) => ({ features: ['w:wifi', `w:y${i}`, 'w:slow'], label: 'net' })),
  ...Array.from({ length: 12 }, (_, i) => ({ features: ['w:phone', `w:z${i}`], label: 'tel' })),
];

describe('softmax regression', () => {
  it('learns which features say which label, and is reproducible', () => {
    const model = trainSoftmaxRegression(rows);
    expect(model.labels).toEqual(['net', 'print', 'tel']);
    expect(trainSoftmaxRegression(rows)).toEqual(model);
    const ranked = rankLabels(compileHead(model), ['w:printer', 'w:unseen'], {}, []);
    expect(ranked[0]).toMatchObject({ label: 'print' });
    expect(ranked[0]?.p).toBeGreaterThan(0.6);
    expect(rankLabels(compileHead(model), ['w:wifi'], {}, [])[0]?.label).toBe('net');
  });

  it('skips features it never saw and counts the ones it knew', () => {
    const compiled = compileSoftmaxRegression(trainSoftmaxRegression(rows));
    expect(scoreSoftmaxRegression(compiled, ['w:phone', 'w:nothing']).known).toBe(1);
    expect(scoreSoftmaxRegression(compiled, ['w:nothing']).logScores).toEqual(compiled.bias);
  });

  it('a prior boost can overrule weak evidence', () => {
    const head = compileHead(trainSoftmaxRegression(rows));
    expect(rankLabels(head, ['w:x1'], { tel: 5 }, [])[0]?.label).toBe('tel');
  });

  it('still reads a naive Bayes category head stored by an earlier version', () => {
    const classifier = new TriageClassifier(
      { category: trainNaiveBayes(rows), type: null, priority: null, examples: rows.length },
      [],
    );
    expect(classifier.classify('printer jam', ['printer', 'jam']).category.value).toBe('print');
  });
});
