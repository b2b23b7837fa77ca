// Decompression bombs through the real `folio ingest` CLI, with the peak RSS of its whole process
// tree measured (bench/fuzz/run.ts): each ends in a document or a typed error naming the file, and
// never above 1 GB. Before the limits these peaked at 3.2 GB (1 GB flate stream), 4.5 GB (20,000²
// PDF image, killed there) and 2.9 GB (120 MP TIFF).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deflateZeros, pdfFromObjects, pdfPage, pdfStream, textContent, tiff } from '../../bench/fuzz/make.js';
import { runIngest } from '../../bench/fuzz/run.js';
import { decodeImage } from '../../engine/models/raster/decode.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ingest(name: string, bytes: Buffer) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const outDir = path.join(dir, 'out', name);
  mkdirSync(outDir, { recursive: true });
  // Killed at 1.5 GB so that a regression cannot take the test machine.
  return runIngest(file, { outDir, timeoutMs: 150_000, killMb: 1536, extraArgs: ['--quiet'] });
}

describe('bombs stay under 1 GB', () => {
  it('a 1 GB flate stream in a 1 MB PDF is refused in words', async () => {
    const pdf = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R] >>',
      pdfStream('', textContent(['Flate bomb'])),
      pdfStream('/Filter /FlateDecode', await deflateZeros(1 << 30)),
    ]);
    const r = await ingest('flate.pdf', pdf);
    expect(r.peakMb).toBeLessThanOrEqual(1024);
    expect(r.outcome).toBe('typed error');
    expect(r.message).toMatch(/^folio: flate\.pdf: (page 1: )?a compressed stream inflates to more than 256 MB/);
  }, 170_000);

  it('a 20,000² image in a PDF page is left out of the render', async () => {
    const side = 20_000;
    const img = pdfStream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode`, await deflateZeros(side * side * 3));
    const page = Buffer.from(`${textContent(['An image bomb sits on this page, with enough words around it to make a text layer.']).toString('latin1')}\nq 400 0 0 400 100 100 cm /Im1 Do Q`, 'latin1');
    const r = await ingest('image.pdf', pdfPage(page, { xobjects: [img] }));
    expect(r.peakMb).toBeLessThanOrEqual(1024);
    expect(r.outcome).toBe('ok');
    // Said, naming the page and the size: on the CLI and in document.json's warnings.
    const said = /page 1: an image of 20000×20000 px \(400 MP\) is over the 36 MP Folio decodes and left out/;
    expect(r.stderr).toMatch(new RegExp(`folio: warning: image\\.pdf: ${said.source}`));
    const doc = JSON.parse(readFileSync(path.join(dir, 'out', 'image.pdf', 'image', 'document.json'), 'utf8')) as { warnings: string[] };
    expect(doc.warnings.some((w) => said.test(w))).toBe(true);
  }, 170_000);

  it('a 120 MP TIFF is read within 1 GB', async () => {
    const r = await ingest('big.tif', tiff({ width: 12_000, height: 10_000, strip: Buffer.alloc(12_000 * 10_000, 255) }));
    expect(r.peakMb).toBeLessThanOrEqual(1024);
    expect(r.outcome).toBe('ok');
  }, 170_000);
});

describe('large TIFF pages are averaged down from their samples', () => {
  it('keeps what the page shows', async () => {
    // Left half black, right half white, 6000 px wide: over the 4096 px working size.
    const W = 6000;
    const H = 40;
    const strip = Buffer.alloc(W * H);
    for (let y = 0; y < H; y++) strip.fill(255, y * W + W / 2, (y + 1) * W);
    const { frames } = await decodeImage(tiff({ width: W, height: H, strip }), 'half.tif');
    const f = frames[0]!;
    expect([f.width, f.height, f.image.width]).toEqual([W, H, 4096]);
    const px = (x: number, y: number): number => f.image.data[(y * f.image.width + x) * 4]!;
    expect(px(100, 10)).toBe(0);
    expect(px(4000, 10)).toBe(255);
    // The edge falls in the middle, as in the original.
    expect(px(2040, 10)).toBe(0);
    expect(px(2056, 10)).toBe(255);
  });
});
