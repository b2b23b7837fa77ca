// The model host process: owns the onnxruntime sessions (created lazily, cached by model name) and
// runs inference and the whole OCR pipeline (decode, detect, crop, recognise) in a child process of
// the caller (engine/models/host.ts forks it with serialization 'advanced'), so a native crash or an
// out-of-memory abort in onnxruntime or Skia ends this process, not the app or the CLI, and all its
// memory goes back to the OS when it exits. Requests are served one at a time, in order.
import { ModelError, SourceError, toSerializedError } from '../errors.js';
import { okReply } from '../rpc.js';
import { HOST_CONFIG_ENV, type HostConfig, type HostProtocol, type HostReply, type HostRequest, type LoadedModel, type OcrImageResult } from './host-protocol.js';
import { OcrPipeline, type Runner } from './ocr/pipeline.js';
import { openSession, platformProviders, type OrtSession, type Tensor } from './ort.js';
import { decodeImage } from './raster/decode.js';
import { encodeCanvas } from './raster/encode.js';
import { loadRegistry, type ModelEntry, type ModelRegistry } from './registry.js';

if (!process.send) throw new Error('host-process.ts must run as a child process with an IPC channel');
const config = JSON.parse(process.env[HOST_CONFIG_ENV] ?? '{}') as HostConfig;
// The parent closing the channel (it exited, or it retired this idle host) ends the process.
process.on('disconnect', () => process.exit(0));

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
          send({ log: `models: ${failed.map((a) => `${a.provider} unavailable (${a.reason ?? 'failed'})`).join('; ')}; using ${session.provider}` } satisfies HostReply);
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
process.on('message', (req: HostRequest) => {
  chain = chain.then(() => serve(req));
});

const ok = okReply<HostProtocol>();

async function serve(req: HostRequest): Promise<void> {
  try {
    switch (req.op) {
      case 'load': {
        const entry = (await getRegistry()).get(req.model);
        reply(ok('load', req.id, (await session(entry)).info));
        return;
      }
      case 'infer': {
        const entry = (await getRegistry()).get(req.model);
        const out: Record<string, Tensor> = await runner.run(entry, req.feeds);
        reply(ok('infer', req.id, out));
        return;
      }
      case 'ocr': {
        const ocr = await ocrPipeline();
        const { header, frames } = await decodeImage(req.bytes, req.file, { firstOnly: req.options.firstOnly === true });
        const value: OcrImageResult = { header, frames: [] };
        for (const f of frames) {
          let result;
          try {
            result = await ocr.run(f, req.options);
          } catch (err) {
            if (err instanceof ModelError || err instanceof SourceError) throw err;
            throw new SourceError(req.file, `OCR failed: ${err instanceof Error ? err.message : String(err)}`, { ...(frames.length > 1 ? { page: f.index } : {}), cause: err });
          }
          const png = req.options.wantPng ? await encodeCanvas(f.canvas, 'png') : undefined;
          value.frames.push({ index: f.index, width: f.width, height: f.height, scale: f.scale, ...(png ? { png } : {}), result });
        }
        reply(ok('ocr', req.id, value));
        return;
      }
    }
  } catch (err) {
    reply({ id: req.id, ok: false, error: toSerializedError(err) });
  }
}

function reply(msg: HostReply): void {
  send(msg);
}

function send(msg: HostReply): void {
  // The parent may be gone already (it is exiting); nothing is left to tell.
  if (process.connected) process.send!(msg);
}
