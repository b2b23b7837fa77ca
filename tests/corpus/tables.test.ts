// Tables with no caption, and no rules or only a frame: rows whose cells line up in three or more
// columns. Ground truth from the page images (pdftoppm): the tables below are every such table in
// these documents; prose, reference lists, code and R printouts must give none.
import { describe, expect, it } from 'vitest';
import type { SourceDocument, Table } from '../../engine/ingest/types.js';
import { ingested } from '../helpers/ingest-cache.js';

const found = (doc: SourceDocument): Table[] => doc.tables.filter((t) => t.uncaptioned);

describe('tables without rules or captions', () => {
  it('ucasthesis: the list of symbols is a table of 13 rows (header included) in 3 columns', async () => {
    const { doc } = await ingested('papers/ucasthesis_zh_template_sample.pdf');
    const t = found(doc);
    // p. 20: the systems and editors table (booktabs rules only, its caption on the page before).
    expect(t.map((x) => x.page)).toEqual([17, 20]);
    expect(t[1]!.rows).toEqual([
      ['操作系统', 'LATEX 编译系统', 'LATEX 文本编辑器'],
      ['Linux', 'TEXLive Full', 'Texmaker 或 Vim'],
      ['MacOS', 'MacTEX Full', 'Texmaker 或 Texshop'],
      ['Windows', 'TEXLive Full 或 MiKTEX', 'Texmaker'],
    ]);
    expect(t[0]!.label).toBe('Table on p. 17');
    expect(t[0]!.rows).toHaveLength(13);
    expect(t[0]!.rows[0]).toEqual(['Symbol', 'Description', 'Unit']);
    expect(t[0]!.rows[2]).toEqual(['𝐶_𝑣', 'specific heat capacity at constant volume', 'm² ⋅ s⁻² ⋅ K⁻¹']);
    // Its block stands where the rows were, and the rows are no longer paragraphs.
    const page = doc.pages[16]!;
    expect(page.blocks.filter((b) => b.type === 'table' && b.ref === t[0]!.id)).toHaveLength(1);
    expect(page.blocks.filter((b) => b.type === 'paragraph' && /specific total energy/.test(b.text))).toEqual([]);
  });

  it('survival: the centred example data set is a table; R printouts in a fixed-pitch face are not', async () => {
    const { doc } = await ingested('papers/debian_r-survival_timedep.pdf');
    const t = found(doc);
    expect(t.map((x) => x.page)).toEqual([4]);
    expect(t[0]!.rows[0]!.slice(0, 5)).toEqual(['subject', 'time1', 'time2', 'status', 'age']);
    expect(t[0]!.rows.slice(1).map((r) => r[2])).toEqual(['15', '46', '73', '100']);
  });

  it('freeculture: the boxed table of cases on p. 91 (no caption) keeps its four columns and rows', async () => {
    const { doc } = await ingested('long/pdfjs_freeculture.pdf');
    const t = found(doc);
    expect(t.map((x) => x.page)).toEqual([91]);
    expect(t[0]!.rows.slice(-4)).toEqual([
      ['Recordings', 'Composers', 'No protection', 'Statutory license'],
      ['Radio', 'Recording artists', 'N/A', 'Nothing'],
      ['Cable TV', 'Broadcasters', 'No protection', 'Statutory license'],
      ['VCR', 'Film creators', 'No protection', 'Nothing'],
    ]);
  });

  it('no false tables on prose, equations, code, reference lists or slides', async () => {
    for (const f of [
      'papers/debian_r-strucchange_intro.pdf',
      'papers/unstructured_multi-column_DPR.pdf',
      'papers/mineru_demo1_jhydrol2005.pdf',
      'papers/mineru_demo2_stereo.pdf',
      'papers/mineru_demo3_tableformer.pdf',
      'papers/pdfjs_tracemonkey.pdf',
      'papers/pdfjs_TAMReview.pdf',
      'papers/unstructured_fr_olap.pdf',
      'slides/aiven_5-types-of-database.pdf',
    ]) {
      const { doc } = await ingested(f);
      expect(found(doc).map((t) => `${f} p${t.page}: ${t.rows[0]!.join(' | ')}`)).toEqual([]);
    }
  });
});
