// Text from fonts whose encoding cannot be read is marked and warned about, not passed on silently.
import { describe, expect, it } from 'vitest';
import { suspectSpans, suspectText } from '../../engine/ingest/pdf/analyze.js';
import { ingested } from '../helpers/ingest-cache.js';

describe('broken font encodings', () => {
  it('TAMReview: its body font has no usable Unicode map; the blocks are marked and the document warns', async () => {
    const { doc } = await ingested('papers/pdfjs_TAMReview.pdf');
    const marked = doc.pages.flatMap((p) => p.blocks.filter((b) => b.suspectText === 'unmapped'));
    // Its body text is U+FFFD on every page from 2 to 22 (pdftotext gives the same).
    expect(new Set(marked.map((b) => b.page)).size).toBeGreaterThanOrEqual(18);
    expect(doc.warnings.some((w) => /no usable Unicode map/.test(w) && /pp\. 2-22/.test(w))).toBe(true);
  });

  it('TeX bitmap fonts with no Unicode map: ligatures and quotes read from their encoding', async () => {
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    const text = doc.pages.flatMap((p) => p.blocks.map((b) => b.text)).join('\n');
    expect(text).toContain('generalized fluctuation tests');
    expect(text).toContain('regression coefficients');
    expect(text).toContain('(also know as “dating”');
    expect(text).not.toMatch(/\p{L}\ufffd|\ufffd\p{L}{2}/u);
    // The title is both its lines, the package name in another face included.
    expect(doc.title).toBe('strucchange: An R Package for Testing for Structural Change in Linear Regression Models');
    const survival = await ingested('papers/debian_r-survival_timedep.pdf');
    expect(survival.doc.title).toBe('Using Time Dependent Covariates and Time Dependent Coefficients in the Cox Model');
  });

  it('jhydrol: its equations\' math font reads brackets as ð and Þ (f ðPÞ for f(P)); those blocks are marked, the body text is not', async () => {
    const { doc } = await ingested('papers/mineru_demo1_jhydrol2005.pdf');
    const marked = doc.pages.flatMap((p) => p.blocks.filter((b) => b.suspectText === 'script'));
    // Equations (1)-(5) and (7) on pp. 3-5 (the page shows Q% = f(P) + g(T) where the text layer
    // has "Q_% Z f ðPÞ CgðTÞ"), and the table of fitted models on p. 9.
    expect(marked.filter((b) => b.type === 'equation').map((b) => b.number ?? b.text.match(/\((\d)\)/)?.[1]).sort()).toEqual(['1', '2', '3', '4', '7']);
    const eq1 = marked.find((b) => b.text.startsWith('Q_% Z f ðPÞ'))!;
    expect(eq1.suspectSpans!.map(([a, e]) => eq1.text.slice(a, e))).toEqual(['ðPÞ', 'CgðTÞ']);
    // The sentence after it says f(P) in the text face, and is credible.
    const where = doc.pages[2]!.blocks.find((b) => b.text.startsWith('where Q_% is the percentile flow, f(P) is a function'));
    expect(where?.suspectText).toBeUndefined();
    expect(doc.warnings.some((w) => /letters of another script/.test(w) && /pp\. 3-5/.test(w))).toBe(true);
  });

  it('strucchange: its transpose sign read as a broken bar (x_i¦) marks the sentence it is in', async () => {
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    const para = doc.pages[1]!.blocks.find((b) => b.text.startsWith('where at time i, y_i is the observation'))!;
    expect(para.suspectText).toBe('symbols');
    expect(para.suspectSpans!.map(([a, e]) => para.text.slice(a, e))).toEqual(['x_{ik})¦']);
  });

  it('a clean book is not marked', async () => {
    const { doc } = await ingested('long/pdfjs_freeculture.pdf');
    expect(doc.pages.flatMap((p) => p.blocks.filter((b) => b.suspectText)).map((b) => b.text)).toEqual([]);
  });

  it('symbols inside words are suspect, accents and ordinary signs are not', () => {
    expect(suspectText('the set a♣b of pairs')).toBe('symbols');
    expect(suspectText('δ(q, q¯) is chosen as the sum, |dp − dp′| ≤ 1')).toBeUndefined();
    expect(suspectText('Mn(t|h) = ���� of � the')).toBe('unmapped');
    expect(suspectText('with x_i¦ β_i the model')).toBe('symbols');
    expect(suspectText('Q Z f ðPÞ CgðTÞ')).toBe('script');
    // Icelandic words keep their eth and thorn.
    expect(suspectText('Þórður og Guðrún fóru til Reykjavíkur')).toBeUndefined();
    expect(suspectSpans('a ðPÞ b c x¦ d')).toEqual([[2, 5], [10, 12]]);
  });
});
