// What Folio reads, said once (issue 25): the sniffer's extensions, the app's copy names, the file
// picker and the messages all come from engine/vocabulary/sources.ts.
import { describe, expect, it } from 'vitest';
import { sourceKindOf } from '../../engine/ingest/kind.js';
import { FILE_PICKER_ACCEPT, READS_IN_WORDS, SOURCE_KINDS, SOURCE_KIND_FILES, sourceKindOfExtension } from '../../engine/vocabulary/sources.js';

describe('source kinds and their files', () => {
  it('names each kind by its extensions, whatever their case', () => {
    expect(sourceKindOfExtension('.PDF')).toBe('pdf');
    expect(sourceKindOfExtension('.jpeg')).toBe('image');
    expect(sourceKindOfExtension('.TIF')).toBe('image');
    expect(sourceKindOfExtension('.xhtml')).toBe('html');
    expect(sourceKindOfExtension('.docx')).toBeUndefined();
    // The sniffer falls back on the same list when the bytes say nothing.
    const blank = new Uint8Array(16);
    expect(sourceKindOf('scan.TIFF', blank)).toBe('image');
    expect(sourceKindOf('page.htm', blank)).toBe('html');
    expect(sourceKindOf('notes.docx', blank)).toBe('unknown');
  });
  it('lists each extension under one kind only, and every kind in words and in the file picker', () => {
    const all = SOURCE_KINDS.flatMap((k) => SOURCE_KIND_FILES[k].extensions);
    expect(new Set(all).size).toBe(all.length);
    expect(READS_IN_WORDS).toBe('PDF files, images and .html pages');
    for (const k of SOURCE_KINDS) for (const e of SOURCE_KIND_FILES[k].extensions) expect(FILE_PICKER_ACCEPT.split(',')).toContain(e);
    expect(FILE_PICKER_ACCEPT).toMatch(/application\/pdf,image\/\*,text\/html$/);
  });
});
