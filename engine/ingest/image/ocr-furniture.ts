// Running heads and page numbers on pages read by OCR. The text layer's analysis finds a document's
// furniture from where its lines repeat; OCR'd pages come after it, and the lines a scanned paper
// repeats at every page's top ("Overview of the Technology Acceptance Model … MY Chuttur") and foot
// ("Sprouts - http://sprouts.aisnet.org/9-37", "3") read as the first and last paragraphs of each
// page. Here the same test is made over the OCR'd pages, allowing for OCR's small misreadings.
import { editDistance } from '../../models/ocr/metrics.js';
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
 * Types as header or footer the OCR blocks of `pages` (indexes) that stand in a page's outer 12 %
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
  // The pages each distinct key of a zone is on, then the keys that count as the same line.
  const pagesOf = new Map<string, Set<number>>();
  for (const c of cands) {
    const k = `${c.zone}|${c.key}`;
    let set = pagesOf.get(k);
    if (!set) pagesOf.set(k, (set = new Set()));
    set.add(c.page);
  }
  const keys = [...pagesOf.keys()].map((k) => {
    const zone = k.slice(0, k.indexOf('|'));
    return { k, zone, key: new Key(k.slice(zone.length + 1)) };
  });
  // Keys near each other form a group: one group per running head, however OCR misreads it. A key is
  // compared with a few keys of each group, not with every other key; a key near two groups joins
  // them ("第一章商 13" and "第一章商 創品 15" are both near "第一章商 品 17").
  let groups: { zone: string; members: Key[]; pages: Set<number>; keys: string[] }[] = [];
  for (const a of keys) {
    const near = a.key.length >= 3 ? groups.filter((g) => g.zone === a.zone && g.members.slice(0, 8).some((m) => m.near(a.key))) : [];
    const into = near[0] ?? { zone: a.zone, members: [], pages: new Set<number>(), keys: [] };
    if (near.length === 0) groups.push(into);
    for (const g of near.slice(1)) {
      into.members.push(...g.members);
      into.keys.push(...g.keys);
      for (const p of g.pages) into.pages.add(p);
    }
    if (near.length > 1) groups = groups.filter((g) => !near.includes(g) || g === into);
    into.members.push(a.key);
    into.keys.push(a.k);
    for (const p of pagesOf.get(a.k)!) into.pages.add(p);
  }
  const repeats = new Map<string, number>();
  for (const g of groups) for (const k of g.keys) repeats.set(k, g.pages.size);
  let marked = 0;
  for (const c of cands) {
    const repeated = c.key.length >= 3 && (repeats.get(`${c.zone}|${c.key}`) ?? 0) >= need;
    if (c.bare || repeated) {
      c.block.type = c.zone;
      delete c.block.level;
      marked++;
    }
  }
  return marked;
}

/** A key with what makes comparing it cheap: its length and how often each character occurs in it. */
class Key {
  readonly length: number;
  private readonly counts = new Map<string, number>();

  constructor(readonly text: string) {
    const chars = Array.from(text);
    this.length = chars.length;
    for (const c of chars) this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
  }

  /**
   * Within one edit in ten of the other, and one edit at least from five characters on ("第一章商品
   * 19" read as "第一章商 13" and "第一章商 創品 15"). Lengths and character counts rule most pairs out
   * before the edit distance is computed: an edit changes the counts by two at most.
   */
  near(o: Key): boolean {
    if (this.text === o.text) return true;
    const longest = Math.max(this.length, o.length);
    const allowed = longest >= 5 ? Math.max(1, Math.floor(longest / 10)) : 0;
    if (allowed === 0 || Math.abs(this.length - o.length) > allowed) return false;
    let diff = 0;
    for (const [c, n] of this.counts) diff += Math.abs(n - (o.counts.get(c) ?? 0));
    for (const [c, n] of o.counts) if (!this.counts.has(c)) diff += n;
    if (diff > 2 * allowed) return false;
    return editDistance(this.text, o.text) <= allowed;
  }
}
