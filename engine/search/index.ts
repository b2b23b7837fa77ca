// Retrieval over ingested SourceDocuments: BM25 over text blocks and captions, figures and tables
// ranked by caption relevance and by in-text mentions ("as shown in Figure 3"), and key-sentence
// extraction (BM25 relevance + TextRank centrality, diversified with MMR). The offline research
// provider reads with it; the composer can write with it.
import type { BBox, Block, SourceDocument } from '../ingest/types.js';
import { Bm25Index } from './bm25.js';
import { mmr, textRank } from './rank.js';
import { splitSentences, termVector } from './similarity.js';

export { Bm25Index, stem, terms } from './bm25.js';
export { mmr, textRank } from './rank.js';
export { cosine, splitSentences, termVector, type TermVector } from './similarity.js';

export interface Passage {
  sourceId: string;
  page: number;
  blockId: string;
  bbox: BBox;
  type: Block['type'];
  text: string;
  /** Figure/table id for captions and table blocks. */
  ref?: string;
  /** Title of the section the block sits in. */
  section?: string;
  /** Titles from the top-level section down to `section`. */
  sectionPath?: string[];
}

export interface ScoredPassage extends Passage {
  score: number;
}

export interface VisualHit {
  sourceId: string;
  ref: string;
  kind: 'figure' | 'table';
  label: string;
  caption: string;
  page: number;
  bbox: BBox;
  score: number;
  /** Blocks of the retrieved passages that mention this figure or table. */
  mentionedIn: { page: number; blockId: string }[];
}

export interface KeySentence {
  passage: Passage;
  /** An exact substring of passage.text. */
  sentence: string;
  score: number;
}

const SKIP: ReadonlySet<Block['type']> = new Set(['header', 'footer', 'reference', 'figure', 'equation']);
const MENTION = /\b(Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?)\s*(\d+)/gi;

/** Section titles compared without their numbering or case ("5 Experiments" = "experiments"). */
function sectionKey(title: string): string {
  return title.replace(/^[\d.\s]+/, '').trim().toLowerCase();
}

/** The figure/table labels a text mentions, normalised to "Figure 3" / "Table 2". */
export function mentionedLabels(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(MENTION)) out.add(`${/^f/i.test(m[1] ?? '') ? 'Figure' : 'Table'} ${m[2]}`);
  return [...out];
}

export class SourceIndex {
  readonly passages: Passage[] = [];
  private bm25: Bm25Index = new Bm25Index([]);
  private readonly visuals: Omit<VisualHit, 'score' | 'mentionedIn'>[] = [];
  private captionIndex: Bm25Index = new Bm25Index([]);

  constructor(docs: readonly SourceDocument[]) {
    for (const doc of docs) this.add(doc);
  }

  /** Adds a document (a web page read mid-run) and rebuilds the indexes. */
  add(doc: SourceDocument): void {
    const sectionOf = new Map<string, string[]>();
    const stack: { level: number; title: string }[] = [];
    for (const s of doc.sections) {
      while (stack.length && stack[stack.length - 1]!.level >= s.level) stack.pop();
      stack.push({ level: s.level, title: s.title });
      for (const id of s.blockIds) sectionOf.set(id, stack.map((x) => x.title));
    }
    let inReferences = false;
    for (const page of doc.pages) {
      for (const b of page.blocks) {
        if (b.type === 'heading') inReferences = /^\s*(references|bibliography)\s*$/i.test(b.text);
        if (SKIP.has(b.type) || inReferences || b.text.trim().length < 3) continue;
        const sectionPath = sectionOf.get(b.id);
        const section = sectionPath?.at(-1);
        this.passages.push({
          sourceId: doc.id,
          page: b.page,
          blockId: b.id,
          bbox: b.bbox,
          type: b.type,
          text: b.text,
          ...(b.ref ? { ref: b.ref } : {}),
          ...(section ? { section, sectionPath } : {}),
        });
      }
    }
    for (const f of doc.figures) this.visuals.push({ sourceId: doc.id, ref: f.id, kind: 'figure', label: f.label, caption: f.caption, page: f.page, bbox: f.bbox });
    for (const t of doc.tables) this.visuals.push({ sourceId: doc.id, ref: t.id, kind: 'table', label: t.label, caption: t.caption, page: t.page, bbox: t.bbox });
    // Section titles ride along with each block so a query for "evaluation" finds the section's text.
    this.bm25 = new Bm25Index(this.passages.map((p) => `${p.text} ${p.section ?? ''}`));
    this.captionIndex = new Bm25Index(this.visuals.map((v) => `${v.label} ${v.caption}`));
  }

  /** Ranked passages for a query, optionally within one source. */
  search(query: string, opts: { k?: number; sourceId?: string; section?: string; type?: Passage['type'] } = {}): ScoredPassage[] {
    const k = opts.k ?? 10;
    const scores = this.bm25.scores(query);
    const section = opts.section !== undefined ? sectionKey(opts.section) : undefined;
    return this.passages
      .map((p, i) => ({ ...p, score: scores[i] ?? 0 }))
      .filter((p) => p.score > 0 && (!opts.type || p.type === opts.type) && (!opts.sourceId || p.sourceId === opts.sourceId) && (section === undefined || (p.sectionPath ?? []).some((t) => sectionKey(t) === section)))
      .sort((a, b) => b.score - a.score || 0)
      .slice(0, k);
  }

  /**
   * Figures and tables for a query: caption relevance, plus credit for every retrieved passage that
   * mentions the label in its own source.
   */
  searchVisuals(query: string, opts: { k?: number; sourceId?: string; passages?: ScoredPassage[] } = {}): VisualHit[] {
    const k = opts.k ?? 5;
    const capScores = this.captionIndex.scores(query);
    const passages = opts.passages ?? this.search(query, { k: 20, ...(opts.sourceId ? { sourceId: opts.sourceId } : {}) });
    const top = passages[0]?.score ?? 1;
    const hits: VisualHit[] = this.visuals.map((v, i) => ({ ...v, score: capScores[i] ?? 0, mentionedIn: [] }));
    for (const p of passages) {
      for (const label of mentionedLabels(p.text)) {
        for (const h of hits) {
          if (h.sourceId !== p.sourceId || h.label !== label) continue;
          h.score += p.score / top;
          h.mentionedIn.push({ page: p.page, blockId: p.blockId });
        }
      }
    }
    return hits
      .filter((h) => h.score > 0 && (!opts.sourceId || h.sourceId === opts.sourceId))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }

  /** Passages of one page of one source, in reading order. */
  pagePassages(sourceId: string, page: number): Passage[] {
    return this.passages.filter((p) => p.sourceId === sourceId && p.page === page);
  }
}

/**
 * The `k` sentences of `passages` that best answer `query`: BM25 relevance among the sentences,
 * weighted by TextRank centrality (how much of the rest they summarise), picked with MMR so they do
 * not repeat each other. Each sentence is an exact substring of its passage's text.
 */
export function keySentences(query: string, passages: readonly Passage[], k: number, opts: { minWords?: number; maxWords?: number } = {}): KeySentence[] {
  const minWords = opts.minWords ?? 8;
  const maxWords = opts.maxWords ?? 80;
  const cands: { passage: Passage; sentence: string }[] = [];
  for (const p of passages) {
    // A caption speaks for its figure or table, which is shown with it: quoted alone as a note it
    // reads as a stray line ("The four document collections used in the evaluation.").
    if (p.type === 'heading' || p.type === 'title' || p.type === 'table' || p.type === 'caption') continue;
    for (const s of splitSentences(p.text)) {
      const words = s.split(/\s+/).length;
      // Sentences that are mostly numbers or symbols make poor notes.
      const letters = s.replace(/[^\p{L}]/gu, '').length;
      if (words < minWords || words > maxWords || letters < s.length * 0.6) continue;
      // Fragments make poor notes: a block that starts or ends mid-sentence (a column or page break).
      if (/^[\p{Ll}]/u.test(s) || !/[.!?。！？]["')\]]*$/u.test(s)) continue;
      cands.push({ passage: p, sentence: s });
    }
  }
  if (cands.length === 0) return [];
  const bm = new Bm25Index(cands.map((c) => c.sentence)).scores(query);
  const maxBm = Math.max(...bm, 1e-9);
  const vectors = cands.map((c) => termVector(c.sentence));
  const central = textRank(vectors);
  const relevance = cands.map((_, i) => 0.7 * ((bm[i] ?? 0) / maxBm) + 0.3 * (central[i] ?? 0));
  return mmr(relevance, vectors, k)
    .filter((i) => (bm[i] ?? 0) > 0)
    .map((i) => ({ ...cands[i]!, score: relevance[i] ?? 0 }));
}
