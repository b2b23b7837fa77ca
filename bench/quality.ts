// Quality benchmark: what the offline engine's outputs say, over corpus documents of different
// kinds (two-column CS, statistics papers with code, a book, a slide deck) and two research runs
// (a comparison of two sources, a broad "summarise"). Prints, per case: the share of bullets and
// captions cut with an ellipsis (bar <= 2 %), bullets with no thought in them, bibliography lines
// in content (bar 0), labels that differ from the source's, and for research the Summary's cited
// sentences on the goal's key terms (bar >= 2) and a statement for each source. Numbers, not pass/fail:
// tests/compose/quality.test.ts checks the bars.
//
//   npm run bench:quality [-- --only tracemonkey,compare-standard-errors] [-- --show]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DOCUMENT_CASES, RESEARCH_CASES, runDocumentCase, runResearchCase } from '../engine/quality/cases.js';
import type { QualityScore } from '../engine/quality/score.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const { values } = parseArgs({ options: { only: { type: 'string' }, show: { type: 'boolean', default: false } } });
const only = values.only ? new Set(values.only.split(',')) : undefined;

const pct = (n: number, of: number): string => (of ? `${((100 * n) / of).toFixed(1)} %` : '—');

function line(name: string, s: QualityScore, extra = ''): void {
  const n = s.bullets + s.captions;
  console.log(
    `${name.padEnd(26)} cut ${String(s.cut.length).padStart(3)}/${String(n).padEnd(4)} ${pct(s.cut.length, n).padStart(7)}  meaningless ${String(s.meaningless.length).padStart(2)}  bibliography ${String(s.bibliography.length).padStart(2)}  label mismatches ${String(s.labelMismatches.length).padStart(2)}  repeated ${String(s.repeated.length).padStart(2)}  code slides ${s.codeSlides}  equation slides ${s.equationSlides}  code as prose ${s.codeAsProse.length}${extra}`,
  );
  if (values.show) for (const x of [...s.cut, ...s.meaningless, ...s.bibliography, ...s.labelMismatches, ...s.repeated, ...s.codeAsProse]) console.log(`    - ${x.slice(0, 160)}`);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'folio-quality-'));
try {
  console.log('case                       (bars: cut <= 2 %, bibliography 0, Summary >= 2 cited on-goal sentences, a statement per source)');
  for (const c of DOCUMENT_CASES) {
    if (only && !only.has(c.name)) continue;
    const r = await runDocumentCase(c, CORPUS, work);
    line(`${c.name} (${c.kind})`.slice(0, 26), r.score, `  slides ${r.slides}  date "${r.date}"`);
  }
  for (const c of RESEARCH_CASES) {
    if (only && !only.has(c.name)) continue;
    const r = await runResearchCase(c, CORPUS, work);
    const per = Object.entries(r.summary.perSource).map(([id, ok]) => `${id}:${ok ? 'yes' : 'NO'}`).join(' ');
    line(`research ${c.name}`.slice(0, 26), r.score, `  Summary cited on-goal ${r.summary.citedOnGoal} [${r.summary.keyTerms.join(' ')}]  per source ${per}  notes ${r.notes}  steps ${r.steps}`);
    if (values.show) for (const p of r.report.abstract ? [r.report.abstract] : []) console.log(`    Summary: ${p.text.slice(0, 400)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
