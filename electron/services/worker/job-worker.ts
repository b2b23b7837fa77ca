// A job worker thread: runs one long job (ingest, page render, skill run) off the main thread and
// reports progress, trace events and the outcome as plain messages. A crash here ends this thread
// only; the JobRunner on the other side reports it and the app carries on.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { toSerializedError } from '../../../engine/errors.ts';
import { ingestFile, ingestUrl, writeDocumentFolder } from '../../../engine/ingest/index.ts';
import { renderPdfPages } from '../../../engine/ingest/render.ts';
import { errorInfo } from '../../contract/wrapper.ts';
import type { SkillEvent } from '../../../skills/types.ts';
import { loadRegistry } from '../skills-api.ts';
import type { FromWorker, IngestJob, IngestResultSummary, Job, JobResult, RenderJob, RenderResult, SkillJob, ToWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('job-worker.ts runs as a worker thread only');
const controller = new AbortController();
const send = (m: FromWorker): void => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if (m.type === 'cancel') controller.abort();
});

async function ingest(job: IngestJob): Promise<IngestResultSummary> {
  await mkdir(job.thumbsDir, { recursive: true });
  let thumbs = 0;
  // A URL is fetched under the app's network settings; web pages have no page images.
  const { doc, assets } = isUrl(job.input)
    ? await ingestUrl(job.input, { id: job.docId, signal: controller.signal, network: job.network === true, allowPrivate: job.allowPrivate === true })
    : await ingestFile(job.input, {
        id: job.docId,
        signal: controller.signal,
        onProgress: (p) => send({ type: 'progress', phase: p.phase, done: p.done, total: p.total }),
        // Page thumbnails come from the ingest itself: a PDF's page workers while the document is open,
        // an image's upright working image.
        pageImages: {
          dpi: job.thumbDpi,
          maxSide: 400,
          ...(job.thumbPages !== undefined ? { first: job.thumbPages } : {}),
          onImage: async (page, png) => {
            await writeFile(path.join(job.thumbsDir, `thumb-${page}.png`), png);
            thumbs++;
          },
        },
      });
  controller.signal.throwIfAborted();
  await mkdir(job.outDir, { recursive: true });
  await writeDocumentFolder(job.outDir, doc, assets);
  return {
    kind: doc.kind,
    title: doc.title,
    pageCount: doc.pageCount,
    figureCount: doc.figures.length,
    tableCount: doc.tables.length,
    thumbs,
  };
}

function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

async function render(job: RenderJob): Promise<RenderResult> {
  const [img] = await renderPdfPages(job.file, [job.page], { dpi: job.dpi, maxSide: job.maxSide ?? 2400, signal: controller.signal });
  if (!img) throw new Error(`page ${job.page} rendered nothing`);
  await mkdir(path.dirname(job.outFile), { recursive: true });
  await writeFile(job.outFile, img.png);
  return { width: img.width, height: img.height, pointWidth: img.pointWidth, pointHeight: img.pointHeight };
}

async function skill(job: SkillJob): Promise<JobResult<'skill'>> {
  const registry = await loadRegistry();
  await mkdir(job.outDir, { recursive: true });
  return registry.runSkill(job.skillId, {
    inputs: job.inputs,
    ...(job.goal ? { goal: job.goal } : {}),
    options: job.options,
    outDir: job.outDir,
    provider: job.provider,
    network: job.network,
    signal: controller.signal,
    // Events may carry class instances or functions; only their JSON form crosses threads.
    onEvent: (e) => send({ type: 'event', event: JSON.parse(JSON.stringify(e)) as SkillEvent }),
  });
}

async function run(job: Job): Promise<JobResult> {
  switch (job.kind) {
    case 'ingest':
      return ingest(job);
    case 'render':
      return render(job);
    case 'skill':
      return skill(job);
  }
}

try {
  const result = await run(workerData as Job);
  send({ type: 'done', result });
} catch (err) {
  const ser = toSerializedError(err);
  send({ type: 'failed', error: ser.code === 'INTERNAL' ? errorInfo(err) : { code: ser.code, message: ser.message } });
}
// Closing the port lets the thread end by itself once its native resources are released, which is
// gentler on native modules than being terminated from outside.
port.close();
