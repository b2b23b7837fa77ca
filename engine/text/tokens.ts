// Word tokens for comparing and searching text: case- and width-folded, hyphenated line breaks
// mended, CJK characters as single tokens (those scripts put no spaces between words).

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/**
 * A title's letters and digits, compatibility-folded and lower-cased: two settings of one title compare
 * equal ("1. Introduction", "1 INTRODUCTION"; a bookmark's "Λ,λ,SNN", the page's math italic "Λ, 𝜆, √𝑆𝑁𝑁").
 */
export function squashKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function wordTokens(text: string): string[] {
  const t = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/([a-z\u00df-\u024f])-\s*\n\s*([a-z\u00df-\u024f])/gu, '$1$2');
  const out: string[] = [];
  for (const m of t.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (!CJK_CHAR.test(w)) {
      out.push(w);
      continue;
    }
    let run = '';
    for (const ch of w) {
      if (CJK_CHAR.test(ch)) {
        if (run) out.push(run);
        run = '';
        out.push(ch);
      } else run += ch;
    }
    if (run) out.push(run);
  }
  return out;
}

/** Multiset word F1 of `candidate` against `reference`. */
export function wordF1(candidate: string, reference: string): { f1: number; precision: number; recall: number } {
  const a = count(wordTokens(candidate));
  const b = count(wordTokens(reference));
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [k, v] of a) inter += Math.min(v, b.get(k) ?? 0);
  const precision = na === 0 ? 0 : inter / na;
  const recall = nb === 0 ? 0 : inter / nb;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall };
}

function count(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}
