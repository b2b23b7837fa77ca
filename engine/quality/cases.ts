// The quality cases of bench:quality and tests/compose/quality.test.ts: corpus documents of
// different kinds, each made into a report, a deck (fitted as for export) and a site by the offline
// engine, and two research runs (a comparison of two sources, a broad "summarise"), each scored.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runResearch } from '../agent/index.js';
import { composeDocument } from '../compose/document.js';
import { composeResearch } from '../compose/research.js';
import { cropEquations } from '../compose/equations.js';
import { loadTheme } from '../compose/theme.js';
import type { Report } from '../compose/types.js';
import { fitDeck } from '../export/deck/fit.js';
import { fontMeasurer } from '../export/deck/fonts.js';
import { ingestFile } from '../ingest/index.js';
import { writeDocumentFolder } from '../ingest/output.js';
import { scoreOutputs, scoreSummary, type QualityScore, type SummaryScore } from './score.js';

export interface DocumentCase {
  name: string;
  kind: 'two-column CS' | 'statistics with code' | 'book' | 'slide deck';
  /** Relative to the corpus folder. */
  file: string;
}

export const DOCUMENT_CASES: DocumentCase[] = [
  { name: 'tracemonkey', kind: 'two-column CS', file: 'papers/pdfjs_tracemonkey.pdf' },
  { name: 'strucchange', kind: 'statistics with code', file: 'papers/debian_r-strucchange_intro.pdf' },
  { name: 'survival-timedep', kind: 'statistics with code', file: 'papers/debian_r-survival_timedep.pdf' },
  { name: 'freeculture', kind: 'book', file: 'long/pdfjs_freeculture.pdf' },
  { name: 'aiven-slides', kind: 'slide deck', file: 'slides/aiven_5-types-of-database.pdf' },
];

export interface ResearchCase {
  name: string;
  goal: string;
  files: string[];
  comparison: boolean;
}

export const RESEARCH_CASES: ResearchCase[] = [
  {
    name: 'compare-standard-errors',
    goal: 'Compare how these two papers estimate standard errors',
    files: ['papers/debian_r-strucchange_intro.pdf', 'papers/debian_r-survival_timedep.pdf'],
    comparison: true,
  },
  {
    name: 'compare-evaluation',
    goal: 'Compare how the two papers evaluate their systems',
    files: ['papers/pdfjs_tracemonkey.pdf', 'papers/unstructured_multi-column_DPR.pdf'],
    comparison: true,
  },
  { name: 'summarise', goal: 'summarise', files: ['papers/pdfjs_tracemonkey.pdf', 'html/readability_wikipedia/source.html'], comparison: false },
];

export interface DocumentResult {
  case: DocumentCase;
  score: QualityScore;
  slides: number;
  date: string;
}

export interface ResearchResult {
  case: ResearchCase;
  score: QualityScore;
  summary: SummaryScore;
  report: Report;
  notes: number;
  steps: number;
}

const docDirs = new Map<string, Promise<string>>();

/** Ingests a corpus file (with crops, without OCR) once per process into workDir. */
export function ingestedDir(corpusDir: string, rel: string, workDir: string): Promise<string> {
  let p = docDirs.get(rel);
  if (!p) {
    p = (async () => {
      const { doc, assets } = await ingestFile(path.join(corpusDir, rel), { crops: true, ocr: false });
      const dir = await writeDocumentFolder(path.join(workDir, 'documents'), doc, assets);
      // As the skills do: display equations cropped from their pages.
      await cropEquations(doc, dir, path.join(corpusDir, rel));
      return dir;
    })();
    docDirs.set(rel, p);
  }
  return p;
}

export async function runDocumentCase(c: DocumentCase, corpusDir: string, workDir: string): Promise<DocumentResult> {
  const dir = await ingestedDir(corpusDir, c.file, workDir);
  const { SourceDocument } = await import('../ingest/types.js');
  const { readFile } = await import('node:fs/promises');
  const doc = SourceDocument.parse(JSON.parse(await readFile(path.join(dir, 'document.json'), 'utf8')));
  const comp = composeDocument(doc, dir);
  const theme = await loadTheme('paper');
  const fitted = await fitDeck(comp.deck, theme, { measurer: fontMeasurer() });
  const score = await scoreOutputs(fitted.deck, theme, comp.site, comp.report);
  return { case: c, score, slides: fitted.deck.slides.length, date: comp.deck.date };
}

export async function runResearchCase(c: ResearchCase, corpusDir: string, workDir: string): Promise<ResearchResult> {
  const dirs = await Promise.all(c.files.map((f) => ingestedDir(corpusDir, f, workDir)));
  const runDir = path.join(workDir, 'research', c.name);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(path.dirname(runDir), { recursive: true });
  const state = await runResearch({ goal: c.goal, sources: dirs, runDir, provider: { kind: 'offline' } });
  const comp = await composeResearch(state, runDir, { date: '2026-01-01' });
  const theme = await loadTheme('paper');
  const fitted = await fitDeck(comp.deck, theme, { measurer: fontMeasurer() });
  const score = await scoreOutputs(fitted.deck, theme, comp.site, comp.report);
  return { case: c, score, summary: scoreSummary(comp.report), report: comp.report, notes: state.notes.length, steps: state.budget.used.steps };
}
