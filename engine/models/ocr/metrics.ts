// Character error rate, the OCR quality measure used by tests and bench/ocr.ts: the edit distance
// between recognised and reference text divided by the reference length, after a normalisation
// that removes what is not a reading error (whitespace and line breaks, ligatures and full-width
// forms via NFKC, typographic quote and dash variants).

export function normaliseForCer(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00b7\u2022\u2219]/g, '·')
    .replace(/\s+/gu, '');
}

/** Levenshtein distance over code points, two rows of memory. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/** CER of `hypothesis` against `reference` (0 = perfect; can exceed 1 for long garbage). */
export function characterErrorRate(hypothesis: string, reference: string): number {
  const h = normaliseForCer(hypothesis);
  const r = normaliseForCer(reference);
  if (r.length === 0) return h.length === 0 ? 0 : 1;
  return editDistance(h, r) / Array.from(r).length;
}

/**
 * The words of a text for word-level scores: NFKC, quote and dash variants unified, words split
 * over a line-end hyphen joined again, lower case, outer punctuation stripped. Unlike CER, this
 * sees missing and extra spaces ("itsuffers" is one wrong word, not two right ones).
 */
export function wordsForScore(s: string): string[] {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201a\u201b\u2032`´]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .toLowerCase()
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 0);
}

/** Bag-of-words F1 of `hypothesis` against `reference` (1 = the same words, as often). */
export function wordF1(hypothesis: string, reference: string): number {
  const h = wordsForScore(hypothesis);
  const r = wordsForScore(reference);
  if (h.length === 0 || r.length === 0) return h.length === r.length ? 1 : 0;
  const bag = new Map<string, number>();
  for (const w of h) bag.set(w, (bag.get(w) ?? 0) + 1);
  let match = 0;
  for (const w of r) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      match++;
      bag.set(w, n - 1);
    }
  }
  return (2 * match) / (h.length + r.length);
}
