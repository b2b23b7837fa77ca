// A page worker: opens one PDF and answers page-extraction and crop-rendering requests, so that
// pages are read in parallel and pdf.js never blocks the caller's thread.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { toSerializedError } from '../../errors.js';
import { PdfHandle } from './pdfjs.js';
import { layoutPage } from './page-layout.js';
import { okReply } from '../../rpc.js';
import type { PageWorkerProtocol, WorkerReply, WorkerRequest } from './worker-protocol.js';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
let handle: PdfHandle | null = null;
// Requests are served one at a time; the pool never sends a second before the first is answered.
let chain: Promise<void> = Promise.resolve();
// pdf.js leaves some of its internal promises unawaited; on damaged data one of them rejects, and
// Node's default ended the whole worker: the pool started a new one (~0.5-3 s) for every page of
// such a file, and the page said only "worker crashed". The request being served fails or answers
// on its own (and runs into the pool's time limit if it never does).
process.on('unhandledRejection', () => {
  // Deliberately nothing more: what went wrong reaches the caller through the request itself.
});

port.on('message', (req: WorkerRequest) => {
  chain = chain.then(() => serve(req));
});

const ok = okReply<PageWorkerProtocol>();

async function serve(req: WorkerRequest): Promise<void> {
  try {
    switch (req.op) {
      case 'open': {
        const data = req.data ?? new Uint8Array(await readFile(req.path!));
        handle = await PdfHandle.open(data, req.file, { purpose: req.purpose });
        const info = req.withInfo ? await handle.info() : null;
        reply(ok('open', req.id, info));
        return;
      }
      case 'page': {
        if (!handle) throw new Error('worker: no document open');
        const raw = await handle.extractPage(req.index, req.graphics);
        let layout = layoutPage(raw);
        // Pages with almost no text are looked at again for images: a scan leaves no text layer.
        if (layout.chars < 50 && raw.graphics === null) {
          layout = layoutPage(await handle.extractPage(req.index, 'always'));
        }
        reply(ok('page', req.id, layout));
        return;
      }
      case 'render': {
        if (!handle) throw new Error('worker: no document open');
        const r = await handle.renderRegion(req.index, req.bbox, req.dpi, undefined, req.rotation);
        reply(ok('render', req.id, r), [r.png.buffer as ArrayBuffer]);
        return;
      }
      case 'close': {
        await handle?.close();
        handle = null;
        reply(ok('close', req.id, null));
        return;
      }
    }
  } catch (err) {
    reply({ id: req.id, ok: false, error: toSerializedError(err) });
  }
}

function reply(msg: WorkerReply, transfer?: ArrayBuffer[]): void {
  port.postMessage(msg, transfer ?? []);
}
