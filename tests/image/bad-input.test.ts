// Bad images: empty, truncated, corrupt, not an image, and decompression bombs give a SourceError
// that names the file and the problem, quickly, without taking the process down; the CLI prints
// one line and exits non-zero.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../engine/errors.js';
import { ingestImage } from '../../engine/ingest/image/index.js';
import { ModelHost } from '../../engine/models/host.js';
import { readImageHeader } from '../../engine/models/raster/header.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';

const dir = path.join(outputDir, 'image-bad');
const at = (f: string): string => path.join(dir, f);
const host = new ModelHost({ userDir: null, provider: 'cpu', log: () => undefined });
const run = promisify(execFile);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A well-formed PNG of a few hundred bytes whose header claims width × height pixels. */
function claimingPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(at('empty.png'), Buffer.alloc(0));
  const real = readFileSync(corpus('images/pek_table_001.png'));
  writeFileSync(at('truncated.png'), real.subarray(0, Math.floor(real.length * 0.3)));
  const corrupt = Buffer.from(real);
  corrupt.fill(0x5a, 40, corrupt.length - 20);
  writeFileSync(at('corrupt.png'), corrupt);
  writeFileSync(at('notes.png'), 'these are notes, not a picture\n');
  writeFileSync(at('bomb.png'), claimingPng(100_000, 100_000));
  writeFileSync(at('zero.png'), claimingPng(0, 100));
  execFileSync('convert', ['-size', '40x20', 'xc:white', at('small.jpg')]);
  writeFileSync(at('truncated-header.jpg'), readFileSync(at('small.jpg')).subarray(0, 30));
});
afterAll(() => host.close());

async function sourceError(file: string): Promise<SourceError> {
  const err = await ingestImage({ path: at(file) }, { host }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `${file} was accepted`).toBeInstanceOf(SourceError);
  expect((err as SourceError).message.startsWith(`${file}: `)).toBe(true);
  return err as SourceError;
}

describe('bad images', () => {
  it('an empty file', async () => expect((await sourceError('empty.png')).message).toMatch(/empty \(0 bytes\)/));
  it('a truncated PNG', async () => expect((await sourceError('truncated.png')).message).toMatch(/corrupt or truncated PNG/));
  it('a PNG with garbage image data', async () => expect((await sourceError('corrupt.png')).message).toMatch(/corrupt or truncated PNG/));
  it('text named .png', async () => expect((await sourceError('notes.png')).message).toMatch(/not an image Folio can read/));
  it('a zero-width image', async () => expect((await sourceError('zero.png')).message).toMatch(/no pixels \(0×100\)/));
  it('a JPEG cut inside its header', async () => expect((await sourceError('truncated-header.jpg')).message).toMatch(/truncated or corrupt JPEG/));

  it('a decompression bomb (a 300-byte PNG claiming 100,000² px) is refused before decoding', async () => {
    expect(readFileSync(at('bomb.png')).length).toBeLessThan(400);
    const t0 = performance.now();
    const err = await sourceError('bomb.png');
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(err.code).toBe('SOURCE_TOO_COMPLEX');
    expect(err.message).toMatch(/claims 100000×100000 px.*decompression bomb/);
    expect(() => readImageHeader(readFileSync(at('bomb.png')), 'bomb.png')).toThrow(SourceError);
  });

  it('the model host survives bad input and still reads a good image', async () => {
    await sourceError('corrupt.png');
    const r = await host.ocrImage(readFileSync(corpus('images/unstructured_chi_sim_image.jpeg')), 'chi.jpeg');
    expect(r.frames[0]!.result.lines.length).toBeGreaterThan(3);
  });

  it('folio ocr and folio ingest print one line naming the file and exit 1', async () => {
    const folio = path.join(repoRoot, 'electron/bin/folio.mjs');
    for (const args of [['ocr', at('bomb.png')], ['ingest', at('truncated.png'), '--out', at('out')]]) {
      const res = await run('node', [folio, ...args]).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(res.code).toBe(1);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(/^folio: (bomb|truncated)\.png: /);
    }
  });
});
