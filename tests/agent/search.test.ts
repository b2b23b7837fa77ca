// Retrieval on real papers: BM25 passages, figures/tables by caption and in-text mention, and
// key sentences that are exact substrings of the source.
import { describe, expect, it } from 'vitest';
import { SourceIndex, keySentences, mentionedLabels, mmr, splitSentences, stem, termVector, textRank } from '../../engine/search/index.js';
import { ingested } from '../helpers/ingest-cache.js';

describe('search helpers', () => {
  it('splits sentences without breaking on abbreviations or decimals, as exact substrings', () => {
    const text = 'We compare against V8 and SFX, e.g. on SunSpider. The speedup is 2.5x overall. Fig. 3 shows it!';
    const s = splitSentences(text);
    expect(s).toEqual(['We compare against V8 and SFX, e.g. on SunSpider.', 'The speedup is 2.5x overall.', 'Fig. 3 shows it!']);
    for (const x of s) expect(text).toContain(x);
  });
  it('stems word families together', () => {
    expect(new Set(['evaluate', 'evaluated', 'evaluation', 'evaluating'].map(stem)).size).toBe(1);
  });
  it('finds figure and table mentions', () => {
    expect(mentionedLabels('as shown in Figure 3 and Fig. 4, and Table 2')).toEqual(['Figure 3', 'Figure 4', 'Table 2']);
  });
  it('TextRank puts the sentence sharing most with the others first; MMR avoids repeats', () => {
    const v = ['dense retrieval beats bm25', 'dense retrieval beats bm25 on questions', 'bm25 is a sparse retrieval baseline', 'cats sleep'].map(termVector);
    const r = textRank(v);
    expect(r[3]).toBeLessThan(Math.min(r[0]!, r[1]!, r[2]!));
    const picked = mmr([1, 0.99, 0.5], v.slice(0, 3), 2, 0.3);
    expect(picked[0]).toBe(0);
    expect(picked[1]).toBe(2);
  });
});

describe('SourceIndex on the TraceMonkey and DPR papers', () => {
  it('ranks passages and visuals for a question', async () => {
    const tm = (await ingested('papers/pdfjs_tracemonkey.pdf')).doc;
    const dpr = (await ingested('papers/unstructured_multi-column_DPR.pdf')).doc;
    const index = new SourceIndex([tm, dpr]);
    const hits = index.search('speedup over the SpiderMonkey interpreter on SunSpider benchmarks', { k: 5 });
    expect(hits[0]?.sourceId).toBe(tm.id);
    expect(hits.some((h) => h.sectionPath?.[0] === 'Evaluation')).toBe(true);
    const inSection = index.search('retrieval accuracy', { sourceId: dpr.id, section: 'Experiments: Passage Retrieval' });
    expect(inSection.length).toBeGreaterThan(0);
    for (const h of inSection) expect(h.sectionPath?.[0]).toBe('Experiments: Passage Retrieval');
    const visuals = index.searchVisuals('top-20 top-100 retrieval accuracy on test sets', { sourceId: dpr.id });
    expect(visuals[0]).toMatchObject({ kind: 'table', label: 'Table 2' });
    const figs = index.searchVisuals('speedup vs baseline interpreter', { sourceId: tm.id });
    expect(figs[0]?.label).toBe('Figure 10');
  });

  it('key sentences are whole sentences found verbatim in their blocks', async () => {
    const dpr = (await ingested('papers/unstructured_multi-column_DPR.pdf')).doc;
    const index = new SourceIndex([dpr]);
    const passages = index.search('retrieval accuracy compared with BM25', { k: 15 });
    const ks = keySentences('retrieval accuracy compared with BM25', passages, 4);
    expect(ks.length).toBe(4);
    for (const k of ks) {
      expect(k.passage.text).toContain(k.sentence);
      expect(k.sentence).toMatch(/^[^a-z].*[.!?]$/s);
    }
    expect(new Set(ks.map((k) => k.sentence)).size).toBe(4);
  });

  it('a caption is found as a passage but never quoted as a note on its own', async () => {
    // Table 2's caption matches the query best, and speaks for its table, which is shown with it.
    const dpr = (await ingested('papers/unstructured_multi-column_DPR.pdf')).doc;
    const index = new SourceIndex([dpr]);
    const q = 'top-20 top-100 retrieval accuracy on test sets';
    const passages = index.search(q, { k: 15 });
    expect(passages.some((p) => p.type === 'caption')).toBe(true);
    const ks = keySentences(q, passages, 6);
    expect(ks.length).toBeGreaterThan(0);
    expect(ks.filter((k) => k.passage.type === 'caption').map((k) => k.sentence)).toEqual([]);
  });
});
