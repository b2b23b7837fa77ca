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
