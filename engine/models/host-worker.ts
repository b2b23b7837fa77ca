// The model worker: owns the onnxruntime sessions (created lazily, cached by model name) and runs
// inference and the whole OCR pipeline (decode, detect, crop, recognise) off the caller's thread.
// Requests are served one at a time, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { ModelError, SourceError, toSerializedError } from '../errors.js';
import type { HostConfig, HostReply, HostRequest, LoadedModel, OcrImageResult } from './host-protocol.js';
import { OcrPipeline, type Runner } from './ocr/pipeline.js';
import { openSession, platformProviders, type OrtSession, type Tensor } from './ort.js';
import { decodeImage } from './raster/decode.js';
import { encodeCanvas } from './raster/encode.js';
import { loadRegistry, type ModelEntry, type ModelRegistry } from './registry.js';

if (!parentPort) throw new Error('host-worker.ts must run in a worker thread');
const port = parentPort;
const config = workerData as HostConfig;

let registry: Promise<ModelRegistry> | null = null;
const sessions = new Map<string, Promise<{ session: OrtSession; info: LoadedModel }>>();
let pipeline: Promise<OcrPipeline> | null = null;

function getRegistry(): Promise<ModelRegistry> {
  registry ??= loadRegistry({ userDir: config.userDir });
  return registry;
}

function session(entry: ModelEntry): Promise<{ session: OrtSession; info: LoadedModel }> {
  let s = sessions.get(entry.name);
  if (!s) {
    s = (async () => {
      const t0 = performance.now();
      const providers = config.provider ? [config.provider] : platformProviders();
      try {
        // Line models run on small inputs of a new shape every call; the arena pays there (see ort.ts).
        const arena = entry.task === 'ocr-recognition' || entry.task === 'ocr-direction';
        const session = await openSession(entry.modelFile, { providers, arena, ...(config.threads !== undefined ? { threads: config.threads } : {}) });
        const failed = session.attempts.filter((a) => !a.ok);
        if (failed.length > 0) {
          port.postMessage({ log: `models: ${failed.map((a) => `${a.provider} unavailable (${a.reason ?? 'failed'})`).join('; ')}; using ${session.provider}` } satisfies HostReply);
        }
        return {
          session,
          info: { name: entry.name, task: entry.task, file: entry.modelFile, provider: session.provider, attempts: session.attempts, loadMs: performance.now() - t0 },
        };
      } catch (err) {
        throw new ModelError(`model "${entry.name}": cannot load ${entry.modelFile}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    })();
    // A failed load is not cached: the file may be fixed and the next request retries.
    s.catch(() => sessions.delete(entry.name));
    sessions.set(entry.name, s);
  }
  return s;
}

const runner: Runner = {
  async run(model, feeds) {
    const { session: s } = await session(model);
    try {
      return await s.run(feeds);
    } catch (err) {
      throw new ModelError(`model "${model.name}": inference failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  },
  async providerOf(model) {
    return (await session(model)).info.provider;
  },
};

function ocrPipeline(): Promise<OcrPipeline> {
  pipeline ??= (async () => {
    const reg = await getRegistry();
    const det = reg.forTask('ocr-detection');
    const rec = reg.forTask('ocr-recognition');
    const cls = reg.has('ocr-direction') ? reg.forTask('ocr-direction') : null;
    return OcrPipeline.create(runner, det, rec, cls);
  })();
  pipeline.catch(() => (pipeline = null));
  return pipeline;
}

let chain: Promise<void> = Promise.resolve();
port.on('message', (req: HostRequest) => {
  chain = chain.then(() => serve(req));
});

async function serve(req: HostRequest): Promise<void> {
  try {
    switch (req.op) {
      case 'load': {
        const entry = (await getRegistry()).get(req.model);
        reply({ id: req.id, ok: true, value: (await session(entry)).info });
        return;
      }
      case 'infer': {
        const entry = (await getRegistry()).get(req.model);
        const out: Record<string, Tensor> = await runner.run(entry, req.feeds);
        reply({ id: req.id, ok: true, value: out }, Object.values(out).map((t) => t.data.buffer as ArrayBuffer));
        return;
      }
      case 'ocr': {
        const ocr = await ocrPipeline();
        const { header, frames } = await decodeImage(req.bytes, req.file, { firstOnly: req.options.firstOnly === true });
        const value: OcrImageResult = { header, frames: [] };
        const transfer: ArrayBuffer[] = [];
        for (const f of frames) {
          let result;
          try {
            result = await ocr.run(f, req.options);
          } catch (err) {
            if (err instanceof ModelError || err instanceof SourceError) throw err;
            throw new SourceError(req.file, `OCR failed: ${err instanceof Error ? err.message : String(err)}`, { ...(frames.length > 1 ? { page: f.index } : {}), cause: err });
          }
          const png = req.options.wantPng ? await encodeCanvas(f.canvas, 'png') : undefined;
          if (png) transfer.push(png.buffer as ArrayBuffer);
          value.frames.push({ index: f.index, width: f.width, height: f.height, scale: f.scale, ...(png ? { png } : {}), result });
        }
        reply({ id: req.id, ok: true, value }, transfer);
        return;
      }
    }
  } catch (err) {
    reply({ id: req.id, ok: false, error: toSerializedError(err) });
  }
}

function reply(msg: HostReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}
