// Issue 23's bars, checked on the corpus with the offline engine: decks, sites and reports of papers
// of different kinds (two-column CS, statistics papers with code, a book, a slide deck) cut no
// bullet or caption with an ellipsis (bar <= 2 %, goal 0), show no bibliography line as content,
// keep the source's figure and table labels; research Summaries answer the goal in cited sentences
// with a statement for each source, and a broad goal gives a broad summary. bench:quality prints
// the same numbers.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNotationTable } from '../../engine/compose/document.js';
import { DOCUMENT_CASES, RESEARCH_CASES, runDocumentCase, runResearchCase } from '../../engine/quality/cases.js';
import { corpusDir, outputDir } from '../helpers/corpus.js';

const work = path.join(outputDir, 'quality');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

describe('what the offline outputs say (issue 23)', () => {
  for (const c of DOCUMENT_CASES) {
    it(`${c.name} (${c.kind}): whole bullets and captions, no bibliography, the source's labels`, async () => {
      const r = await runDocumentCase(c, corpusDir, work);
      const n = r.score.bullets + r.score.captions;
      expect(n).toBeGreaterThan(10);
      expect(r.score.cut.length / n, r.score.cut.join('\n')).toBeLessThanOrEqual(0.02);
      expect(r.score.bibliography, 'bibliography lines shown as content').toEqual([]);
      expect(r.score.meaningless, 'bullets with no thought in them').toEqual([]);
      expect(r.score.labelMismatches).toEqual([]);
      expect(r.score.repeated, 'bullets on two slides').toEqual([]);
      expect(r.score.codeAsProse, 'code flowed into prose').toEqual([]);
      // A paper with R listings shows one as code (monospace, lines kept), not as prose.
      if (c.kind === 'statistics with code') expect(r.score.codeSlides).toBeGreaterThanOrEqual(1);
    });
  }

  it('tracemonkey: the title slide carries the paper\'s date, not today\'s', async () => {
    const r = await runDocumentCase(DOCUMENT_CASES.find((c) => c.name === 'tracemonkey')!, corpusDir, work);
    expect(r.date).toMatch(/2009/);
  });

  it('comparison of evaluation: the Summary answers in >= 2 cited sentences on the goal, with a statement for each paper', async () => {
    const r = await runResearchCase(RESEARCH_CASES.find((c) => c.name === 'compare-evaluation')!, corpusDir, work);
    expect(r.summary.citedOnGoal).toBeGreaterThanOrEqual(2);
    for (const [id, said] of Object.entries(r.summary.perSource)) expect(said, id).toBe(true);
    expect(r.score.cut).toEqual([]);
    expect(r.score.bibliography).toEqual([]);
    expect(r.score.repeated, 'bullets on two slides').toEqual([]);
  });

  it('standard errors over two statistics papers: each paper gets a statement, and the silent one is said to be silent', async () => {
    const r = await runResearchCase(RESEARCH_CASES.find((c) => c.name === 'compare-standard-errors')!, corpusDir, work);
    for (const [id, said] of Object.entries(r.summary.perSource)) expect(said, id).toBe(true);
    const summary = r.report.sections.find((s) => s.id === 'summary')!;
    const text = summary.paragraphs.map((p) => p.text).join('\n');
    // The survival paper's standard error for the concordance (p. 29) is quoted and cited...
    expect(summary.paragraphs.some((p) => /standard error/i.test(p.text) && p.cites.some((c) => r.report.citations[c]?.page === 29))).toBe(true);
    // ...and strucchange, which never writes "standard error", is said not to discuss it, with what was searched.
    expect(text).toMatch(/does not discuss standard errors; searched: .*"standard"/);
    // Its nearest relative was looked for too: its variance estimates, set only as formulas the text
    // layer flattened ("σˆ2 = n−k 1 "n i=1 uî2"), so no sentence of it is quoted.
    expect(text).toMatch(/strucchange does not discuss standard errors; searched: .*; the nearest it comes is variance, named on p\. [\d, ]+ with no whole sentence on it/);
    // Its unrelated quotes are not passed off as an answer.
    const struc = r.report.sources.find((s) => s.file.includes('strucchange'))!;
    expect(summary.paragraphs.some((p) => p.cites.some((c) => r.report.citations[c]?.sourceId === struc.id))).toBe(false);
  });

  it('"summarise" over a paper and a web page: a broad summary with notes from both, never "0 notes"', async () => {
    const r = await runResearchCase(RESEARCH_CASES.find((c) => c.name === 'summarise')!, corpusDir, work);
    expect(r.notes).toBeGreaterThanOrEqual(8);
    for (const [id, said] of Object.entries(r.summary.perSource)) expect(said, id).toBe(true);
    const summary = r.report.sections.find((s) => s.id === 'summary')!;
    expect(summary.paragraphs.filter((p) => p.cites.length > 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe('notation tables (issue 23: they must not crowd out results)', () => {
  const table = (caption: string, rows: string[][]) => ({ id: caption, kind: 'table' as const, label: 'Table 1', caption, sourceId: 's', sourceTitle: 'S', page: 1, table: { rows, header: true } });
  it('tells a table of symbols and meanings from a table of results', () => {
    const symbols = table('Variables used in the model', [['Symbol', 'Meaning'], ['β', 'the regression coefficients of the model'], ['σ²', 'the variance of the error term'], ['n', 'the number of observations in the sample']]);
    const results = table('Top-20 accuracy', [['Method', 'NQ', 'TQA'], ['BM25', '59.1', '66.9'], ['DPR', '78.4', '79.4'], ['BM25+DPR', '76.6', '79.8']]);
    expect(isNotationTable(symbols)).toBe(true);
    expect(isNotationTable(table('Notation', [['a', 'b']]))).toBe(true);
    expect(isNotationTable(results)).toBe(false);
  });
});
