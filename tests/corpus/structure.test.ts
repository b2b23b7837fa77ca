// Document structure a reader relies on: section headings in order with their numbers, and the
// two-column first page of a paper read column by column (title, authors, abstract, introduction).
import { describe, expect, it } from 'vitest';
import { ingested } from '../helpers/ingest-cache.js';

const heads = async (rel: string) => (await ingested(rel)).doc.sections.map((s) => (s.number ? `${s.number} ${s.title}` : s.title));

describe('section headings', () => {
  it('tracemonkey: every numbered section and sub-section, in order', async () => {
    const got = await heads('papers/pdfjs_tracemonkey.pdf');
    const expected = [
      '1 Introduction',
      '2 Overview: Example Tracing Run',
      '3 Trace Trees',
      '3.1 Traces',
      '3.2 Trace Trees',
      '3.3 Blacklisting',
      '4 Nested Trace Tree Formation',
      '4.1 Nesting Algorithm',
      '4.2 Blacklisting with Nesting',
      '5 Trace Tree Optimization',
      '5.1 Optimizations',
      '5.2 Register Allocation',
      '6 Implementation',
      '6.1 Calling Compiled Traces',
      '6.2 Trace Stitching',
      '6.3 Trace Recording',
      '6.4 Preemption',
      '6.5 Calling External Functions',
      '6.6 Correctness',
      '7 Evaluation',
      '8 Related Work',
      '9 Conclusions',
      '10 Future Work',
    ];
    expect(got.filter((h) => /^\d/.test(h))).toEqual(expected);
    expect(got[0]).toBe('Abstract');
    expect(got.at(-1)).toBe('References');
  });

  it('DPR: the body sections in order with their numbers', async () => {
    const got = (await heads('papers/unstructured_multi-column_DPR.pdf')).filter((h) => /^\d/.test(h));
    expect(got).toEqual([
      '1 Introduction',
      '2 Background',
      '3 Dense Passage Retriever (DPR)',
      '3.1 Overview',
      '3.2 Training',
      '4 Experimental Setup',
      '4.1 Wikipedia Data Pre-processing',
      '4.2 Question Answering Datasets',
      '5 Experiments: Passage Retrieval',
      '5.1 Main Results',
      '5.2 Ablation Study on Model Training',
      '5.3 Qualitative Analysis',
      '5.4 Run-time Efficiency',
      '6 Experiments: Question Answering',
      '6.1 End-to-end QA System',
      '6.2 Results',
      '7 Related Work',
      '8 Conclusion',
    ]);
  });
});

describe('first page of a two-column paper', () => {
  it('DPR: title, authors, abstract, then the introduction, never across the columns; the arXiv stamp is not the title', async () => {
    const { doc } = await ingested('papers/unstructured_multi-column_DPR.pdf');
    expect(doc.title).toBe('Dense Passage Retrieval for Open-Domain Question Answering');
    expect(doc.authors).toEqual(['Vladimir Karpukhin', 'Barlas Oğuz', 'Sewon Min', 'Patrick Lewis', 'Ledell Wu', 'Sergey Edunov', 'Danqi Chen', 'Wen-tau Yih']);
    expect(doc.abstract).toMatch(/^Open-domain question answering relies on efficient passage retrieval/);
    const body = doc.pages[0]!.blocks.filter((b) => b.type !== 'header' && b.type !== 'footer').map((b) => b.text);
    const at = (re: RegExp) => body.findIndex((t) => re.test(t));
    expect(at(/^Abstract$/)).toBeGreaterThan(at(/^Dense Passage Retrieval/));
    expect(at(/^Open-domain question answering relies/)).toBeGreaterThan(at(/^Abstract$/));
    expect(at(/^1 Introduction$/)).toBeGreaterThan(at(/^Open-domain question answering relies/));
    expect(at(/^Open-domain question answering \(QA\)/)).toBeGreaterThan(at(/^1 Introduction$/));
    // The right column starts after the left one ends, and no block mixes the two.
    for (const b of doc.pages[0]!.blocks) if (b.bbox[1] > 200 && b.type === 'paragraph') expect(b.bbox[2] - b.bbox[0], b.text.slice(0, 40)).toBeLessThan(260);
  });
});
