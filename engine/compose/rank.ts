// Extractive selection: which source sentences carry a section. TextRank over TF-IDF vectors finds
// sentences the section keeps coming back to, a lead bias favours its opening, a goal pulls relevant
// ones forward, and MMR keeps the picks from repeating each other (TextRank and MMR: engine/search).
import { cosine, mmr, textRank } from '../search/index.js';
import { wordTokens } from '../text/tokens.js';

const STOP = new Set(
  'a an the and or of to in on for with by from as at is are was were be been being this that these those it its we our us they their them he she his her which who whom what when where how than then there here can could may might will would shall should do does did not no nor so such into over under also both each either more most other some any all only own same too very just about above after again against because before below between during further once while up down out off per via using use used based'.split(
    ' ',
  ),
);

export function contentTokens(s: string): string[] {
  return wordTokens(s).filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/.test(w));
}

type Vec = Map<string, number>;

function tfidf(docs: string[][], idf: Map<string, number>): Vec[] {
  return docs.map((toks) => {
    const v: Vec = new Map();
    for (const t of toks) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [k, c] of v) {
      const w = (1 + Math.log(c)) * (idf.get(k) ?? 1);
      v.set(k, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / norm);
    return v;
  });
}

export interface Candidate {
  text: string;
  /** Position in the section (0 = first), for a lead bias and to restore reading order. */
  position: number;
}

export interface RankOptions {
  /** How many to pick. */
  k: number;
  /** Goal or topic text that picks should be relevant to. */
  query?: string;
  /** 0..1: 1 = pure relevance, lower = more diversity (MMR). */
  lambda?: number;
  /** Corpus-level document frequencies for IDF (defaults to the candidates themselves). */
  idf?: Map<string, number>;
}

/** Returns indices of the chosen candidates, in their original order. */
export function pickSentences(cands: readonly Candidate[], opts: RankOptions): number[] {
  if (cands.length === 0 || opts.k <= 0) return [];
  const toks = cands.map((c) => contentTokens(c.text));
  const idf = opts.idf ?? buildIdf(toks);
  const vecs = tfidf(toks, idf);
  const central = textRank(vecs);
  const qv = opts.query ? tfidf([contentTokens(opts.query)], idf)[0]! : undefined;
  const base = cands.map((c, i) => {
    const lead = 1 / (1 + c.position / 4);
    const rel = qv ? cosine(qv, vecs[i]!) : 0;
    return 0.55 * central[i]! + 0.25 * lead + (qv ? 0.6 * rel : 0);
  });
  return mmr(base, vecs, Math.min(opts.k, cands.length), opts.lambda ?? 0.7).sort((a, b) => a - b);
}

export function buildIdf(docs: readonly string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [k, c] of df) idf.set(k, Math.log(1 + docs.length / c));
  return idf;
}
