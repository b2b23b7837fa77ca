// Citations on slides: each source gets a reference number, and a bullet's citation ids become one
// short marker such as "[1, p. 4]" or "[1, pp. 4, 7; 2, p. 3]". The references slide lists the numbers.
import type { Citation, Deck, Passage, SourceRef } from '../../compose/types.js';

export interface ReferenceEntry {
  n: number;
  sourceId: string;
  title: string;
  authors: string[];
  file: string;
  /** The pages cited anywhere in the deck, ascending. */
  pages: number[];
}

export interface CitationIndex {
  /** " [1, p. 4]" (with its leading space) or "" when the passage cites nothing resolvable. */
  marker(cites: readonly string[]): string;
  /** "Gal et al., p. 4" style line for notes: "[1] <title>, p. 4". */
  sourceLine(citeId: string): string | undefined;
  references(): ReferenceEntry[];
  citation(id: string): Citation | undefined;
}

export function citationIndex(deck: Deck): CitationIndex {
  const numbers = new Map<string, number>();
  const sources = new Map<string, SourceRef>();
  for (const s of deck.sources) {
    sources.set(s.id, s);
    if (!numbers.has(s.id)) numbers.set(s.id, numbers.size + 1);
  }
  // Sources cited but missing from deck.sources still get a number (from the citation's own title).
  for (const c of Object.values(deck.citations)) if (!numbers.has(c.sourceId)) numbers.set(c.sourceId, numbers.size + 1);

  const pagesBySource = new Map<string, Set<number>>();
  const usedCites = new Set<string>();
  for (const slide of deck.slides) {
    for (const id of [...slide.sources, ...slide.bullets.flatMap((b) => b.cites)]) usedCites.add(id);
  }
  for (const id of usedCites) {
    const c = deck.citations[id];
    if (!c) continue;
    let set = pagesBySource.get(c.sourceId);
    if (!set) pagesBySource.set(c.sourceId, (set = new Set()));
    set.add(c.page);
  }

  return {
    marker(cites) {
      const bySource = new Map<number, Set<number>>();
      for (const id of cites) {
        const c = deck.citations[id];
        if (!c) continue;
        const n = numbers.get(c.sourceId);
        if (n === undefined) continue;
        let set = bySource.get(n);
        if (!set) bySource.set(n, (set = new Set()));
        set.add(c.page);
      }
      if (bySource.size === 0) return '';
      const parts = [...bySource.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([n, pages]) => {
          const ps = [...pages].sort((a, b) => a - b);
          return `${n}, ${ps.length === 1 ? 'p.' : 'pp.'} ${ps.join(', ')}`;
        });
      return ` [${parts.join('; ')}]`;
    },
    sourceLine(id) {
      const c = deck.citations[id];
      if (!c) return undefined;
      return `[${numbers.get(c.sourceId) ?? '?'}] ${c.sourceTitle}, p. ${c.page}`;
    },
    references() {
      const out: ReferenceEntry[] = [];
      for (const [sourceId, n] of numbers) {
        const s = sources.get(sourceId);
        const cited = pagesBySource.get(sourceId);
        const anyCite = Object.values(deck.citations).find((c) => c.sourceId === sourceId);
        if (!s && !anyCite) continue;
        out.push({
          n,
          sourceId,
          title: s?.title ?? anyCite?.sourceTitle ?? sourceId,
          authors: s?.authors ?? [],
          file: s?.file ?? anyCite?.sourceFile ?? '',
          pages: cited ? [...cited].sort((a, b) => a - b) : [],
        });
      }
      return out.sort((a, b) => a.n - b.n);
    },
    citation(id) {
      return deck.citations[id];
    },
  };
}

/** One reference as a line of text: "[1] Title. Authors. file, pp. 1, 4". */
export function referenceText(r: ReferenceEntry): string {
  const authors = r.authors.length > 3 ? `${r.authors.slice(0, 3).join(', ')} et al.` : r.authors.join(', ');
  const pages = r.pages.length ? `, ${r.pages.length === 1 ? 'p.' : 'pp.'} ${r.pages.join(', ')}` : '';
  return `[${r.n}] ${r.title}.${authors ? ` ${authors}.` : ''}${r.file ? ` ${r.file}` : ''}${pages}`;
}

/** The bullet as shown: its text plus the citation marker. */
export function bulletText(p: Passage, idx: CitationIndex): string {
  return `${p.text.trim()}${idx.marker(p.cites)}`;
}
