// Text from fonts whose encoding cannot be read is marked and warned about, not passed on silently.
import { describe, expect, it } from 'vitest';
import { suspectText } from '../../engine/ingest/pdf/analyze.js';
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

  it('a clean book is not marked', async () => {
    const { doc } = await ingested('long/pdfjs_freeculture.pdf');
    expect(doc.pages.flatMap((p) => p.blocks.filter((b) => b.suspectText)).map((b) => b.text)).toEqual([]);
  });

  it('symbols inside words are suspect, accents and ordinary signs are not', () => {
    expect(suspectText('the set a♣b of pairs')).toBe('symbols');
    expect(suspectText('δ(q, q¯) is chosen as the sum, |dp − dp′| ≤ 1')).toBeUndefined();
    expect(suspectText('Mn(t|h) = ���� of � the')).toBe('unmapped');
  });
});
