// Text fidelity: every born-digital PDF in papers/, slides/ and long/ keeps its words. The
// reference is pdftotext (crop box) on the same file; the measure is multiset word F1 over the
// pages whose text layer Folio trusts. Pages Folio flags as missing or garbage must really be so:
// pdftotext must not find readable text there either.
import { describe, expect, it } from 'vitest';
import { wordF1, wordTokens } from '../../engine/text/tokens.js';
import { corpus, corpusPdfs, pdftotext } from '../helpers/corpus.js';
import { ingested } from '../helpers/ingest-cache.js';

const files = [...corpusPdfs('papers'), ...corpusPdfs('slides'), ...corpusPdfs('long')];

/** Readable running text: enough plausible Latin or CJK words. */
function readable(text: string): boolean {
  const words = wordTokens(text);
  const good = words.filter((w) => /^[a-z]{3,}$/.test(w) && /[aeiouy]/.test(w)).length;
  const cjk = words.filter((w) => /^[\u4e00-\u9fff]$/u.test(w)).length;
  return (good >= 30 && good >= 0.5 * words.length) || cjk >= 60;
}

// Where pdftotext's text is not what the page shows, line by line (each checked against a rendering):
// - freeculture.pdf carries printer's line numbers, a job slug ("14773_01_1-174_r9jm.qxd 2/10/04
//   3:51 PM Page 4"), a proof stamp ("4TH PASS PAGES") and sheet marks ("S32", "R33") that poppler
//   extracts but does not draw (render pages 20 and 105 with pdftoppm: they are not there; pdftotext
//   -bbox leaves them out too); pdf.js, and so Folio, skips them.
// - tableformer sets its name in small capitals, TABLEFORMER and TABFACT with no space (render page
//   1); pdftotext breaks each word where the letter size changes ("TABLE F ORMER", "TAB F ACT").
const REFERENCE_FIXES: Record<string, (line: string) => string> = {
  'long/pdfjs_freeculture.pdf': (line) =>
    /\.qxd\b/.test(line) || /^\s*(\d(ST|ND|RD|TH) PASS PAGES|[SR]\d{2})\s*$/.test(line) ? '' : line.replace(/^\s*\d{1,2}[SR]?(\s{2,}|$)/, ''),
  'papers/mineru_demo3_tableformer.pdf': (line) => line.replace(/\bTAB(LE)? F (ORMER|ACT)\b/g, 'TAB$1F$2'),
};

// Where pdftotext loses letters Folio reads: strucchange's TeX bitmap fonts have no Unicode map, and
// pdftotext drops their ligatures ("uctuation", "signi cance", "coe cients"; render page 1: the
// words are whole). Folio reads them from the font's TeX encoding (engine/ingest/pdf/tex-encoding.ts).
// Both sides then compare with each ligature's letters taken out, so neither gains from them.
const LIGATURES_LOST = new Set(['papers/debian_r-strucchange_intro.pdf']);
const dropLigatures = (t: string): string => t.replace(/ffi|ffl|ff|fi|fl/g, ' ');

// pdftotext sets super- and subscripts flat ("TAPASBASE", "Qi"); Folio writes the ones it sees as
// such in TeX's notation where Unicode has no character for them ("TAPAS_{BASE}", "q_i",
// engine/ingest/pdf/lines.ts scriptText). Ours compares with that notation taken out, outside code
// (where an underscore is the listing's own).
// A one-character script follows a lone letter ("q_i", "n^k") or a number: "much_of_a" is a name.
const flatScripts = (t: string): string =>
  t.replace(/[_^]\{([^{}\s]*)\}/gu, '$1').replace(/(?<=(?:^|[^\p{L}\p{N}_])\p{L}|[\p{N}%)])[_^](\S)(?![\p{L}\p{N}])/gu, '$1');

describe('text fidelity against pdftotext', () => {
  for (const rel of files) {
    it(`${rel}: word F1 ≥ 0.97 on trusted pages; flagged pages unreadable`, async () => {
      const r = await ingested(rel);
      const refPages = pdftotext(corpus(rel)).split('\f');
      const ours: string[] = [];
      const ref: string[] = [];
      for (const p of r.doc.pages) {
        const clean = REFERENCE_FIXES[rel];
        const raw = refPages[p.index - 1] ?? '';
        const refText = clean ? raw.split('\n').map(clean).join('\n') : raw;
        if (p.textLayer === 'native') {
          ours.push(p.blocks.map((b) => (b.type === 'code' ? b.text : flatScripts(b.text))).join('\n'));
          ref.push(refText);
        } else {
          // A flag is justified when pdftotext cannot read the page either, or when the text layer
          // itself is visibly broken (characters without a Unicode mapping).
          const ourText = p.blocks.map((b) => b.text).join('');
          const broken = (ourText.match(/\ufffd/g) ?? []).length > 0.05 * ourText.replace(/\s/g, '').length;
          expect(broken || !readable(refText), `page ${p.index} flagged ${p.textLayer} but pdftotext reads it`).toBe(true);
        }
      }
      const same = LIGATURES_LOST.has(rel) ? dropLigatures : (t: string): string => t;
      const { f1, precision, recall } = wordF1(same(ours.join('\n')), same(ref.join('\n')));
      const flagged = r.doc.pages.length - ours.length;
      console.log(`${rel}: F1 ${f1.toFixed(4)} (P ${precision.toFixed(4)}, R ${recall.toFixed(4)}), ${flagged} of ${r.doc.pages.length} pages flagged`);
      if (ours.length > 0) expect(f1).toBeGreaterThanOrEqual(0.97);
    });
  }
});
