// Okapi BM25 over short passages (blocks, captions, sentences). Tokens come from engine/text so search
// folds case, width and hyphenated line breaks the same way the rest of the engine does.
import { wordTokens } from '../text/tokens.js';

/** Words too common to rank on (English function words; CJK runs through as single characters). */
const STOP = new Set(
  (
    'a an and are as at be been but by can do does for from had has have how if in into is it its of on or our so such than that the their them then there these they this to was we were what when which while who why will with would not no yes also more most very using used use two both between each other' +
    // Task words of a research goal say what to do, not what to look for.
    ' compare compared comparing contrast describe explain summarize summarise discuss paper papers article study'
  ).split(
    ' ',
  ),
);

export function terms(text: string): string[] {
  return wordTokens(text)
    .filter((w) => !STOP.has(w))
    .map(stem);
}

/** A light suffix stripper so "evaluate", "evaluation" and "evaluated" meet (Porter step 1 in spirit). */
export function stem(w: string): string {
  // Two rounds so "evaluated" → "evaluat" → "evalu" meets "evaluation" → "evalu".
  return strip(strip(w));
}

const SUFFIXES = ['ational', 'ations', 'ation', 'ements', 'ement', 'ities', 'ity', 'ings', 'ing', 'ness', 'ies', 'ied', 'ed', 'es', 'ly', 'ate', 'at', 's', 'e'];

function strip(w: string): string {
  if (w.length <= 4 || /\d/.test(w)) return w;
  for (const suf of SUFFIXES) {
    if (w.endsWith(suf) && w.length - suf.length >= 4) return w.slice(0, -suf.length);
  }
  return w;
}

export interface Bm25Options {
  k1?: number;
  b?: number;
}

export class Bm25Index {
  private readonly docs: Map<string, number>[] = [];
  private readonly lengths: number[] = [];
  private readonly df = new Map<string, number>();
  private avgLen = 0;
  private readonly k1: number;
  private readonly b: number;

  constructor(texts: readonly string[], opts: Bm25Options = {}) {
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.75;
    let total = 0;
    for (const t of texts) {
      const tf = new Map<string, number>();
      const ts = terms(t);
      for (const w of ts) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      this.docs.push(tf);
      this.lengths.push(ts.length);
      total += ts.length;
    }
    this.avgLen = texts.length ? total / texts.length : 0;
  }

  get size(): number {
    return this.docs.length;
  }

  idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 score of every passage for the query, in passage order. */
  scores(query: string): number[] {
    const q = [...new Set(terms(query))];
    return this.docs.map((tf, i) => {
      let s = 0;
      const len = this.lengths[i] ?? 0;
      for (const w of q) {
        const f = tf.get(w);
        if (!f) continue;
        s += (this.idf(w) * f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * len) / (this.avgLen || 1)));
      }
      return s;
    });
  }

  /** Indices of the best `k` passages with a positive score, best first (ties keep passage order). */
  top(query: string, k: number): { index: number; score: number }[] {
    return this.scores(query)
      .map((score, index) => ({ index, score }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, k);
  }
}
