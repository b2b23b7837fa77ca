// The model host runs in a child process: a host killed in the middle of a request (the kernel's OOM
// killer, a native crash) fails that request with a typed error naming the file, the caller lives
// on, and the next request starts a fresh host; an idle host exits by itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError, SourceError } from '../../engine/errors.js';
import { describeHostExit, ModelHost } from '../../engine/models/host.js';
import { corpus, outputDir } from '../helpers/corpus.js';

const dir = path.join(outputDir, 'ocr-host-process');
mkdirSync(dir, { recursive: true });
const base = path.join(dir, 'dpr-p2');
execFileSync('pdftoppm', ['-r', '100', '-f', '2', '-l', '2', '-singlefile', '-png', corpus('papers/unstructured_multi-column_DPR.pdf'), base]);
const page = readFileSync(`${base}.png`);

const host = new ModelHost({ userDir: null, provider: 'cpu', log: () => undefined });
afterAll(() => host.close());

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('model host process', () => {
  it('runs in its own process, not in the caller', async () => {
    await host.load('pp-ocrv4-det');
    const pid = host.processId;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    expect(alive(pid!)).toBe(true);
  });

  for (const signal of ['SIGKILL', 'SIGSEGV'] as const) {
    it(`a host killed by ${signal} mid-request gives a SourceError naming the file, and the next request starts a fresh host`, async () => {
      await host.load('pp-ocrv4-det');
      const first = host.processId!;
      const req = host.ocrImage(page, 'dpr-page-2.png');
      // Kill it while it decodes, detects or recognises (the page takes seconds).
      setTimeout(() => process.kill(first, signal), 150);
      const err = await req.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).file).toBe('dpr-page-2.png');
      expect((err as Error).message).toMatch(signal === 'SIGKILL' ? /^dpr-page-2\.png: the model host process was killed \(SIGKILL/ : /^dpr-page-2\.png: the model host process crashed in native code \(SIGSEGV\)/);
      expect((err as Error).message).toMatch(/the next request starts a new one/);
      await waitFor(() => !alive(first), 5000);

      const r = await host.ocrImage(page, 'dpr-page-2.png');
      expect(host.processId).not.toBe(first);
      expect(r.frames[0]!.result.lines.length).toBeGreaterThan(20);
    }, 120_000);
  }

  it('a host that runs out of memory gives a SourceError that says so, and the caller lives on', async () => {
    // A 4 MB JavaScript heap cannot even load the pipeline: V8 aborts the host process.
    const h = new ModelHost({ userDir: null, provider: 'cpu', heapLimitMb: 4, log: () => undefined });
    try {
      const err = await h.ocrImage(page, 'big-scan.png').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as Error).message).toMatch(/^big-scan\.png: the model host process ran out of memory \(its JavaScript heap limit\) during OCR/);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('a request without a file (load, infer) fails with a ModelError when its host dies', async () => {
    const h = new ModelHost({ userDir: null, provider: 'cpu', log: () => undefined });
    try {
      await h.load('ppocr-mobile-v2-cls');
      const pid = h.processId!;
      const req = h.load('pp-ocrv4-rec');
      process.kill(pid, 'SIGKILL');
      const err = await req.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelError);
      expect((err as Error).message).toMatch(/model host process was killed .* during loading pp-ocrv4-rec/);
      expect((await h.load('pp-ocrv4-rec')).provider).toBe('cpu');
    } finally {
      await h.close();
    }
  }, 60_000);

  it('an idle host exits by itself, and the next request starts one again', async () => {
    const h = new ModelHost({ userDir: null, provider: 'cpu', idleExitMs: 300, log: () => undefined });
    try {
      await h.load('ppocr-mobile-v2-cls');
      const pid = h.processId!;
      await waitFor(() => !alive(pid), 5000);
      expect(h.processId).toBeUndefined();
      expect((await h.load('ppocr-mobile-v2-cls')).provider).toBe('cpu');
      expect(h.processId).not.toBe(pid);
    } finally {
      await h.close();
    }
  }, 60_000);

  it('close() ends the host process', async () => {
    const h = new ModelHost({ userDir: null, provider: 'cpu', log: () => undefined });
    await h.load('ppocr-mobile-v2-cls');
    const pid = h.processId!;
    await h.close();
    await waitFor(() => !alive(pid), 5000);
    await expect(h.load('ppocr-mobile-v2-cls')).rejects.toThrow(/closed/);
  }, 60_000);

  it('says why a host ended in words a person can act on', () => {
    expect(describeHostExit(null, 'SIGKILL')).toMatch(/ran out of memory|killed/);
    expect(describeHostExit(134, null, '\n<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory')).toMatch(/ran out of memory \(its JavaScript heap limit\)/);
    expect(describeHostExit(null, 'SIGABRT', "terminate called after throwing an instance of 'std::bad_alloc'")).toMatch(/out of memory in native code/);
    expect(describeHostExit(3, null)).toMatch(/exited unexpectedly \(code 3\)/);
  });
});
