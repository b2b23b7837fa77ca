// Shared steps of the built-in skills: read the inputs into document folders under the run's
// output folder (so crops live next to what is made from them), with progress events.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ingest from '../../engine/ingest/index.js';
import { SourceDocument } from '../../engine/ingest/index.js';
import { UserInputError } from '../../engine/errors.js';
import type { SkillContext } from '../types.js';

export interface Prepared {
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
    out.push({ input, doc, dir });
  }
  ctx.emit({ type: 'ingest', message: `Read ${inputs.length} source${inputs.length === 1 ? '' : 's'}`, done: inputs.length, total: inputs.length });
  return out;
}

/** Reads a document folder written earlier (document.json), for skills given one instead of a file. */
export function readDocumentFolder(dir: string): SourceDocument {
  const file = path.join(dir, 'document.json');
  if (!existsSync(file)) throw new UserInputError(`${dir}: not a document folder (no document.json)`);
  return SourceDocument.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** One trace line for what verification fixed before writing; the full list rides on the event. */
export function reportFixes(ctx: SkillContext<unknown>, files: readonly { label: string; fixes: string[] }[]): void {
  for (const f of files) {
    if (f.fixes.length === 0) continue;
    ctx.emit({ type: 'verify', message: `${f.label}: ${f.fixes.length} fix${f.fixes.length === 1 ? '' : 'es'} before writing (e.g. ${f.fixes[0]})`, fixes: f.fixes });
  }
}
