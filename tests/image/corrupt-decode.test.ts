// Corrupt image data must never take the process down. @napi-rs/canvas's decoders segfault on
// some corrupt JPEG and WebP bytes (the cases below: 8 random bytes changed after the header, end
// marker intact); Folio decodes such formats in a child process (engine/models/raster/safe-load.ts),
// so each case here either decodes or fails with a SourceError naming the file, in this process.
// Without that, this test file's worker dies with SIGSEGV.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../engine/errors.js';
import { ingestFile } from '../../engine/ingest/index.js';
import { decodeImage } from '../../engine/models/raster/decode.js';
import { repoRoot } from '../helpers/corpus.js';
import { testPhoto } from '../helpers/photo.js';

async function corrupted(format: 'jpeg' | 'webp', seed: number): Promise<Buffer> {
  const b = await testPhoto(format);
  let s = seed;
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let k = 0; k < 8; k++) b[40 + Math.floor(rnd() * (b.length - 42))] = Math.floor(rnd() * 256);
  return b;
}

// Seeds whose bytes crashed the in-process decoder when this test was written (canvas 0.1.100).
const CASES: { format: 'jpeg' | 'webp'; seeds: number[] }[] = [
  { format: 'jpeg', seeds: [3, 7, 9, 10] },
  { format: 'webp', seeds: [3, 5, 6, 15] },
];

describe('corrupt images', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-corrupt-'));

  for (const { format, seeds } of CASES) {
    it(`${format.toUpperCase()}: each corrupt file decodes or fails with a typed error, and this process lives`, async () => {
      let crashedInProcess = 0;
      for (const seed of seeds) {
        const bytes = await corrupted(format, seed);
        const file = path.join(dir, `bad-${seed}.${format === 'jpeg' ? 'jpg' : 'webp'}`);
        writeFileSync(file, bytes);
        // What the bare decoder does with it, in a throwaway process (for the log, not the verdict).
        const raw = spawnSync(process.execPath, ['-e', `require('@napi-rs/canvas').loadImage(require('fs').readFileSync(${JSON.stringify(file)})).catch(() => {})`], { cwd: repoRoot });
        if (raw.signal) crashedInProcess++;
        const r = await decodeImage(new Uint8Array(bytes), path.basename(file)).then(
          (d) => ({ ok: true as const, width: d.frames[0]!.width }),
          (err: unknown) => ({ ok: false as const, err }),
        );
        if (r.ok) expect(r.width).toBe(300);
        else {
          expect(r.err).toBeInstanceOf(SourceError);
          expect((r.err as SourceError).message).toMatch(new RegExp(`^bad-${seed}\\.`));
        }
      }
      console.log(`${format}: ${crashedInProcess} of ${seeds.length} crash the decoder in-process; all handled here`);
    }, 60_000);
  }

  it('an image source that crashes the decoder is a failed ingest naming the file', async () => {
    const file = path.join(dir, 'photo.jpg');
    // Seed 7 passes the header checks (end marker present) and crashes the bare decoder.
    writeFileSync(file, await corrupted('jpeg', 7));
    const err = await ingestFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/^photo\.jpg: corrupt or unreadable JPEG \(the decoder crashed on it/);
  }, 60_000);
});
