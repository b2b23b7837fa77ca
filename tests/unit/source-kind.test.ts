// One answer to "what kind of source is this file?" for the engine, the skills and the app (issue 25).
// Content decides first, then the name: a PDF saved as "scan.png" or with no extension is a PDF
// everywhere; a PNG whose text chunk happens to hold "%PDF-" is still a PNG.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile, sourceKindOf } from '../../engine/ingest/index.js';
import { AppServices } from '../../electron/services/app-services.ts';
import { MemorySecretStore } from '../../electron/services/host.ts';
import type { SourceInfo } from '../../electron/contract/contract.ts';
import { inputKind } from '../../skills/registry.js';
import { corpus } from '../helpers/corpus.js';

const work = mkdtempSync(path.join(tmpdir(), 'folio-kind-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('sourceKindOf', () => {
  it.each([
    ['a PDF named .png', 'scan.png', enc('%PDF-1.7\n...'), 'pdf'],
    ['a PDF with no extension', 'download', enc('%PDF-1.4\n'), 'pdf'],
    ['a PDF header after junk', 'x.bin', enc('\n\n  junk %PDF-1.5\n'), 'pdf'],
    ['a PNG holding "%PDF-" in a text chunk', 'chart', new Uint8Array([...PNG_SIG, ...enc('....tEXtComment %PDF-1.4')]), 'image'],
    ['a JPEG named .pdf', 'photo.pdf', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'image'],
    ['a saved page without extension', 'page', enc('\uFEFF  <!DOCTYPE html><html><body>hi</body></html>'), 'html'],
    ['XHTML with an XML declaration', 'page.xml', enc('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), 'html'],
    ['a .pdf that is not one (the PDF reader says why)', 'broken.pdf', enc('hello'), 'pdf'],
    ['an .htm by its name', 'notes.htm', enc('<p>text</p>'), 'html'],
    ['a text file', 'notes.txt', enc('hello'), 'unknown'],
    ['an empty file without extension', 'empty', new Uint8Array(0), 'unknown'],
  ])('%s', (_what, name, head, kind) => {
    expect(sourceKindOf(name, head)).toBe(kind);
  });
});

describe('the engine, the skills and the app agree', () => {
  const pdf = corpus('annotated/docling/2305.03393v1-pg9.pdf');
  const dir = path.join(work, 'files');
  mkdirSync(dir, { recursive: true });
  const asPng = path.join(dir, 'scan.png');
  const bare = path.join(dir, 'download');
  copyFileSync(pdf, asPng);
  copyFileSync(pdf, bare);

  it('ingestFile reads a PDF named .png, and one without extension, as PDFs', async () => {
    for (const f of [asPng, bare]) expect((await ingestFile(f, { crops: false })).doc.kind).toBe('pdf');
  }, 60_000);

  it('a skill takes them as PDF inputs (it used to refuse the one without extension)', () => {
    expect(inputKind(asPng)).toBe('pdf');
    expect(inputKind(bare)).toBe('pdf');
    expect(inputKind('https://example.org/a')).toBe('url');
  });

  it('the app files an upload named scan.png as a PDF and reads it (it used to call it an image)', async () => {
    const services = await AppServices.start({
      host: { mode: 'browser', dialogs: null, secrets: new MemorySecretStore(), reveal: async () => false, dataDir: path.join(work, 'data'), allowTypedPaths: true },
      projectDir: path.join(work, 'project'),
      isTrustedSender: (s) => s.url === 'app://page',
    });
    try {
      const r = (await services.dispatch('sources.upload', { name: 'scan.png', data: new Uint8Array(readFileSync(pdf)) }, { url: 'app://page' })) as { ok: boolean; data: SourceInfo };
      expect(r.ok).toBe(true);
      expect(r.data.kind).toBe('pdf');
      const done = await new Promise<SourceInfo>((resolve) => {
        const check = (): void => {
          const s = services.sources.list().find((x) => x.id === r.data.id);
          if (s && s.status !== 'ingesting') resolve(s);
        };
        services.bus.on(check);
        check();
      });
      expect(done.status).toBe('ready');
      expect(done.pageCount).toBe(1);
    } finally {
      await services.close();
    }
  }, 90_000);
});
