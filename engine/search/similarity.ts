// Bag-of-words similarity shared by TextRank and MMR (sentences are split by engine/text).
import { terms } from './bm25.js';

// One sentence splitter for the engine (abbreviations, initials, decimals; exact substrings).
export { splitSentences } from '../text/sentences.js';

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
