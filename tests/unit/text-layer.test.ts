// The text-layer verdict that decides which PDF pages go to OCR: native text passes, a missing or
// garbage layer is flagged, whatever the script and whatever white space the PDF sets between words.
import { describe, expect, it } from 'vitest';
import { textLayerQuality } from '../../engine/text/lang.js';

const english =
  'The tracing virtual machine records the hot loops of a program and compiles them to native code. ' +
  'Type specialisation makes the compiled traces fast, and guards send execution back to the interpreter ' +
  'when an assumption about a value does not hold. We describe the design and measure it on benchmarks.';

describe('textLayerQuality', () => {
  it('passes ordinary prose and flags a page with almost no characters', () => {
    expect(textLayerQuality(english, english.length, false)).toBe('native');
    expect(textLayerQuality('p. 3', 4, false)).toBe('none');
    expect(textLayerQuality('Scanned by CamScanner', 21, true)).toBe('none');
  });

  it('flags private-use glyph codes, replacement characters and control codes as garbage', () => {
    const pua = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0xe000 + (i % 90))).join('');
    expect(textLayerQuality(`${english} ${pua}`, english.length + 200, false)).toBe('suspect');
    const controls = english.replace(/[aeiou]/g, '\u0003');
    expect(textLayerQuality(controls, controls.length, false)).toBe('suspect');
    const replaced = english.replace(/[st]/g, '\ufffd');
    expect(textLayerQuality(replaced, replaced.length, false)).toBe('suspect');
  });

  it('does not count white space of any kind, so wide spacing cannot hide garbage', () => {
    // 30 bad characters in 270 others: over the 10 % line only if the spaces are left out.
    const bad = '\ue001'.repeat(30);
    const letters = 'word'.repeat(60);
    const spaced = `${letters}${bad}${' \u00a0\u3000\u2009\u202f\ufeff'.repeat(50)}`;
    expect(textLayerQuality(spaced, spaced.length, false)).toBe('suspect');
    // Tabs and line breaks are white space, not control-code garbage.
    const lines = english.replace(/ /g, '\n\t\r');
    expect(textLayerQuality(lines, lines.length, false)).toBe('native');
  });

  it('counts a character outside the BMP once and never as garbage', () => {
    // 😀 is a surrogate pair: counted as two characters the 10 bad ones would fall under 10 %.
    const text = `${'😀'.repeat(80)}${'\ue000'.repeat(10)}`;
    expect(textLayerQuality(text, 90, false)).toBe('suspect');
    expect(textLayerQuality(`${english} ${'𝑥𝑦𝑧 '.repeat(20)}`, english.length + 80, false)).toBe('native');
  });

  it('judges Chinese, Japanese and Korean text by its characters, not by word shapes', () => {
    const zh = '本文提出一种基于版面分析的文档理解方法，在多个数据集上取得了较好的结果。'.repeat(5);
    expect(textLayerQuality(zh, zh.length, false)).toBe('native');
    const ko = '문서 이해를 위한 새로운 방법을 제안한다 '.repeat(8);
    expect(textLayerQuality(ko, ko.length, false)).toBe('native');
  });

  it('flags text whose words are not words: a broken font encoding', () => {
    const garbage = 'xzqv bcdfg hjklm npqrst vwxz qqq zzzk tsrk pflm grrr bvc xzq mnbv lkjh gfds plkm nbvc xswq '.repeat(3);
    expect(textLayerQuality(garbage, garbage.length, false)).toBe('suspect');
    expect(textLayerQuality(`${english} ${english}`, 2 * english.length, false)).toBe('native');
  });
});
