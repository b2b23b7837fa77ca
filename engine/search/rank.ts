// TextRank centrality (PageRank over a sentence-similarity graph) and Maximal Marginal Relevance.
import { cosine, type TermVector } from './similarity.js';

/** Centrality of each item in a similarity graph: PageRank with damping `d`, normalised to max 1. */
export function textRank(vectors: readonly TermVector[], opts: { damping?: number; iterations?: number } = {}): number[] {
  const n = vectors.length;
  if (n === 0) return [];
  const d = opts.damping ?? 0.85;
  const w: number[][] = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 0 : cosine(a, b))));
  const outSum = w.map((row) => row.reduce((s, x) => s + x, 0));
  let r = new Array<number>(n).fill(1 / n);
  for (let it = 0; it < (opts.iterations ?? 30); it++) {
    const next = new Array<number>(n).fill((1 - d) / n);
    for (let j = 0; j < n; j++) {
      const oj = outSum[j] ?? 0;
      if (oj === 0) continue;
      const rj = (r[j] ?? 0) / oj;
      for (let i = 0; i < n; i++) next[i]! += d * (w[j]![i] ?? 0) * rj;
    }
    r = next;
  }
  const max = Math.max(...r);
  return r.map((x) => (max > 0 ? x / max : 0));
}

/**
 * Maximal Marginal Relevance: picks `k` items trading relevance against similarity to the items
 * already picked (lambda 1 = relevance only). Returns indices in pick order; deterministic.
 */
export function mmr(relevance: readonly number[], vectors: readonly TermVector[], k: number, lambda = 0.7): number[] {
  const picked: number[] = [];
  const left = new Set(relevance.map((_, i) => i));
  while (picked.length < k && left.size > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of left) {
      const red = picked.length ? Math.max(...picked.map((j) => cosine(vectors[i]!, vectors[j]!))) : 0;
      const s = lambda * (relevance[i] ?? 0) - (1 - lambda) * red;
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    }
    picked.push(best);
    left.delete(best);
  }
  return picked;
}
