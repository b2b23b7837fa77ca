// The site links a copy of each source it can read as a PDF or an image. A document folder given as
// the source (pdf-to-web over a folder `folio ingest` wrote) is no such file: it is not linked, and
// the export goes on (it crashed with EISDIR reading the folder as if it were the PDF).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffSource } from '../../engine/export/site/files.js';

describe('sniffSource', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-sniff-'));
  it('reads a PDF, a PNG and a JPEG by their first bytes', async () => {
    writeFileSync(path.join(dir, 'a.pdf'), '%PDF-1.7\n');
    writeFileSync(path.join(dir, 'b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    writeFileSync(path.join(dir, 'c.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    expect(await sniffSource(path.join(dir, 'a.pdf'))).toBe('pdf');
    expect(await sniffSource(path.join(dir, 'b.png'))).toBe('png');
    expect(await sniffSource(path.join(dir, 'c.jpg'))).toBe('jpeg');
    expect(await sniffSource(path.join(dir, 'missing.pdf'))).toBeNull();
  });
  it('takes a folder for something other than a source file, without throwing', async () => {
    const folder = path.join(dir, 'doc-folder');
    mkdirSync(folder);
    expect(await sniffSource(folder)).toBe('other');
  });
});
