// Sections marked by kind (references, acknowledgements, appendix) so outputs can leave them out,
// and authors read from title pages without their affiliations or dates. Expectations from the pages.
import { describe, expect, it } from 'vitest';
import { ingested } from '../helpers/ingest-cache.js';

const kinds = async (rel: string): Promise<[string, string | undefined][]> =>
  (await ingested(rel)).doc.sections.filter((s) => s.kind).map((s) => [`${s.number ? `${s.number} ` : ''}${s.title}`, s.kind]);

describe('back matter', () => {
  it('strucchange: acknowledgements, references and the appendix after them are marked', async () => {
    expect(await kinds('papers/debian_r-strucchange_intro.pdf')).toEqual([
      ['Acknowledgments', 'acknowledgements'],
      ['References', 'references'],
      ['A Implementation details for p values', 'appendix'],
    ]);
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    // The bibliography is a section of its own, its entries references, none a heading.
    const refs = doc.sections.find((s) => s.kind === 'references')!;
    const blocks = doc.pages.flatMap((p) => p.blocks);
    const inRefs = blocks.filter((b) => refs.blockIds.slice(1).includes(b.id));
    expect(inRefs.length).toBeGreaterThan(15);
    expect(inRefs.filter((b) => b.type === 'heading')).toEqual([]);
    expect(inRefs.some((b) => b.type === 'reference' && b.text.startsWith('G. C. Chow. Tests of equality between sets of'))).toBe(true);
    // The conclusions end where the references begin.
    const concl = doc.sections.find((s) => s.title === 'Conclusions')!;
    expect(blocks.filter((b) => concl.blockIds.includes(b.id)).some((b) => /Chow. Tests of equality/.test(b.text))).toBe(false);
  });

  it('DPR: appendices A-D after the references; the thesis: 附录 A with its A.n, 参考文献, 致谢', async () => {
    expect(await kinds('papers/unstructured_multi-column_DPR.pdf')).toEqual([
      ['Acknowledgments', 'acknowledgements'],
      ['References', 'references'],
      ['A Distant Supervision', 'appendix'],
      ['B Alternative Similarity Functions &', 'appendix'],
      ['C Qualitative Analysis', 'appendix'],
      ['D Joint Training of Retriever and Reader', 'appendix'],
    ]);
    const thesis = await kinds('papers/ucasthesis_zh_template_sample.pdf');
    expect(thesis.filter(([, k]) => k === 'appendix').map(([t]) => t.slice(0, 4))).toEqual(['附录 A', 'A.1 ', 'A.2 ', 'A.3 ']);
    expect(thesis.filter(([, k]) => k !== 'appendix')).toEqual([
      ['参考文献', 'references'],
      ['致谢', 'acknowledgements'],
    ]);
  });

  it('a body section titled like back matter is not marked ("2.3.6 参考文献引用")', async () => {
    const { doc } = await ingested('papers/ucasthesis_zh_template_sample.pdf');
    expect(doc.sections.find((s) => s.number === '2.3.6')?.kind).toBeUndefined();
  });
});

describe('authors', () => {
  it('survival: three names set as headings under the title are the authors, not sections; the clinic and the date are neither', async () => {
    const { doc } = await ingested('papers/debian_r-survival_timedep.pdf');
    expect(doc.authors).toEqual(['Terry Therneau', 'Cynthia Crowson', 'Elizabeth Atkinson']);
    expect(doc.sections[0]?.title).toBe('Introduction');
    expect(doc.sections.map((s) => s.title)).not.toContain('February 6, 2023');
  });

  it('strucchange: its four authors are not sections', async () => {
    const { doc } = await ingested('papers/debian_r-strucchange_intro.pdf');
    expect(doc.authors).toEqual(['Achim Zeileis', 'Friedrich Leisch', 'Kurt Hornik', 'Christian Kleiber']);
    expect(doc.sections.map((s) => s.title)).not.toContain('Kurt Hornik');
    // The subsections of section 4 are there.
    expect(doc.sections.filter((s) => /^4\.\d$/.test(s.number ?? '')).map((s) => s.number)).toEqual(['4.1', '4.2', '4.3']);
  });

  it('survival: subsections 3.1-3.6 are found', async () => {
    const { doc } = await ingested('papers/debian_r-survival_timedep.pdf');
    expect(doc.sections.filter((s) => /^3\.\d$/.test(s.number ?? '')).map((s) => s.number)).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6']);
  });
});
