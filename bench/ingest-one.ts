// One measured PDF ingest in a fresh process, driven by bench/ingest.ts. Running each ingest in its
// own process is what makes the peak RSS honest: the page workers are threads of this process, so
// the kernel's high-water mark (VmHWM) read at the end covers the main thread and every worker.
//
//   node --import tsx bench/ingest-one.ts <file.pdf> [--crops] [--threads N] [--read-ahead on|off]
//
// Prints one line `@@bench {json}` (an IngestOneResult) on stdout; exits 1 when the ingest fails.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as IngestModule from '../engine/ingest/pdf/index.js';
import type * as PoolModule from '../engine/ingest/pdf/pool.js';

export type IngestOneResult =
  | {
      ok: true;
      file: string;
      crops: boolean;
      threads: number;
      /** Pages read ahead as they came in (see PdfIngestOptions.readAhead). */
      readAhead: boolean;
      pages: number;
      figures: number;
      tables: number;
      /** Crops actually written (figures and tables with an image). */
      assets: number;
      /** Process start → ingestPdf called (node + tsx + engine import). */
      startupMs: number;
      /** ingestPdf called → first page laid out (pool start-up + first page). */
      firstPageMs: number;
      /** ingestPdf called → last page laid out. */
      pagesMs: number;
      /** ingestPdf called → returned (the number the ratio is made of). */
      ingestMs: number;
      /** Last page laid out → returned: document analysis, crops when on, pool shutdown. */
      tailMs: number;
      /** CPU time (user + system) of the whole process, every thread, during the call. */
      cpuMs: number;
      /** RSS just before the call, kB. */
      rssBeforeKb: number;
      /** Peak RSS of the whole process (all threads) over its life, kB. */
      peakRssKb: number;
    }
  | { ok: false; file: string; crops: boolean; error: string };

export const RESULT_MARK = '@@bench ';

/** A field of /proc/self/status in kB (Linux); null elsewhere. */
function procStatusKb(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] !== undefined ? Number(m[1]) : null;
  } catch {
    return null; // not Linux: the callers fall back to what process.* can tell
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { crops: { type: 'boolean', default: false }, threads: { type: 'string' }, 'read-ahead': { type: 'string' } },
  });
  const file = positionals[0];
  if (file === undefined) throw new Error('usage: ingest-one.ts <file.pdf> [--crops] [--threads N]');
  const crops = values.crops;
  const ahead = values['read-ahead'];
  if (ahead !== undefined && ahead !== 'on' && ahead !== 'off') throw new Error(`--read-ahead: expected on or off, got ${ahead}`);
  const threadsArg = values.threads !== undefined ? Number(values.threads) : undefined;
  if (threadsArg !== undefined && !(Number.isInteger(threadsArg) && threadsArg > 0)) throw new Error(`--threads: expected a positive integer, got ${values.threads}`);

  // Imported here rather than at the top so that the import is part of the measured start-up and a
  // broken engine is reported as a failed row rather than a crash without a result line.
  let ingest: typeof IngestModule;
  let pool: typeof PoolModule;
  try {
    [ingest, pool] = await Promise.all([import('../engine/ingest/pdf/index.js'), import('../engine/ingest/pdf/pool.js')]);
  } catch (err) {
    report({ ok: false, file, crops, error: `engine import failed: ${errorText(err)}` });
    process.exitCode = 1;
    return;
  }
  // Reported: the reading workers; left to the engine, crops may add more (see pool.renderThreads).
  const threads = threadsArg ?? pool.defaultThreads();

  const rssBeforeKb = procStatusKb('VmRSS') ?? Math.round(process.memoryUsage().rss / 1024);
  let firstPageAt = NaN;
  let lastPageAt = NaN;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const { doc, assets } = await ingest.ingestPdf(
      { path: file },
      {
        crops,
        ...(threadsArg !== undefined ? { threads: threadsArg } : {}),
        ...(ahead !== undefined ? { readAhead: ahead === 'on' } : {}),
        // Structural ingest: the text layer and layout. OCR of scanned pages is measured by bench:ocr.
        ocr: false,
        onProgress: (p) => {
          if (p.phase !== 'pages') return;
          const now = performance.now();
          if (p.done === 1) firstPageAt = now;
          if (p.done === p.total) lastPageAt = now;
        },
      },
    );
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    report({
      ok: true,
      file,
      crops,
      threads,
      readAhead: ahead !== undefined ? ahead === 'on' : ingest.readAheadByDefault(),
      pages: doc.pageCount,
      figures: doc.figures.length,
      tables: doc.tables.length,
      assets: assets.size,
      startupMs: t0,
      firstPageMs: firstPageAt - t0,
      pagesMs: lastPageAt - t0,
      ingestMs: t1 - t0,
      tailMs: t1 - lastPageAt,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBeforeKb,
      // ru_maxrss is per process (all threads) too; VmHWM is read when it is there because it is exact.
      peakRssKb: procStatusKb('VmHWM') ?? process.resourceUsage().maxRSS,
    });
  } catch (err) {
    report({ ok: false, file, crops, error: errorText(err) });
    process.exitCode = 1;
  }
}

function report(r: IngestOneResult): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(r)}\n`);
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const where = err.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
  return `${err.name}: ${err.message}${where ? ` (${where})` : ''}`;
}

// Only when run as a script: bench/ingest.ts imports the types and the marker from here.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
