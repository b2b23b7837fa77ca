// Perception benchmark: what structural ingest reads from the corpus (pictures without captions,
// code listings, super/subscripts, back matter, authors) next to how long it takes, against
// `pdftotext -layout` on the same files in the same run, so that a regression in either shows.
// Numbers, never pass/fail. The ground truth is the one tests/corpus/*.test.ts assert (written from
// looking at the pages and from `pdfimages -list`); it is repeated here because bench and tests
// are separate TypeScript projects.
//
//   npm run bench:perception [-- --runs 3]
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import { ingestPdf } from '../engine/ingest/pdf/index.js';
import type { SourceDocument } from '../engine/ingest/types.js';

const execFileP = promisify(execFile);
const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs) || 3);

/** Pictures per page (freeculture: pdfimages' 23 images, the cover's soft mask part of the cover). */
const PICTURES: Record<string, Record<number, number>> = {
  'long/pdfjs_freeculture.pdf': { 1: 1, 2: 1, 133: 1, 136: 1, 137: 1, 138: 1, 144: 2, 152: 1, 153: 1, 154: 2, 155: 1, 161: 2, 162: 2, 163: 1, 164: 1, 171: 1, 176: 1, 255: 1 },
  // Figures: rasters on 4, 11, 15, 16; model diagrams on 3, 10, 11, 13 (Figures 2, 6, 7 ...).
  'papers/pdfjs_TAMReview.pdf': { 3: 1, 4: 1, 10: 1, 11: 2, 13: 1, 15: 1, 16: 1 },
};

/** R prompt lines that must each be a line of a code block. */
const CODE_LINES: Record<string, string[]> = {
  'papers/debian_r-strucchange_intro.pdf': ['> library("strucchange")', '> data("USIncExp")', '> sctest(ocus)', '> plot(fs, pval=TRUE)', 'S0 = 1.5511, p-value = 0.01626'],
  'papers/debian_r-survival_timedep.pdf': ['> cgd0[1:4,]', '> dim(cgd0)', '[1] 128  20', '> newcgd <- tmerge(newcgd, cgd0, id=id, infect = event(etime1))'],
};

/** Text with super/subscripts as the page sets them. */
const SCRIPTS: Record<string, string[]> = {
  'papers/unstructured_multi-column_DPR.pdf': ['10⁻⁵', 'd₁, d₂', 'k₁ = 0.9', 'C_F ⊂ C'],
  'papers/pdfjs_tracemonkey.pdf': ['O(n^k) traces', 'O(m^k) copies', 'loop L_R (R for'],
  'papers/mineru_demo1_jhydrol2005.pdf': ['where Q_% is the percentile flow', 'T_{half} is the time', '(r²)'],
  'papers/debian_r-strucchange_intro.pdf': ['iid(0, σ²)', 'H₀ : β_i = β₀', 'β₂ e_{t−1}'],
};

/**
 * Blocks whose text is not credible (a misread font encoding), by kind, as the pages show them:
 * TAMReview's body font has no Unicode map (pp. 2-22), strucchange's transpose sign reads as "¦",
 * jhydrol's equation brackets as "ð…Þ". The clean book must have none.
 */
const SUSPECT: Record<string, string> = {
  'papers/pdfjs_TAMReview.pdf': 'unmapped',
  'papers/debian_r-strucchange_intro.pdf': 'symbols',
  'papers/mineru_demo1_jhydrol2005.pdf': 'script',
  'long/pdfjs_freeculture.pdf': 'none',
};

/** Year and venue as the first page states them (tests/corpus/citation.test.ts). */
const CITATION: Record<string, string> = {
  'papers/mineru_demo1_jhydrol2005.pdf': '2005 Journal of Hydrology',
  'papers/pdfjs_tracemonkey.pdf': '2009 PLDI’09',
  'papers/pdfjs_TAMReview.pdf': '2009 Sprouts: Working Papers on Information Systems',
  'papers/unstructured_multi-column_DPR.pdf': '2020 arXiv',
};

const BACK_MATTER: Record<string, string[]> = {
  'papers/debian_r-strucchange_intro.pdf': ['Acknowledgments:acknowledgements', 'References:references', 'Implementation details for p values:appendix'],
  'papers/unstructured_multi-column_DPR.pdf': ['References:references', 'Distant Supervision:appendix'],
};

const AUTHORS: Record<string, string[]> = {
  'papers/debian_r-survival_timedep.pdf': ['Terry Therneau', 'Cynthia Crowson', 'Elizabeth Atkinson'],
};

/** Books timed against pdftotext (structural ingest should stay within 4×). */
const TIMED = ['long/pdfjs_freeculture.pdf', 'long/unstructured_irs_irm_400p.pdf', 'long/docling_redp5110_ibm_redbook.pdf'];

async function timed(rel: string): Promise<{ doc: SourceDocument; wallMs: number; cpuMs: number }> {
  let best: { doc: SourceDocument; wallMs: number; cpuMs: number } | null = null;
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { doc } = await ingestPdf({ path: path.join(CORPUS, rel) }, { crops: false, ocr: false });
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (!best || wallMs < best.wallMs) best = { doc, wallMs, cpuMs: (c.user + c.system) / 1000 };
  }
  return best!;
}

async function pdftotextMs(rel: string): Promise<number | null> {
  let best = Infinity;
  try {
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await execFileP('pdftotext', ['-layout', path.join(CORPUS, rel), '/dev/null'], { maxBuffer: 16 << 20 });
      best = Math.min(best, performance.now() - t0);
    }
  } catch {
    return null;
  }
  return best;
}

function pictureScore(doc: SourceDocument, truth: Record<number, number>): string {
  const per = new Map<number, number>();
  const pics = doc.figures.filter((f) => f.uncaptioned);
  for (const f of pics) per.set(f.page, (per.get(f.page) ?? 0) + 1);
  let hit = 0;
  let want = 0;
  for (const [p, n] of Object.entries(truth)) {
    want += n;
    hit += Math.min(n, per.get(Number(p)) ?? 0);
  }
  let falseOnTextPages = 0;
  for (const [p, n] of per) if (!(p in truth)) falseOnTextPages += n;
  return `pictures recall ${(hit / want).toFixed(2)} (${hit}/${want}), found ${pics.length}, on text-only pages ${falseOnTextPages}`;
}

const codeLines = (doc: SourceDocument): Set<string> => new Set(doc.pages.flatMap((p) => p.blocks.filter((b) => b.type === 'code').flatMap((b) => b.text.split('\n'))));
const allText = (doc: SourceDocument): string => doc.pages.flatMap((p) => p.blocks.map((b) => b.text)).join('\n');

const docs = new Map<string, SourceDocument>();
const files = [...new Set([...TIMED, ...Object.keys(PICTURES), ...Object.keys(CODE_LINES), ...Object.keys(SCRIPTS), ...Object.keys(BACK_MATTER), ...Object.keys(AUTHORS), ...Object.keys(SUSPECT), ...Object.keys(CITATION)])];
console.log(`perception bench: ${files.length} files, best of ${RUNS} runs for timings (wall; CPU user+sys of this process and its page workers)`);
for (const rel of files) {
  const { doc, wallMs, cpuMs } = await timed(rel);
  docs.set(rel, doc);
  const ref = TIMED.includes(rel) ? await pdftotextMs(rel) : null;
  const ratio = ref ? ` pdftotext ${ref.toFixed(0)} ms, ratio ${(wallMs / ref).toFixed(2)}×` : '';
  const parts: string[] = [`ingest ${wallMs.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms)${ratio}`];
  const pics = PICTURES[rel];
  if (pics) parts.push(pictureScore(doc, pics));
  const code = CODE_LINES[rel];
  if (code) {
    const lines = codeLines(doc);
    parts.push(`code lines kept ${code.filter((l) => lines.has(l)).length}/${code.length}`);
  }
  const scripts = SCRIPTS[rel];
  if (scripts) {
    const t = allText(doc);
    parts.push(`super/subscripts ${scripts.filter((s) => t.includes(s)).length}/${scripts.length}`);
  }
  const suspect = SUSPECT[rel];
  if (suspect) {
    const by = new Map<string, number>();
    for (const b of doc.pages.flatMap((p) => p.blocks)) if (b.suspectText) by.set(b.suspectText, (by.get(b.suspectText) ?? 0) + 1);
    const counts = [...by].map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
    parts.push(`suspect blocks ${counts} (expected: ${suspect})`);
  }
  const cite = CITATION[rel];
  if (cite) parts.push(`year/venue ${`${doc.year} ${doc.venue}` === cite ? 'exact' : JSON.stringify([doc.year, doc.venue])}`);
  const back = BACK_MATTER[rel];
  if (back) parts.push(`back matter marked ${back.filter((k) => doc.sections.some((s) => `${s.title}:${s.kind}` === k)).length}/${back.length}`);
  const authors = AUTHORS[rel];
  if (authors) parts.push(`authors ${JSON.stringify(doc.authors) === JSON.stringify(authors) ? 'exact' : JSON.stringify(doc.authors)}`);
  console.log(`${rel}: ${parts.join('; ')}`);
}
