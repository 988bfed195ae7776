import { describe, expect, it } from 'vitest';
import { jsonParam } from '../../../adapters/db/json-param.js';

describe('jsonParam', () => {
  it('writes lone surrogates as U+FFFD, as a text parameter would arrive', () => {
    const text = `a\uD800b\uDC00c😀d`;
    expect(JSON.parse(jsonParam({ text }))).toEqual({ text: 'a\uFFFDb\uFFFDc😀d' });
  });

  it('leaves escaped backslashes and other escapes alone', () => {
    const value = { text: '\\ud800 stays text, \\\uD83D becomes one replacement', tab: '\t\u0001' };
    expect(JSON.parse(jsonParam(value))).toEqual({
      text: '\\ud800 stays text, \\\uFFFD becomes one replacement',
      tab: '\t\u0001',
    });
  });
});
