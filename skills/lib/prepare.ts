// Shared steps of the built-in skills: read the inputs into document folders under the run's
// output folder (so crops live next to what is made from them), with progress events. A document
// folder given as an input (one already read, such as an app project's source) is used where it
// is: nothing is read again and nothing is copied.
import path from 'node:path';
import * as ingest from '../../engine/ingest/index.js';
import type { SourceDocument } from '../../engine/ingest/index.js';
import { UserInputError } from '../../engine/errors.js';
import { cropEquations } from '../../engine/compose/equations.js';
import type { SkillContext } from '../types.js';

export interface Prepared {
  /** The original file or URL (for links back to it); a document folder's origin, else the folder. */
  input: string;
  doc: SourceDocument;
  /** Absolute path of the document folder (document.json + assets/). */
  dir: string;
}

type IngestUrl = (url: string, opts: { network?: boolean; signal?: AbortSignal }) => Promise<ingest.IngestResult>;

export async function prepareInputs(ctx: SkillContext<unknown>, inputs: readonly string[] = ctx.inputs): Promise<Prepared[]> {
  const out: Prepared[] = [];
  const sourcesDir = path.join(ctx.outDir, 'sources');
  for (const [i, input] of inputs.entries()) {
    ctx.signal.throwIfAborted();
    if (ingest.isDocumentFolder(input)) {
      const read = await ingest.readDocumentFolder(input);
      let id = read.doc.id;
      for (let k = 2; out.some((o) => o.doc.id === id); k++) id = `${read.doc.id}-${k}`;
      ctx.emit({ type: 'ingest', message: `Using ${read.doc.file || read.doc.title} (already read)`, input: read.doc.file, done: i, total: inputs.length, reused: true });
      out.push({ input: read.original ?? read.url ?? read.dir, doc: { ...read.doc, id }, dir: read.dir });
      continue;
    }
    const name = /^https?:/i.test(input) ? input : path.basename(input);
    ctx.emit({ type: 'ingest', message: `Reading ${name}`, input: name, done: i, total: inputs.length });
    let result: ingest.IngestResult;
    if (/^https?:\/\//i.test(input)) {
      const fn = (ingest as unknown as { ingestUrl?: IngestUrl }).ingestUrl;
      if (!fn) throw new UserInputError(`${input}: this build of Folio cannot read web addresses`);
      if (!ctx.network) throw new UserInputError(`${input}: reading a URL needs network access (--network)`);
      result = await fn(input, { network: true, signal: ctx.signal });
    } else {
      result = await ingest.ingestFile(input, {
        signal: ctx.signal,
        onProgress: (p) => ctx.emit({ type: 'ingest-progress', message: `${name}: ${p.phase} ${p.done}/${p.total}`, input: name, phase: p.phase, done: p.done, total: p.total }),
      });
    }
    // Two inputs with the same file name get distinct folders.
    let id = result.doc.id;
    for (let k = 2; out.some((o) => o.doc.id === id); k++) id = `${result.doc.id}-${k}`;
    const doc = { ...result.doc, id };
    const dir = await ingest.writeDocumentFolder(sourcesDir, doc, result.assets);
    for (const w of doc.warnings) ctx.emit({ type: 'warning', message: `${name}: ${w}` });
    // Display equations are shown as crops of their page (h-write, issue 23): cropped into the new folder.
    if (doc.kind === 'pdf' && !/^https?:/i.test(input)) for (const w of await cropEquations(doc, dir, input)) ctx.emit({ type: 'warning', message: `${name}: ${w}` });
    out.push({ input, doc, dir });
  }
  ctx.emit({ type: 'ingest', message: `Read ${inputs.length} source${inputs.length === 1 ? '' : 's'}`, done: inputs.length, total: inputs.length });
  return out;
}

/** One trace line for what verification fixed before writing; the full list rides on the event. */
export function reportFixes(ctx: SkillContext<unknown>, files: readonly { label: string; fixes: string[] }[]): void {
  for (const f of files) {
    if (f.fixes.length === 0) continue;
    ctx.emit({ type: 'verify', message: `${f.label}: ${f.fixes.length} fix${f.fixes.length === 1 ? '' : 'es'} before writing (e.g. ${f.fixes[0]})`, fixes: f.fixes });
  }
}
