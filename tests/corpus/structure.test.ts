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

  it('an outline that leaves the numbers out still finds its headings, and they keep their numbers and text', async () => {
    // jhydrol's bookmarks read "Introduction", its headings "1. Introduction": every section but
    // the first was empty, and the first held the whole paper.
    const { doc } = await ingested('papers/mineru_demo1_jhydrol2005.pdf');
    expect(doc.sections.map((s) => (s.number ? `${s.number} ${s.title}` : s.title))).toEqual([
      'The response of flow duration curves to afforestation',
      '1 Introduction',
      '2 Methods',
      '2.1 Characterisation of flow regime',
      '2.2 Zero flow day analysis',
      '2.3 Statistical analyses',
      '3 Data sets',
      '4 Results',
      '4.1 Model evaluation',
      '4.2 Adjusted FDCs-magnitude of flow reductions',
      '4.3 Timing of flow reductions',
      '4.4 Comparison with paired catchment studies',
      '4.5 Zero flow days',
      '5 Discussion',
      '6 Summary and conclusions',
      'Acknowledgements',
      'References',
    ]);
    for (const s of doc.sections) expect(s.blockIds.length, s.title).toBeGreaterThan(0);
    expect(doc.sections[0]!.blockIds.length).toBeLessThan(20);
    // Free Culture's "1. More Formalities" … "5. Fire Lots of Lawyers", bookmarked without numbers.
    const fc = (await ingested('long/pdfjs_freeculture.pdf')).doc.sections.filter((s) => s.page >= 293 && s.level === 3);
    expect(fc.map((s) => `${s.number} ${s.title}`)).toEqual(['1 More Formalities', '2 Shorter Terms', '3 Free Use Vs. Fair Use', '4 Liberate the Music -- Again', '5 Fire Lots of Lawyers']);
    for (const s of fc) expect(s.blockIds.length, s.title).toBeGreaterThan(0);
    // ...and its chapters, bookmarked "Chapter 1: Creators", "2: “Mere Copyists”" … for heads set
    // "CHAPTER ONE: Creators", "CHAPTER TWO: “Mere Copyists”" in a typewriter face.
    const book = (await ingested('long/pdfjs_freeculture.pdf')).doc;
    const chapters = book.sections.filter((s) => /^(Chapter )?\d+: /.test(s.title));
    expect(chapters.length).toBe(14);
    for (const c of chapters) {
      const first = book.pages[c.page - 1]!.blocks.find((b) => b.id === c.blockIds[0]);
      expect(first?.type, c.title).toBe('heading');
      expect(first?.text, c.title).toMatch(/^CHAPTER [A-Z]+: /);
      expect(c.blockIds.length, c.title).toBeGreaterThan(1);
    }
  });

  it('IRS: headings found past their revision dates, and its bookmarks to exhibits are not sections', async () => {
    // "2.3.59.1 Program Scope and Objectives" bookmarks "2.3.59.1 (12-12-2022) Program Scope and
    // Objectives"; "2.3.59-1 Command Code BMFOL/BMFOR Input Display" bookmarks the caption
    // "Exhibit 2.3.59-1 (07-01-2019) Command Code …". 132 of 134 sections were empty.
    const { doc } = await ingested('long/unstructured_irs_irm_400p.pdf');
    const numbered = doc.sections.filter((s) => s.number).map((s) => s.number);
    expect(numbered.slice(0, 3)).toEqual(['2.3.59.1', '2.3.59.1.1', '2.3.59.1.2']);
    expect(numbered).toContain('2.3.59.9');
    expect(doc.sections.filter((s) => /^\d+(\.\d+)*-\d+\s/.test(s.title))).toEqual([]);
    expect(doc.sections.filter((s) => s.blockIds.length === 0).map((s) => s.title)).toEqual([]);
    // Each paragraph's "(1)", set in a column of its own, is with its text, not in the heading beside it.
    const p8 = doc.pages[7]!.blocks;
    expect(p8.find((b) => b.text.startsWith('2.3.59.2 '))?.text).toBe('2.3.59.2 (01-20-2003) Command Code BMFOL Overview');
    expect(p8.filter((b) => b.type === 'list-item').map((b) => b.text.slice(0, 16))).toContain('(1) The Business');
    expect(p8.filter((b) => /^\(\d\)$/.test(b.text))).toEqual([]);
    // Its headings stand in the margin beside their sections: each section holds its own text.
    const textOf = (n: string): string[] => doc.sections.find((s) => s.number === n)!.blockIds.map((id) => p8.find((b) => b.id === id)?.text ?? '');
    expect(textOf('2.3.59.2')).toEqual(['2.3.59.2 (01-20-2003) Command Code BMFOL Overview', expect.stringMatching(/^\(1\) The Business Master file/)]);
    expect(textOf('2.3.59.3')[1]).toMatch(/^\(1\) This command code is provided/);
    const scope = doc.sections.find((s) => s.number === '2.3.59.1')!;
    expect(doc.pages[6]!.blocks.find((b) => b.id === scope.blockIds[0])?.text).toBe('2.3.59.1 (12-12-2022) Program Scope and Objectives');
  });
});

describe('IEEE-style headings', () => {
  it('stereo: sections I–V and the references in capitals, set in the body font, and their lettered sub-sections one level down', async () => {
    const { doc } = await ingested('papers/mineru_demo2_stereo.pdf');
    const got = doc.sections.map((s) => `${s.level} ${s.number ?? ''} ${s.title}`);
    expect(got).toEqual([
      '1 I INTRODUCTION',
      '1 II BACKGROUND',
      '1 III METHOD',
      '2 A Two-Pass Spatial Cost Aggregation',
      '2 B Temporal cost aggregation',
      '2 C Disparity Selection and Confidence Assessment',
      '2 D Iterative Disparity Refinement',
      '1 IV RESULTS',
      // Under Table II, in small capitals in the body's font: the table took it in.
      '1 V CONCLUSION',
      '1  REFERENCES',
    ]);
    expect(doc.tables.find((t) => t.label === 'Table II')?.rows.flat()).not.toContain('V. CONCLUSION');
    // "III. METHOD" runs straight into its first paragraph in the same font: it is still a block of its own.
    const method = doc.pages.flatMap((p) => p.blocks).find((b) => b.text.startsWith('III. METHOD'))!;
    expect(method.type).toBe('heading');
    expect(method.text).toBe('III. METHOD');
  });
});

describe('front matter', () => {
  it('abstracts end where the abstract ends: not at keywords, footnotes, a footnote mark or the next page', async () => {
    const abstract = async (rel: string): Promise<string> => (await ingested(rel)).doc.abstract ?? '';
    const tm = await abstract('papers/pdfjs_tracemonkey.pdf');
    expect(tm).toMatch(/speedups of 10x and more for certain benchmark programs\.$/);
    expect(tm).not.toMatch(/Keywords|General Terms/);
    expect(await abstract('papers/unstructured_multi-column_DPR.pdf')).toMatch(/open-domain QA benchmarks\.$/);
    const jh = await abstract('papers/mineru_demo1_jhydrol2005.pdf');
    // Its enumeration "(1) fit a model …" is part of its sentence; the e-mail footnote and page 2
    // are not part of it.
    expect(jh).toMatch(/A method was developed to \(1\) fit a model to the observed annual time series/);
    expect(jh).not.toMatch(/E-mail|Keywords|254$/);
    // The publisher's notice after it ("q 2005 Elsevier B.V. All rights reserved.") is not either.
    expect(jh).toMatch(/where paired catchment data is not available\.$/);
    // The first page's "* Corresponding author. …" is a footnote, not a bullet.
    const p1 = (await ingested('papers/mineru_demo1_jhydrol2005.pdf')).doc.pages[0]!.blocks;
    expect(p1.find((b) => b.text.startsWith('* Corresponding author'))?.type).toBe('footnote');
    const tf = await abstract('papers/mineru_demo3_tableformer.pdf');
    expect(tf).toMatch(/while TABLEFORMER is not affected\.$/);
    // "… TABLEFORMER is / (1) strictly invariant …": the line break is not a list.
    expect(tf).toMatch(/TABLEFORMER is \(1\) strictly invariant/);
    const tam = await abstract('papers/pdfjs_TAMReview.pdf');
    expect(tam).toMatch(/well established theory for the IS community\.$/);
  });

  it('authors: no tool garbage from the metadata, no "KEY WORDS"', async () => {
    expect((await ingested('papers/pdfjs_TAMReview.pdf')).doc.authors).toEqual(['Mohammad Chuttur']);
    expect((await ingested('annotated/pdffigures2/3a9202f9f176d3377516e3da0866cc19148c033b.pdf')).doc.authors).toEqual(['ANDREW CHARLES']);
  });

  it('authors: the title page wins over metadata that names only the first of them', async () => {
    // 498bb0's metadata author is "Michele Banko"; its title page names five, then "Turing Center".
    const banko = (await ingested('annotated/pdffigures2/498bb0efad6ec15dd09d941fb309aa18d6df9f5f.pdf')).doc;
    expect(banko.authors).toEqual(['Michele Banko', 'Michael J Cafarella', 'Stephen Soderland', 'Matt Broadhead', 'Oren Etzioni']);
    // Otherwise the metadata keeps its word: the thesis's author as its metadata writes him.
    expect((await ingested('papers/ucasthesis_zh_template_sample.pdf')).doc.authors).toEqual(['莫晃锐']);
  });

  it('titles: a page without one takes the metadata or the file name, not a sentence of body text', async () => {
    expect((await ingested('annotated/docling/2305.03393v1-pg9.pdf')).doc.title).toBe('2305.03393v1-pg9');
    expect((await ingested('long/pdfjs_freeculture.pdf')).doc.title).toBe('Free Culture');
    // The redbook's cover sets "Redpaper" at 70 pt; its metadata title is also on the cover.
    expect((await ingested('long/docling_redp5110_ibm_redbook.pdf')).doc.title).toBe('Row and Column Access Control Support in IBM DB2 for i');
    expect((await ingested('papers/mineru_demo2_stereo.pdf')).doc.title).toBe('Real-time Temporal Stereo Matching using Iterative Adaptive Support Weights');
  });

  it("bookmarks to figures and tables in a PDF's outline are not sections", async () => {
    const { doc } = await ingested('annotated/pdffigures2/3a9202f9f176d3377516e3da0866cc19148c033b.pdf');
    expect(doc.sections.map((s) => s.title)).toEqual(['INTRODUCTION', 'MATERIALS AND METHODS', 'RESULTS', 'DISCUSSION AND REVIEW', 'CONCLUSIONS', 'ACKNOWLEDGMENTS', 'REFERENCES']);
  });
});

describe('running heads and page numbers', () => {
  it('are furniture where a journal sets them just below the top tenth of the page, and a contents line keeps its page number', async () => {
    const body = async (rel: string, page: number): Promise<string[]> =>
      (await ingested(rel)).doc.pages[page - 1]!.blocks.filter((b) => b.type !== 'header' && b.type !== 'footer').map((b) => b.text);
    // jhydrol: "254" and "P.N.J. Lane et al. / Journal of Hydrology …" end 10.5 % down the page.
    for (const p of [2, 3, 7, 12]) {
      const texts = await body('papers/mineru_demo1_jhydrol2005.pdf', p);
      expect(texts.filter((t) => /P\.N\.J\. Lane et al\. \/ Journal of Hydrology/.test(t) || /^\d{3}$/.test(t)), `page ${p}`).toEqual([]);
    }
    for (const p of [2, 3, 8]) {
      const texts = await body('papers/unstructured_fr_olap.pdf', p);
      expect(texts.filter((t) => t === 'J. Aligon et al.' || t === 'Résumés et interrogations de logs de requêtes OLAP'), `page ${p}`).toEqual([]);
    }
    // freeculture's contents: "“PROPERTY” 81" is an entry on the first row, not a running head.
    const toc = (await ingested('long/pdfjs_freeculture.pdf')).doc.pages[9]!.blocks;
    expect(toc.filter((b) => b.type === 'header' || b.type === 'footer').map((b) => b.text)).toEqual([]);
  });

  it("are furniture when a chapter's running head repeats on its own pages only, but a table's header row at the top stays", async () => {
    // The thesis heads odd pages with the chapter's title, smaller than the body, on four pages
    // of chapter 2: fewer than a fifth of the document's pages.
    const { doc } = await ingested('papers/ucasthesis_zh_template_sample.pdf');
    for (const p of [23, 25, 27]) {
      const blocks = doc.pages[p - 1]!.blocks;
      expect(blocks.find((b) => b.text === '第 2 章 LATEX 使用说明')?.type, `page ${p}`).toBe('header');
    }
    // On a chapter's first page the running head repeats the title set large under it: once is a heading.
    for (const [p, title] of [[21, '第 2 章 LATEX 使用说明'], [19, '第 1 章 引言'], [7, '摘 要'], [11, '目 录']] as const) {
      expect(doc.pages[p - 1]!.blocks.filter((b) => b.text === title).map((b) => b.type), `page ${p}`).toEqual(['header', 'heading']);
    }
    // tableformer: "Before Perturb" heads a table at the top of two pages; it sits right on the
    // table's rows, where a running head stands clear of the text under it.
    const tf = (await ingested('papers/mineru_demo3_tableformer.pdf')).doc;
    const heads = tf.pages.flatMap((p) => p.blocks.filter((b) => b.type === 'header' || b.type === 'footer').map((b) => b.text));
    expect(heads.filter((t) => /Before Perturb|^dK$/.test(t))).toEqual([]);
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

describe('title-page blocks set centred', () => {
  it('keep the authors and their affiliations apart, and an author line is not a section', async () => {
    // DPR: two centred rows of names, then a centred row of affiliations in another font.
    const dpr = (await ingested('papers/unstructured_multi-column_DPR.pdf')).doc.pages[0]!.blocks.map((b) => b.text);
    expect(dpr).toContain('Vladimir Karpukhin∗, Barlas Oğuz∗, Sewon Min†, Patrick Lewis, Ledell Wu, Sergey Edunov, Danqi Chen‡, Wen-tau Yih');
    expect(dpr).toContain('Facebook AI † University of Washington ‡ Princeton University');
    // pdffigures2 498bb0: one bold row of five names, larger than the body, without marks, then
    // six centred rows of address; a wrapped centred line does not start a paragraph.
    const banko = (await ingested('annotated/pdffigures2/498bb0efad6ec15dd09d941fb309aa18d6df9f5f.pdf')).doc;
    const names = banko.pages[0]!.blocks.find((b) => b.text.startsWith('Michele Banko'));
    expect(names?.text).toBe('Michele Banko, Michael J Cafarella, Stephen Soderland, Matt Broadhead and Oren Etzioni');
    expect(names?.type).toBe('paragraph');
    expect(banko.sections.map((s) => s.title)).not.toContain(names?.text);
    expect(banko.pages[0]!.blocks.find((b) => b.text.startsWith('Turing Center'))?.text).toMatch(/^Turing Center Department of .* Seattle, WA 98195, USA/);
    // fr_olap: the affiliation's two centred rows are one block.
    const fr = (await ingested('papers/unstructured_fr_olap.pdf')).doc.pages[0]!.blocks.map((b) => b.text);
    expect(fr.find((t) => t.includes('Université François Rabelais'))).toMatch(/Laboratoire d’Informatique 3 place Jean Jaurès 41000 Blois/);
  });

  it('keep centred display equations apart', async () => {
    const { doc } = await ingested('papers/ucasthesis_zh_template_sample.pdf');
    // (Its integrals' upper limits "∞ ∞" stand over it, close below the display (2.2) above.)
    const eqs = doc.pages.flatMap((p) => p.blocks).filter((b) => b.text.includes('ℒ{𝑓 }(𝑠) ='));
    expect(eqs.length).toBeGreaterThan(0);
    for (const b of eqs) {
      expect(b.type).toBe('equation');
      expect(b.text).not.toContain('ℱ');
      expect(b.text).not.toMatch(/\((2|A)\.2\)/);
    }
  });
});

describe('a slide deck without bookmarks', () => {
  it('takes each slide\'s title for a section, though it is set in the type of its bullets', async () => {
    // prefosdem2020: a LibreOffice export, titles and bullets both 28 pt, no outline.
    const { doc } = await ingested('slides/prefosdem2020_slides.pdf');
    const titles = doc.sections.map((s) => s.title);
    expect(titles.slice(0, 3)).toEqual(['Introduction: Who are I and Ticketsolve', 'Introduction: Presentation and target audience', 'Preparing MySQL: setup and tooling']);
    expect(titles).toContain('Extra: Mac Homebrew default collation is `utf8mb4_general_ci`!');
    expect(doc.sections.length).toBeGreaterThanOrEqual(15);
    for (const s of doc.sections) expect(s.blockIds.length, s.title).toBeGreaterThan(1);
  });

  it('reads bullets drawn as pictures, and lines numbered "0:", "1:", as list items', async () => {
    // Its bullets are small arrow images; the text layer has the items without marks, and each
    // slide's bullets were one paragraph.
    const { doc } = await ingested('slides/prefosdem2020_slides.pdf');
    const p5 = doc.pages[4]!.blocks.filter((b) => b.type === 'list-item').map((b) => b.text);
    expect(p5).toEqual([
      "• We've been using MySQL for 10+ years",
      '• We start each migration process around 6 months after GA',
      expect.stringMatching(/^• This presentation describes .* production to 8\.0"$/),
      '• The most important subject is utf8mb4 (and its default collation)',
      '• There is no target level, although the audience is system/database administrators',
    ]);
    // Slide 11 numbers its lines "0:" to "6:", one entry a line.
    const p11 = doc.pages[10]!.blocks.filter((b) => b.type === 'list-item').map((b) => b.text.slice(0, 3));
    expect(p11).toEqual(['0: ', '1: ', '2: ', '3: ', '4: ', '5: ', '6: ']);
  });
});

describe('contents pages', () => {
  it('are read entry by entry: number and title together, one block each', async () => {
    // IRS: exhibit numbers in a column of their own beside their titles, rows set closer than
    // paragraphs from 2.3.59-40 on. Read as two columns, every number came before every title.
    const irs = (await ingested('long/unstructured_irs_irm_400p.pdf')).doc.pages[3]!.blocks.map((b) => b.text);
    expect(irs).toContain('2.3.59-19 Command Code BMFOL Tax Module Display');
    expect(irs).toContain('2.3.59-40 Command Code BMFOL Return Form 941 Display');
    expect(irs).toContain('2.3.59-41 Command Code BMFOL Return Form 1120 Display');
    // The redbook: "1.3.1 … . . . 4" and "1.3.2 … . . . 5" were one block.
    const red = (await ingested('long/docling_redp5110_ibm_redbook.pdf')).doc.pages[4]!.blocks.map((b) => b.text);
    const entry = red.find((t) => t.startsWith('1.3.1 Existing row and column control'));
    expect(entry).toMatch(/\. 4$/);
  });
});

describe('a Chinese thesis set at 1.5 lines', () => {
  const rel = 'papers/ucasthesis_zh_template_sample.pdf';

  it('reads its prose as paragraphs of whole lines, not as code line by line', async () => {
    const { doc } = await ingested(rel);
    const blocks = doc.pages.flatMap((p) => p.blocks);
    // CJK fonts are fixed-pitch; that does not make Chinese prose a code listing.
    const cjkCode = blocks.filter((b) => b.type === 'code' && (b.text.match(/[\u4e00-\u9fff]/g) ?? []).length > b.text.length / 3);
    expect(cjkCode.map((b) => b.text.slice(0, 20))).toEqual([]);
    // The declaration is one paragraph of five lines, though every line stands ~0.9 em from the next.
    const decl = blocks.find((b) => b.text.startsWith('本人郑重声明'));
    expect(decl?.type).toBe('paragraph');
    expect(decl?.text).toContain('声明的法律结果由本人承担。');
    // An enumerated sentence is a list item, not a section title.
    expect(blocks.find((b) => b.text.startsWith('1. 安装软件'))?.type).toBe('list-item');
  });

  it('keeps a section title and the sub-section title under it apart, in order with their numbers', async () => {
    const got = await heads(rel);
    const at = (h: string) => got.indexOf(h);
    for (const h of ['2.1 先试试效果', '2.2 文档目录简介', '2.2.1 Thesis.tex', '2.2.2 编译脚本']) expect(got, h).toContain(h);
    expect(at('2.1 先试试效果')).toBeLessThan(at('2.2 文档目录简介'));
    expect(at('2.2 文档目录简介')).toBeLessThan(at('2.2.1 Thesis.tex'));
  });

  it('gives every bookmarked section its own text: a heading after a one-line item, an appendix\'s A.1 and A.2', async () => {
    const { doc } = await ingested(rel);
    const blocks = new Map(doc.pages.flatMap((p) => p.blocks).map((b) => [b.id, b]));
    expect(doc.sections.filter((s) => s.blockIds.length === 0).map((s) => s.title)).toEqual([]);
    const first = (n: string) => blocks.get(doc.sections.find((s) => s.number === n)?.blockIds[0] ?? '');
    // "• Backmatter.tex：为发表文章信息和致谢部分等。" then "2.2.6 Img 文件夹": two blocks.
    expect(first('2.2.6')?.text).toBe('2.2.6 Img 文件夹');
    expect(first('2.2.6')?.type).toBe('heading');
    // Two appendix headings one under the other, the second with its math in italic letters (the
    // bookmark writes "Λ,λ,θ,Λ,SNN").
    expect(first('A.1')?.text).toBe('A.1 论文无附录者无需附录部分');
    expect(first('A.2')?.text).toMatch(/^A\.2 测试公式编号/);
  });

  it('reads its contents page as contents lines with their page numbers', async () => {
    const { doc } = await ingested(rel);
    const contents = doc.pages[10]!.blocks;
    // The last line, "致谢 ⋅ ⋅ ⋅ … 19", sits in the bottom tenth: its number is not a page number.
    expect(contents.filter((b) => b.type === 'footer').map((b) => b.text)).toEqual(['V']);
    expect(contents.find((b) => b.text.startsWith('致谢'))?.text).toMatch(/⋅ 19$/);
    // Set in the type of the headings they name, they are still not headings.
    expect(contents.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual(['目 录']);
  });

  it('finds a table under its caption given in Chinese and in English', async () => {
    const { doc } = await ingested(rel);
    const t = doc.tables.find((x) => x.label === 'Table 2.1');
    expect(t?.caption).toBe('表 2.1 这是一个样表。');
    // Under both captions, not the theorem lines above them.
    expect(t!.bbox[1]).toBeGreaterThan(600);
    expect(t!.rows[0]).toEqual(['行号', '', '', '跨多列的标题', '', '', '', '', '']);
    expect(t!.rows.slice(1).map((r) => r.join(' '))).toEqual(['Row 1 1 2 3 4 5 6 7 8', 'Row 2 1 2 3 4 5 6 7 8', 'Row 3 1 2 3 4 5 6 7 8', 'Row 4 1 2 3 4 5 6 7 8']);
    const heading = doc.pages[23]!.blocks.find((b) => b.text === '2.3.3 表格');
    expect(heading?.type).toBe('heading');
  });

  it('reads a small table without rules row by row', async () => {
    // 操作系统 | LATEX 编译系统 over Linux | TEXLive Full, …: it was read column by column.
    const { doc } = await ingested(rel);
    // (Now a table of its own, 'Table on p. 20', whose block reads its cells row by row.)
    const block = doc.pages[19]!.blocks.find((b) => b.text.startsWith('操作系统'));
    expect(block?.type).toBe('table');
    expect(block?.text).toBe('操作系统 LATEX 编译系统 LATEX 文本编辑器 Linux TEXLive Full Texmaker 或 Vim MacOS MacTEX Full Texmaker 或 Texshop Windows TEXLive Full 或 MiKTEX Texmaker');
    expect(doc.tables.find((t) => t.page === 20)?.rows[1]).toEqual(['Linux', 'TEXLive Full', 'Texmaker 或 Vim']);
  });

  it('finds 图 2.1 as Figure 2.1 around its picture only, not the heading and text above it', async () => {
    const { doc } = await ingested(rel);
    const f = doc.figures.find((x) => x.label === 'Figure 2.1')!;
    expect(f.caption.startsWith('图 2.1')).toBe(true);
    const page = doc.pages[f.page - 1]!;
    const heading = page.blocks.find((b) => b.text.startsWith('2.3.4'))!;
    expect(f.bbox[1]).toBeGreaterThan(heading.bbox[3]);
  });

  it('does not stretch Figure 2.3 up to the rule under the running head, nor an exhibit down to the one over the foot', async () => {
    // Page 26: the header rule at y 55, the four plots from y 116 down to their (c) (d) labels.
    const { doc } = await ingested(rel);
    const f = doc.figures.find((x) => x.label === 'Figure 2.3')!;
    expect(f.page).toBe(26);
    const page = doc.pages[25]!;
    expect(page.blocks.some((b) => b.type === 'header')).toBe(true);
    expect(f.bbox[1]).toBeGreaterThan(100);
    expect(f.bbox[1]).toBeLessThan(120);
    expect(f.bbox[3]).toBeGreaterThan(360); // the (c) (d) labels
    // IRS page 48: the footer rule is at y 743; the exhibit's last row ends at 728.
    const irs = (await ingested('long/unstructured_irs_irm_400p.pdf')).doc;
    const ex = irs.tables.find((x) => x.page === 48)!;
    expect(ex.bbox[3]).toBeGreaterThan(720);
    expect(ex.bbox[3]).toBeLessThan(740);
  });
});

describe('list items and references keep all their lines', () => {
  const texts = async (rel: string) => (await ingested(rel)).doc.pages.flatMap((p) => p.blocks);

  it('a bullet of three lines hanging under its first word is one list item', async () => {
    const blocks = await texts('papers/pdfjs_tracemonkey.pdf');
    const item = blocks.find((b) => b.text.startsWith('• We validate our tracing techniques'));
    expect(item?.type).toBe('list-item');
    expect(item?.text).toContain('achieving 2x-20x speedups on many programs.');
    const dead = blocks.find((b) => b.text.startsWith('• Dead data-stack store elimination'));
    expect(dead?.text).toContain('never read back before exiting the trace');
  });

  it('an author-year reference is one block, and the next one starts where its name backs out', async () => {
    const dpr = await texts('papers/unstructured_multi-column_DPR.pdf');
    expect(dpr.find((b) => b.text.startsWith('Jane Bromley'))?.text).toMatch(/Signature verification using a .Siamese. time delay neural network\. In NIPS, pages 737–744\.$/);
    const fr = await texts('papers/unstructured_fr_olap.pdf');
    const refs = fr.filter((b) => b.type === 'reference').map((b) => b.text);
    expect(refs.some((t) => t.startsWith('Chatzopoulou, G., M. Eirinaki, et N. Polyzotis (2009).'))).toBe(true);
    expect(refs.some((t) => t.startsWith('Colas, S., P. Marcel, et E. Negre (2010).'))).toBe(true);
    expect(refs.filter((t) => /\(20\d\d[a-z]?\)\..*\(20\d\d[a-z]?\)\./.test(t))).toEqual([]);
  });
});

describe('subscripts, superscripts and small capitals', () => {
  const blocks = async (rel: string) => (await ingested(rel)).doc.pages.flatMap((p) => p.blocks.map((b) => b.text));

  it('stay in their words and their paragraphs', async () => {
    // jhydrol sizes its type with the text matrix: pdf.js reported "zero) for the catchments … and"
    // at the 6 pt of the subscript, and the abstract broke into three paragraphs there.
    const jh = await blocks('papers/mineru_demo1_jhydrol2005.pdf');
    expect(jh.some((t) => t.includes('(N_{zero}) for the catchments in group 1. This model performed particularly well, and when adjusted for climate'))).toBe(true);
    // TextRunner's name in small capitals, level with the next column's lines.
    const tr = await blocks('annotated/pdffigures2/498bb0efad6ec15dd09d941fb309aa18d6df9f5f.pdf');
    expect(tr.some((t) => t.includes('then considers how TEXTRUNNER addresses each of the challenges'))).toBe(true);
    expect(tr.filter((t) => /T EXT|EXT UNNER|^by TEXTRUNNER\.$/.test(t))).toEqual([]);
    // Ca²⁺ set as superscripts "21", and a caption beside the other column's text.
    const ca = await blocks('annotated/pdffigures2/3a9202f9f176d3377516e3da0866cc19148c033b.pdf');
    expect(ca.some((t) => t.startsWith('Fig. 1. A: Mechanically-induced Ca21 wave. Panels represent [Ca21]i in field of cells'))).toBe(true);
    expect(ca.filter((t) => / 21$|Ca 21/.test(t))).toEqual([]);
    // tracemonkey's trace names with subscripts, and DPR's k₁: kept as subscripts (issue 24: they
    // were flattened to "i5", "k1").
    const tm = await blocks('papers/pdfjs_tracemonkey.pdf');
    expect(tm.some((t) => t.includes('{i₅, i₇, i₁, i₆, i₇, i₁, α}. Later, the program'))).toBe(true);
    const dpr = await blocks('papers/unstructured_multi-column_DPR.pdf');
    expect(dpr.some((t) => t.includes('k₁ = 0.9 (term frequency scaling) are tuned'))).toBe(true);
  });

  it('are written as such: Unicode digits and signs, ^ and _ for letters (issue 24: "r2", "O(nk)", "Qpercentile")', async () => {
    // Letters raised after a lone letter are its power, set in italic on the page: O(nᵏ), O(mᵏ).
    const tm = await blocks('papers/pdfjs_tracemonkey.pdf');
    expect(tm.some((t) => t.includes('this naı̈ve strategy yields O(n^k) traces, which can easily fill the trace cache.'))).toBe(true);
    expect(tm.some((t) => t.includes('then we compile O(m^k) copies of the innermost loop'))).toBe(true);
    expect(tm.some((t) => t.includes('a trace for loop L_R (R for loop being recorded)'))).toBe(true);
    // jhydrol's flow percentile Q% and its half-time T_half, and the r² after a lone letter.
    const jh = await blocks('papers/mineru_demo1_jhydrol2005.pdf');
    expect(jh.some((t) => t.startsWith('where Q_% is the percentile flow (i.e. Q₅₀ is the 50th percentile flow)'))).toBe(true);
    expect(jh.some((t) => t.includes('and T_{half} is the time in years at which half of the reduction in Q_% due to afforestation'))).toBe(true);
    expect(jh.some((t) => t.includes('as per the coefficient of determination (r²). E is used in preference to r² in evaluating'))).toBe(true);
    // strucchange's model: indices, a variance and the null hypothesis.
    const sc = await blocks('papers/debian_r-strucchange_intro.pdf');
    expect(sc.some((t) => t.includes('u_i are iid(0, σ²), and β_i is the k × 1 vector'))).toBe(true);
    expect(sc.some((t) => t.startsWith('H₀ : β_i = β₀ (i = 1, . . . , n)'))).toBe(true);
    expect(sc.some((t) => t.startsWith('∆c_t = β₁ + β₂ e_{t−1} + β₃ ∆i_t + u_t, (5)'))).toBe(true);
    // survival's Cox model, the exponent two runs: λ(t) = λ₀(t)e^{βX(t)} (its "(t)" stands apart).
    const sv = await blocks('papers/debian_r-survival_timedep.pdf');
    expect(sv.some((t) => t.startsWith('λ(t) = λ₀(t)e^{βX}'))).toBe(true);
    // DPR's filtered set and the indices of its documents.
    const dpr = await blocks('papers/unstructured_multi-column_DPR.pdf');
    expect(dpr.some((t) => t.includes('D documents, d₁, d₂, · · · , d_D.'))).toBe(true);
    expect(dpr.some((t) => t.includes('filter set of texts C_F ⊂ C, where |C_F| = k'))).toBe(true);
    // Note marks raised after a word stay as they were: no "^a" after an author, no "double.^1".
    expect(jh.filter((t) => /Lane\^|\.\^|\)\^/.test(t))).toEqual([]);
    expect(tm.filter((t) => /double\.¹|Gal\^|Gal\s?\^/.test(t))).toEqual([]);
  });

  it('in table cells are written as in the text (TAPAS_{BASE})', async () => {
    const { doc } = await ingested('papers/mineru_demo3_tableformer.pdf');
    const cells = doc.tables.flatMap((t) => t.rows.flat());
    expect(cells.filter((c) => c.startsWith('TAPAS_{BASE}')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('type in a fixed-pitch face', () => {
  it('is code where it reads like code, and not where a book sets its titles and contents in it', async () => {
    // Free Culture sets its titles, contents and running heads in Monospace 821.
    const fc = (await ingested('long/pdfjs_freeculture.pdf')).doc;
    const front = fc.pages.slice(0, 16).flatMap((p) => p.blocks);
    expect(front.filter((b) => b.type === 'code').map((b) => b.text)).toEqual([]);
    expect(front.find((b) => b.text.startsWith('CHAPTER ONE: Creators 21'))?.type).toBe('paragraph');
    // Its contents have no leaders: each title and its page number is an entry of its own.
    const contents = fc.pages[8]!.blocks.map((b) => b.text);
    expect(contents).toEqual(expect.arrayContaining(['CHAPTER ONE: Creators 21', 'CHAPTER TWO: “Mere Copyists” 31', 'Recorded Music 55', 'Piracy II 66']));
    // Its preface pages are numbered in Roman numerals: "xiv PREFACE", "xvi PREFACE" are running feet.
    for (const i of [13, 15]) expect(fc.pages[i - 1]!.blocks.find((b) => / PREFACE$/.test(b.text))?.type).toBe('footer');
    // SQL, JSON and shell lines stay code (a statement may follow the comment over it in its listing).
    const red = (await ingested('long/docling_redp5110_ibm_redbook.pdf')).doc.pages.flatMap((p) => p.blocks);
    expect(red.filter((b) => b.type === 'code' && /^\s*(CREATE|SELECT|ALTER) /m.test(b.text)).length).toBeGreaterThan(20);
    const aiven = (await ingested('slides/aiven_5-types-of-database.pdf')).doc.pages.flatMap((p) => p.blocks);
    expect(aiven.find((b) => b.text.startsWith('CREATE TABLE authors'))?.type).toBe('code');
    // One listing of three commands, a blank line between them, as on the slide.
    expect(aiven.find((b) => /^HGET "book:This Book"/m.test(b.text))?.type).toBe('code');
  });
});
