// pdf.js's worker module, with two changes Folio makes to a copy of it:
//
// 1. Placement-only images. A document opened with `maxImageSize: 0` records where each image is
//    painted (a paintImageXObject operator under the current transform) without decoding it.
//    Structural ingest needs only where images are (figure regions, scanned pages), yet
//    getOperatorList decodes every image it meets: on the 400-page IRS manual (a screenshot on
//    almost every page) that was ~0.7 s of ~2.3 s of single-threaded page extraction. Stock pdf.js
//    with maxImageSize 0 drops every image instead, so the option is only used when this patch is
//    in: `placementOnly` says so.
// 2. Synchronous inflate. pdf.js 5 inflates content streams and fonts through DecompressionStream:
//    Node runs it on its thread pool behind web streams, and each page waits an event-loop round
//    trip for its content stream. zlib.inflateSync gives the same bytes at once: page extraction
//    on freeculture 1.19-1.41 s -> 1.04-1.08 s, on IRS 1.21-1.29 s -> 0.91 s (in process). Data
//    zlib rejects (truncated or corrupt streams) goes to pdf.js's own, more forgiving inflate, as
//    when DecompressionStream fails.
//
// On another pdf.js version an anchor may not be found exactly once: that patch is then left out
// (images are decoded, inflate is asynchronous: slower, same result) and a unit test fails so that
// the patches get looked at. In Node, pdf.js runs its "worker" in the calling thread and takes the
// module from globalThis.pdfjsWorker when set, which is how the patched copy is used.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cacheDir, pruneStale } from '../../cache.js';
import { writeFileAtomic } from '../../fs-atomic.js';

interface Patch {
  name: 'placement-only images' | 'synchronous inflate';
  /** Text that must occur exactly once; the insert goes right after it (or before, see `before`). */
  anchor: string;
  insert: string;
  before?: boolean;
}

const PATCHES: readonly Patch[] = [
  {
    name: 'placement-only images',
    anchor: `    if (maxImageSize !== -1 && w * h > maxImageSize) {
      const msg = "Image exceeded maximum allowed size and was removed.";`,
    insert: `    if (maxImageSize === 0) {
      // Folio: placement only. The image is not decoded; its operator still marks where it is painted.
      operatorList.addImageOps(OPS.paintImageXObject, ["folio:not-decoded", w, h], undefined);
      return;
    }
`,
    before: true,
  },
  {
    name: 'synchronous inflate',
    anchor: `  async asyncGetBytesFromDecompressionStream(name) {
    this.stream.reset();
    const bytes = this.stream.isAsync ? await this.stream.asyncGetBytes() : this.stream.getBytes();
`,
    insert: `    // Folio: inflate at once with zlib (a copy: a small Buffer may share Node's pool, which pdf.js
    // could transfer); what zlib rejects goes to pdf.js's own inflate.
    if (name === "deflate") {
      try {
        return { decompressed: new Uint8Array(globalThis.process.getBuiltinModule("zlib").inflateSync(bytes)), compressed: bytes };
      } catch {
        return { decompressed: null, compressed: bytes };
      }
    }
`,
  },
];

export interface PatchedSource {
  source: string;
  applied: Patch['name'][];
}

/** pdf.js's worker source with every patch whose anchor occurs exactly once. */
export function patchWorkerSource(src: string): PatchedSource {
  let source = src;
  const applied: Patch['name'][] = [];
  for (const p of PATCHES) {
    const at = source.indexOf(p.anchor);
    if (at < 0 || source.indexOf(p.anchor, at + 1) >= 0) continue;
    const cut = p.before ? at : at + p.anchor.length;
    source = source.slice(0, cut) + p.insert + source.slice(cut);
    applied.push(p.name);
  }
  return { source, applied };
}

/**
 * Loads the patched worker module into this thread's pdf.js and says which patches are in. None
 * (an unwritable cache, FOLIO_PDFJS_STOCK_WORKER=1) leaves pdf.js to load its own worker module.
 * The copy is named from the stock file's size and time and from the patches, and says itself which
 * patches it carries: a thread that finds it made does not read and patch pdf.js again (~30 ms).
 */
export async function installPatchedWorker(pdfjsRoot: string): Promise<Patch['name'][]> {
  if (process.env.FOLIO_PDFJS_STOCK_WORKER === '1') return [];
  try {
    const stock = path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');
    const st = statSync(stock);
    const key = createHash('sha1').update(`${st.size}:${st.mtimeMs}\n${JSON.stringify(PATCHES)}`).digest('hex').slice(0, 12);
    const file = await writeOnce(`pdf.worker-${key}.mjs`, () => {
      const { source, applied } = patchWorkerSource(readFileSync(stock, 'utf8'));
      return `${source}\nexport const folioPatches = ${JSON.stringify(applied)};\n`;
    });
    if (file === null) return [];
    const mod = (await import(pathToFileURL(file).href)) as { WorkerMessageHandler?: unknown; folioPatches?: Patch['name'][] };
    if (!mod.WorkerMessageHandler || !mod.folioPatches || mod.folioPatches.length === 0) return [];
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = mod;
    return mod.folioPatches;
  } catch {
    return []; // An unreadable pdf.js or a module that fails to load: the stock worker still works.
  }
}

/** Writes `name` into the first writable cache folder unless it is there already; its path, or null. */
async function writeOnce(name: string, text: () => string): Promise<string | null> {
  const dirs: string[] = [];
  try {
    dirs.push(cacheDir());
  } catch {
    // Not inside the folio package (a packaged app): only the temp folder is left.
  }
  dirs.push(path.join(os.tmpdir(), 'folio-cache'));
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
    try {
      await writeFileAtomic(file, text());
      // Copies made from an older pdf.js are dead weight.
      pruneStale(dir, file, (f) => /^pdf\.worker-[0-9a-f]+\.mjs$/.test(f));
      return file;
    } catch {
      // Try the next folder.
    }
  }
  return null;
}
