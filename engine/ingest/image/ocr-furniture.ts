// Running heads and page numbers on pages read by OCR. The text layer's analysis finds a document's
// furniture from where its lines repeat; OCR'd pages come after it, and the lines a scanned paper
// repeats at every page's top ("Overview of the Technology Acceptance Model … MY Chuttur") and foot
// ("Sprouts - http://sprouts.aisnet.org/9-37", "3") read as the first and last paragraphs of each
// page. Here the same test is made over the OCR'd pages, allowing for OCR's small misreadings.
import { headKey, PAGE_NUMBER } from '../pdf/analyze.js';
import type { Block, SourceDocument } from '../types.js';

/** The outer share of a page where running heads and feet stand; page numbers may stand a little further in. */
const ZONE = 0.12;
const NUMBER_ZONE = 0.15;

interface Candidate {
  block: Block;
  zone: 'header' | 'footer';
  page: number;
  /** Its letters and page-number marks, lower case, nothing else: what OCR reads the same each time. */
  key: string;
  bare: boolean;
}

/**
 * Types as header or footer the OCR blocks of `pages` (indexes) that stand in a page's outer tenth
 * and repeat, near enough letter for letter, on a third of those pages (two at least), and the bare
 * page numbers there. Returns how many blocks it typed.
 */
export function markOcrFurniture(doc: SourceDocument, pages: readonly number[]): number {
  const cands: Candidate[] = [];
  for (const index of pages) {
    const page = doc.pages[index - 1];
    if (!page) continue;
    const ocr = page.blocks.filter((b) => b.textSource === 'ocr' && (b.type === 'paragraph' || b.type === 'heading' || b.type === 'title'));
    for (const b of ocr) {
      const text = headKey(b.text);
      const bare = PAGE_NUMBER.test(text);
      const reach = bare ? NUMBER_ZONE : ZONE;
      const zone = b.bbox[3] <= reach * page.height ? 'header' : b.bbox[1] >= (1 - reach) * page.height ? 'footer' : null;
      if (!zone) continue;
      cands.push({ block: b, zone, page: index, key: text.replace(/[^\p{L}#]/gu, ''), bare });
    }
  }
  const need = Math.max(2, Math.ceil(pages.length * 0.3));
  let marked = 0;
  for (const c of cands) {
    const repeated =
      c.key.length >= 3 &&
      new Set(cands.filter((o) => o.zone === c.zone && (o === c || similar(o.key, c.key))).map((o) => o.page)).size >= need;
    if (c.bare || repeated) {
      c.block.type = c.zone;
      delete c.block.level;
      marked++;
    }
  }
  return marked;
}

/**
 * Within one edit in ten of each other (Levenshtein), and one edit at least from five characters on
 * ("第一章商品 19" read as "第一章商 13" and "第一章商 創品 15").
 */
function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const longest = Math.max(a.length, b.length);
  const allowed = longest >= 5 ? Math.max(1, Math.floor(longest / 10)) : 0;
  if (Math.abs(a.length - b.length) > allowed) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > allowed) return false;
    prev = cur;
  }
  return prev[b.length]! <= allowed;
}
