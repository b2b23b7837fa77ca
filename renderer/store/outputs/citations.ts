// Report citations → the page they cite, at the quote's box. The report's Markdown marks a citation
// "[n, p. P]" (source n of its References list, page P) linking to #references; the run's evidence
// holds the notes the report was written from, each with its source, page and box. A citation is
// resolved to its source by the References entry (which names the file), then to the box of the
// note on that page whose text shares most words with the sentence the marker follows.
import type { Evidence, EvidenceRef } from '../../../electron/contract/contract.ts';

export interface CitationMark {
  /** 1-based number in the References list. */
  source: number;
  page: number;
}

/** "[2, p. 14]" (with or without the brackets) → {source: 2, page: 14}; anything else → null. */
export function parseCitation(text: string): CitationMark | null {
  const m = /^\s*\[?\s*(\d+)\s*,\s*p\.\s*(\d+)\s*\]?\s*$/.exec(text);
  if (!m) return null;
  const source = Number(m[1]);
  const page = Number(m[2]);
  return source >= 1 && page >= 1 ? { source, page } : null;
}

/**
 * The project source that References entry `n` names: the source whose file name the entry
 * contains (the longest such name, so "a.pdf" does not win over "data.pdf"), else the run's n-th
 * source. Null when neither exists.
 */
export function citedSource(n: number, references: string[], runSourceIds: string[], names: Record<string, string>): string | null {
  const entry = references[n - 1];
  if (entry !== undefined) {
    const hits = runSourceIds.filter((id) => names[id] && entry.includes(names[id]));
    hits.sort((a, b) => (names[b]?.length ?? 0) - (names[a]?.length ?? 0));
    if (hits[0]) return hits[0];
  }
  return runSourceIds[n - 1] ?? null;
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);

/**
 * Where on the page a citation points: the ref (on that source and page) of the note that best
 * matches `context`, the text the marker closes. A page with no boxed note still opens, unboxed.
 */
export function citationTarget(evidence: Evidence | undefined, sourceId: string, page: number, context: string): EvidenceRef {
  const want = words(context);
  let best: { ref: EvidenceRef; score: number } | null = null;
  for (const note of evidence?.notes ?? []) {
    for (const ref of note.refs) {
      if (ref.sourceId !== sourceId || ref.page !== page || !ref.bbox) continue;
      const have = words(note.text);
      let shared = 0;
      for (const w of have) if (want.has(w)) shared++;
      const score = have.size ? shared / have.size : 0;
      if (!best || score > best.score) best = { ref, score };
    }
  }
  return best?.ref ?? { sourceId, page };
}
