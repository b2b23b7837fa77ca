// Sentence splitting and bag-of-words similarity, shared by TextRank and MMR.
import { terms } from './bm25.js';

/** Abbreviations that end with a period but do not end a sentence. */
const ABBREV = /(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Tab|No|Dr|Mr|Ms|resp|approx)\.|\b[A-Z]\.)$/;

/**
 * Splits text into sentences, each an exact substring of the input (quotes must be findable in the
 * source as they are).
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?。！？](?=["')\]]*(\s+|$))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + 1;
    const candidate = text.slice(start, end);
    if (ABBREV.test(candidate)) continue;
    // A period between digits or before a lower-case word is not a sentence end ("3.5 times", "approx. two").
    const next = text.slice(end).trimStart();
    if (/^[a-z]/.test(next)) continue;
    const s = candidate.trim();
    if (s) out.push(s);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

export type TermVector = Map<string, number>;

export function termVector(text: string): TermVector {
  const v = new Map<string, number>();
  for (const w of terms(text)) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
