// PNGs whose IHDR breaks the PNG spec (bit depth 3, colour type 5, ...) but whose checksums are
// all valid made @napi-rs/canvas segfault inside loadImage, taking the CLI, the OCR host and the
// browser-mode server down with no message. header.ts now checks every IHDR field against the spec
// (PNG 11.2.2) and the palette rules (11.2.3) before a decoder sees the bytes; each file below must
// fail with a one-line SourceError naming it, in this process, and in the CLI. TIFF pages are also
// limited in total, not only one by one.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../engine/errors.js';
import { readImageHeader } from '../../engine/models/raster/header.js';
import { loadImageSafe } from '../../engine/models/raster/safe-load.js';
import { corpus, outputDir, repoRoot } from '../helpers/corpus.js';

const dir = path.join(outputDir, 'png-ihdr');
const at = (f: string): string => path.join(dir, f);
const run = promisify(execFile);

/** A real corpus PNG with IHDR bytes changed and the IHDR checksum recomputed, so only the field values are wrong. */
function withIhdr(edit: Partial<Record<'depth' | 'colour' | 'compression' | 'filter' | 'interlace', number>>): Buffer {
  const b = Buffer.from(readFileSync(corpus('images/pek_table_001.png')));
  const offsets = { depth: 24, colour: 25, compression: 26, filter: 27, interlace: 28 } as const;
  for (const [k, v] of Object.entries(edit)) b[offsets[k as keyof typeof offsets]] = v;
  b.writeUInt32BE(crc32(b.subarray(12, 29)), 29);
  return b;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([head, td, crc]);
}

/** A tiny 2×2 PNG of the given colour type and depth, with a palette when asked. */
function tinyPng(colour: number, depth: number, plteEntries?: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = depth;
  ihdr[9] = colour;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colour] ?? 1;
  const rowBytes = Math.ceil((2 * channels * depth) / 8);
  const raw = Buffer.alloc(2 * (1 + rowBytes));
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const parts = [sig, chunk('IHDR', ihdr)];
  if (plteEntries !== undefined) parts.push(chunk('PLTE', Buffer.alloc(plteEntries * 3, 0x80)));
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** A little-endian TIFF whose IFDs claim the given page sizes (no pixel data is read by the header check). */
function claimingTiff(pages: [number, number][]): Buffer {
  const ifdSize = 2 + 2 * 12 + 4;
  const b = Buffer.alloc(8 + pages.length * ifdSize);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  for (const [i, [w, h]] of pages.entries()) {
    const o = 8 + i * ifdSize;
    b.writeUInt16LE(2, o);
    for (const [k, [tag, v]] of ([[256, w], [257, h]] as const).entries()) {
      const e = o + 2 + k * 12;
      b.writeUInt16LE(tag, e);
      b.writeUInt16LE(4, e + 2); // LONG
      b.writeUInt32LE(1, e + 4);
      b.writeUInt32LE(v, e + 8);
    }
    b.writeUInt32LE(i + 1 < pages.length ? o + ifdSize : 0, o + 2 + 2 * 12);
  }
  return b;
}

const BAD: { name: string; bytes: () => Buffer; why: RegExp }[] = [
  { name: 'depth3.png', bytes: () => withIhdr({ depth: 3 }), why: /bit depth of 3 is not allowed for colour type 6/ },
  { name: 'colour5.png', bytes: () => withIhdr({ colour: 5 }), why: /colour type 5 does not exist/ },
  { name: 'palette16.png', bytes: () => withIhdr({ colour: 3, depth: 16 }), why: /bit depth of 16 is not allowed for colour type 3/ },
  { name: 'filter1.png', bytes: () => withIhdr({ filter: 1 }), why: /unknown filter method 1/ },
  { name: 'compression1.png', bytes: () => withIhdr({ compression: 1 }), why: /unknown compression method 1/ },
  { name: 'interlace2.png', bytes: () => withIhdr({ interlace: 2 }), why: /unknown interlace method 2/ },
  { name: 'no-palette.png', bytes: () => tinyPng(3, 8), why: /palette image without a palette/ },
  { name: 'big-palette.png', bytes: () => tinyPng(3, 1, 3), why: /3 entries, more than a 1-bit image can index/ },
];

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const c of BAD) writeFileSync(at(c.name), c.bytes());
});

describe('PNG IHDR checks', () => {
  it('every colour type and bit depth the spec allows passes the header check', () => {
    const allowed: [number, number[]][] = [[0, [1, 2, 4, 8, 16]], [2, [8, 16]], [3, [1, 2, 4, 8]], [4, [8, 16]], [6, [8, 16]]];
    for (const [colour, depths] of allowed) {
      for (const depth of depths) {
        const h = readImageHeader(tinyPng(colour, depth, colour === 3 ? 2 : undefined), 'ok.png');
        expect(h).toMatchObject({ format: 'png', width: 2, height: 2 });
      }
    }
  });

  for (const c of BAD) {
    it(`${c.name}: refused with a typed error naming the file, before any decoder runs`, async () => {
      const bytes = readFileSync(at(c.name));
      expect(() => readImageHeader(bytes, c.name)).toThrow(c.why);
      const err = await loadImageSafe(new Uint8Array(bytes), c.name).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SourceError);
      expect((err as Error).message).toMatch(new RegExp(`^${c.name.replace('.', '\\.')}: corrupt PNG: `));
    });
  }

  it('the bare decoder is what crashes on them (logged, not asserted: it depends on the canvas version)', () => {
    let crashed = 0;
    for (const c of BAD.slice(0, 4)) {
      const r = spawnSync(process.execPath, ['-e', `require('@napi-rs/canvas').loadImage(require('fs').readFileSync(${JSON.stringify(at(c.name))})).catch(() => {})`], { cwd: repoRoot });
      if (r.signal) crashed++;
    }
    console.log(`${crashed} of 4 invalid-IHDR PNGs crash @napi-rs/canvas loadImage in a bare process`);
  });

  it('folio ingest prints one line naming the file and exits 1 instead of dying with SIGSEGV', async () => {
    const folio = path.join(repoRoot, 'electron/bin/folio.mjs');
    for (const name of ['depth3.png', 'colour5.png']) {
      const res = await run('node', [folio, 'ingest', at(name), '--out', at(`out-${name}`)]).then(
        () => ({ code: 0, signal: null, stderr: '' }),
        (e: { code: number | null; signal: string | null; stderr: string }) => e,
      );
      expect(res.signal).toBeNull();
      expect(res.code).toBe(1);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(new RegExp(`^folio: ${name.replace('.', '\\.')}: corrupt PNG: `));
    }
  }, 120_000);
});

describe('TIFF pixel limit over all pages', () => {
  it('pages that each pass the per-image limit but add up past it are refused as a bomb', () => {
    // 81 MP a page, as in the report: one page is allowed, two together are not.
    expect(readImageHeader(claimingTiff([[9000, 9000]]), 'one.tif')).toMatchObject({ format: 'tiff', frames: 1 });
    const err = (() => {
      try {
        readImageHeader(claimingTiff([[9000, 9000], [9000, 9000]]), 'eight.tif');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('SOURCE_TOO_COMPLEX');
    expect((err as Error).message).toMatch(/^eight\.tif: the TIFF's 2 pages hold 162 megapixels together/);
  });
});
