// Export benchmark: a paper PDF → deck.pptx + slides/ + site/ + report.md, end to end with the offline
// engine (ingest with crops → document folder → extractive composition → the four exporters), in this
// fresh process. Prints wall time per phase and the process's peak RSS. Numbers only, never pass/fail;
// the targets (≤ 3 s, ≤ 500 MB on the 2-core machine) are printed beside them for reference.
//
//   npm run bench:export [-- file.pdf ...] [-- --out DIR] [-- --runs N]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { composeDocument } from '../engine/compose/document.js';
import { exportArtifacts, type ExportKind } from '../engine/export/index.js';
import { ingestPdf } from '../engine/ingest/pdf/index.js';
import { writeDocumentFolder } from '../engine/ingest/output.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FILE = '../shared/corpus/papers/pdfjs_tracemonkey.pdf';
const TARGETS: ExportKind[] = ['pptx', 'slides', 'site', 'markdown'];

/** Peak resident set of this process (all threads) in MB, from /proc on Linux; else the current RSS. */
function peakRssMb(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1]) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through to what process.* can tell
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

async function once(file: string, outDir: string): Promise<{ phases: [string, number][]; slides: string; fixes: number }> {
  const phases: [string, number][] = [];
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    phases.push([name, now - t]);
    t = now;
  };
  const { doc, assets } = await ingestPdf({ path: file }, { crops: true });
  lap('ingest+crops');
  const docDir = await writeDocumentFolder(path.join(outDir, 'documents'), doc, assets);
  lap('doc folder');
  const { report, deck, site } = composeDocument(doc, docDir, { sourcePath: file, date: '2026-01-01' });
  lap('compose');
  const written: string[] = [];
  let fixes = 0;
  for (const target of TARGETS) {
    const [r] = await exportArtifacts({ report, deck, site, to: [target], outDir: path.join(outDir, 'out') });
    if (r) {
      written.push(r.label);
      fixes += r.fixes.length;
    }
    lap(target);
  }
  return { phases, slides: written.join('; '), fixes };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, runs: { type: 'string', default: '1' } } });
  const files = positionals.length ? positionals : [DEFAULT_FILE];
  const runs = Math.max(1, Number(values.runs) || 1);
  const startup = performance.now(); // process start → here: node, tsx and the engine's imports
  console.log(`export bench: ${os.cpus().length} cores, node ${process.version}; start-up (node + tsx + imports) ${(startup / 1000).toFixed(2)} s`);
  for (const rel of files) {
    const file = path.resolve(ROOT, rel);
    for (let r = 0; r < runs; r++) {
      const outDir = values.out ? path.resolve(values.out) : mkdtempSync(path.join(os.tmpdir(), 'folio-bench-export-'));
      const t0 = performance.now();
      const res = await once(file, outDir);
      const wall = (performance.now() - t0) / 1000;
      console.log(`\n${path.basename(file)} run ${r + 1}/${runs}: ${res.slides}`);
      for (const [name, ms] of res.phases) console.log(`  ${name.padEnd(14)} ${(ms / 1000).toFixed(2).padStart(6)} s`);
      console.log(`  ${'total'.padEnd(14)} ${wall.toFixed(2).padStart(6)} s   (with start-up ${((performance.now()) / 1000).toFixed(2)} s; target ≤ 3 s)`);
      console.log(`  peak RSS       ${peakRssMb().toFixed(0).padStart(6)} MB  (whole process so far; target ≤ 500 MB)`);
      console.log(`  fixes logged   ${String(res.fixes).padStart(6)}`);
      if (values.out) console.log(`  output         ${outDir}`);
      else rmSync(outDir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exit(1);
});
