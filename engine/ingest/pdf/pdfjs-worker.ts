// pdf.js's worker module, with one change: a document opened with `maxImageSize: 0` records where
// each image is painted (a paintImageXObject operator under the current transform) without decoding
// it. Structural ingest needs only where images are (figure regions, scanned pages), yet
// getOperatorList decodes every image it meets: on the 400-page IRS manual (a screenshot on almost
// every page) image decoding was ~0.7 s of ~2.3 s of single-threaded page extraction.
//
// Stock pdf.js with maxImageSize 0 drops every image instead, so the option is only used when the
// patch is known to be in: `placementOnly` says so. On another pdf.js version the anchor is not
// found, nothing is patched, and images are decoded as before (slower, same result); a unit test
// fails so that the patch gets looked at. In Node, pdf.js runs its "worker" in the calling thread and
// takes the module from globalThis.pdfjsWorker when set, which is how the patched copy is used.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { projectRoot } from '../../project-root.js';

const ANCHOR = `    if (maxImageSize !== -1 && w * h > maxImageSize) {
      const msg = "Image exceeded maximum allowed size and was removed.";`;
const INSERT = `    if (maxImageSize === 0) {
      // Folio: placement only. The image is not decoded; its operator still marks where it is painted.
      operatorList.addImageOps(OPS.paintImageXObject, ["folio:not-decoded", w, h], undefined);
      return;
    }
`;
/** The first argument of a paintImageXObject operator the patched worker made. */
export const NOT_DECODED = 'folio:not-decoded';

/** The patched source, or null when pdf.js's worker does not contain the anchor exactly once. */
export function patchWorkerSource(src: string): string | null {
  const at = src.indexOf(ANCHOR);
  if (at < 0 || src.indexOf(ANCHOR, at + 1) >= 0) return null;
  return src.slice(0, at) + INSERT + src.slice(at);
}

/**
 * Loads the patched worker module into this thread's pdf.js. Returns whether documents opened with
 * maxImageSize 0 get placement-only images; false leaves pdf.js to load its own worker module.
 */
export async function installPlacementOnlyWorker(pdfjsRoot: string): Promise<boolean> {
  if (process.env.FOLIO_PDFJS_STOCK_WORKER === '1') return false;
  try {
    const stock = path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');
    const patched = patchWorkerSource(readFileSync(stock, 'utf8'));
    if (patched === null) return false;
    const hash = createHash('sha1').update(patched).digest('hex').slice(0, 12);
    const file = writeOnce(`pdf.worker-${hash}.mjs`, patched);
    if (file === null) return false;
    const mod = (await import(pathToFileURL(file).href)) as { WorkerMessageHandler?: unknown };
    if (!mod.WorkerMessageHandler) return false;
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = mod;
    return true;
  } catch {
    return false; // An unwritable cache or an unreadable pdf.js: the stock worker still works.
  }
}

/** Writes `name` into the first writable cache folder unless it is there already; its path, or null. */
function writeOnce(name: string, text: string): string | null {
  const dirs: string[] = [];
  try {
    dirs.push(path.join(projectRoot(), 'node_modules', '.cache', 'folio'));
  } catch {
    // Not inside the folio package (a packaged app): only the temp folder is left.
  }
  dirs.push(path.join(os.tmpdir(), 'folio-cache'));
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.${threadId}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, file);
      return file;
    } catch {
      // Try the next folder.
    }
  }
  return null;
}
