// Sentence splitting for extractive writing. Scientific text is full of full stops that do not end
// sentences ("et al.", "Fig. 3", "e.g.", "3.5", "U.S."), so a stop ends a sentence only when the next
// word starts like a sentence and the word before it is not a known abbreviation.

const ABBREV = new Set(
  [
    'al', 'fig', 'figs', 'eq', 'eqs', 'sec', 'secs', 'tab', 'ref', 'refs', 'e.g', 'i.e', 'cf', 'vs', 'etc', 'approx',
    'dr', 'mr', 'mrs', 'ms', 'prof', 'no', 'nos', 'vol', 'pp', 'p', 'ch', 'chap', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr',
    'st', 'resp', 'viz', 'ca', 'ed', 'eds', 'approx', 'dept', 'univ', 'u.s', 'u.k', 'jan', 'feb', 'mar', 'apr', 'jun',
    'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'def', 'thm', 'lem', 'prop', 'alg', 'appx', 'app',
  ].map((s) => s.toLowerCase()),
);

/** Splits text into sentences, keeping each sentence's exact characters (so quotes match the source). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?。！？]["”’)\]]*(?=\s+|$)/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].length;
    const before = text.slice(start, m.index);
    const rawWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
    const lastWord = rawWord.toLowerCase();
    const after = text.slice(end).trimStart();
    if (m[0].startsWith('.')) {
      if (ABBREV.has(lastWord) || ABBREV.has(lastWord.replace(/\.$/, ''))) continue;
      // A single capital letter before the stop is an initial ("A. Gal").
      if (/^\p{Lu}$/u.test(rawWord)) continue;
      // The next word must start a sentence: a capital, a digit, a quote or bracket, or CJK.
      if (after !== '' && !/^[\p{Lu}\d"“‘([\u3400-\u9fff]/u.test(after)) continue;
    }
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * Chinese and Japanese characters: scripts written without spaces between words. Hangul is left out:
 * Korean separates its words with spaces.
 */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;

/**
 * Word count. A run of Chinese or Japanese characters counts as one word per two characters (the
 * average length of a Chinese word), so a limit of 60 words keeps a normal Chinese sentence of ~100
 * characters instead of dropping it as if it had 100 words.
 */
export function wordCount(s: string): number {
  const cjk = (s.match(CJK) ?? []).length;
  const words = (s.replace(CJK, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
  return words + Math.ceil(cjk / 2);
}
