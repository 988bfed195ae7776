import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../adapters/http/html/escape-html.js';
import { markup } from '../../../adapters/http/html/safe-html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('leaves Chinese text and ordinary punctuation alone', () => {
    expect(escapeHtml('打印机卡纸，无法打印！(3楼)')).toBe('打印机卡纸，无法打印！(3楼)');
  });

  it('escapes an ampersand once, so an entity typed by the user is shown as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('stringifies non-strings', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(null)).toBe('null');
  });
});

describe('markup', () => {
  it('escapes every interpolated value', () => {
    const name = '"><img src=x onerror=alert(1)>';
    expect(markup`<input value="${name}">`.value).toBe(
      '<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">',
    );
  });

  it('inserts nested markup as is, without escaping it twice', () => {
    const item = (text: string) => markup`<li>${text}</li>`;
    expect(markup`<ul>${['a<b', 'c&d'].map(item)}</ul>`.value).toBe(
      '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>',
    );
  });

  it('renders null, undefined and false as nothing, and numbers as text', () => {
    expect(markup`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });
});
