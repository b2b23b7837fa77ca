// Display equations come whole: every piece in a display's band (its left side, fraction parts, a
// sum's limits, the number at the right margin) is one `equation` block with the union box and
// the number. Counts checked against the pages (pdftotext -layout and the page images).
import { describe, expect, it } from 'vitest';
import type { Block, SourceDocument } from '../../engine/ingest/types.js';
import { ingested } from '../helpers/ingest-cache.js';

const equations = (doc: SourceDocument): Block[] => doc.pages.flatMap((p) => p.blocks.filter((b) => b.type === 'equation'));
const numbers = (doc: SourceDocument): string[] => equations(doc).flatMap((b) => (b.number !== undefined ? [b.number] : []));
const range = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i + 1));

/** Text blocks (not the display itself) lying mostly inside a display's box: pieces left over. */
function leftovers(doc: SourceDocument): string[] {
  const out: string[] = [];
  for (const p of doc.pages) {
    for (const e of p.blocks) {
      if (e.type !== 'equation') continue;
      for (const b of p.blocks) {
        if (b === e || b.type === 'header' || b.type === 'footer' || b.type === 'figure') continue;
        const w = Math.min(b.bbox[2], e.bbox[2]) - Math.max(b.bbox[0], e.bbox[0]);
        const h = Math.min(b.bbox[3], e.bbox[3]) - Math.max(b.bbox[1], e.bbox[1]);
        const area = (b.bbox[2] - b.bbox[0]) * (b.bbox[3] - b.bbox[1]);
        if (w > 0 && h > 0 && w * h > 0.3 * area) out.push(`p${p.index} ${b.type} "${b.text}" in (${e.number ?? '-'})`);
      }
    }
  }
  return out;
}

describe('display equations', () => {
  it('strucchange: all 27 numbered displays, each one block with its number and its left side', async () => {
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    expect(numbers(doc)).toEqual(range(27));
    expect(leftovers(doc)).toEqual([]);
    const eq = (n: string): Block => equations(doc).find((b) => b.number === n)!;
    // (2): "H₀ : βi = β₀" was a paragraph beside "(i = 1, . . . , n) (2)".
    expect(eq('2').text).toMatch(/^H₀ : β_i = β₀ .*\(2\)$/);
    // (7): the sum's limits, the fraction and the number in one box, out to the right margin.
    expect(eq('7').text).toContain('W_n(t)');
    expect(eq('7').text).toContain('i=k+1');
    expect(eq('7').bbox[0]).toBeLessThan(215);
    expect(eq('7').bbox[2]).toBeGreaterThan(510);
    // (5) and (6) are set one under the other: two displays, not one.
    expect(eq('5').text).not.toContain('(6)');
    // The paragraph that had taken (3)'s "1/n Σ" keeps only its own line.
    const para = doc.pages[1]!.blocks.find((b) => b.text.startsWith('It is assumed that the regressors'))!;
    expect(para.type).toBe('paragraph');
    expect(para.text).toMatch(/and that$/);
  });

  it('survival: both numbered displays and the unnumbered partial likelihood are whole', async () => {
    const { doc } = await ingested('papers/debian_r-survival_timedep.pdf');
    expect(numbers(doc)).toEqual(['1', '2']);
    const lik = equations(doc).filter((b) => b.page === 24);
    expect(lik).toHaveLength(1);
    expect(lik[0]!.text).toContain('=');
    expect(lik[0]!.bbox[3] - lik[0]!.bbox[1]).toBeGreaterThan(20);
    expect(leftovers(doc)).toEqual([]);
  });

  it('two-column papers: displays flush left (Elsevier) and in either column', async () => {
    const hydrol = (await ingested('papers/mineru_demo1_jhydrol2005.pdf')).doc;
    expect(numbers(hydrol)).toEqual(range(7));
    expect(leftovers(hydrol)).toEqual([]);
    // A thesis in Chinese numbers its displays "… (2.1)" and, in its appendix, "… (A.1)".
    const thesis = (await ingested('papers/ucasthesis_zh_template_sample.pdf')).doc;
    expect(numbers(thesis)).toEqual(['2.1', '2.2', 'A.1', 'A.2']);
    const stereo = (await ingested('papers/mineru_demo2_stereo.pdf')).doc;
    expect(numbers(stereo)).toEqual(range(9));
    expect(leftovers(stereo)).toEqual([]);
  });

  it('no prose, definitions or unreadable text taken for a display', async () => {
    const olap = (await ingested('papers/unstructured_fr_olap.pdf')).doc;
    expect(equations(olap).filter((b) => /Définition/.test(b.text))).toEqual([]);
    const tam = (await ingested('papers/pdfjs_TAMReview.pdf')).doc;
    expect(equations(tam)).toEqual([]);
    // In the vignette, no sentence became an equation.
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    expect(equations(doc).filter((b) => /\b(the|of|is)\b/.test(b.text))).toEqual([]);
  });
});
