// Source kinds: what Folio reads (issue 25: the list was written out seven times). Zod only: the
// contract and the renderer import it too. Telling a file's kind from its bytes is engine/ingest/kind.ts.
import { z } from 'zod';

/** What a source file is read as. */
export const SOURCE_KINDS = ['pdf', 'image', 'html'] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

/** What a source was added as: a file of one of the kinds above, or a web address (read as html). */
export const INPUT_KINDS = [...SOURCE_KINDS, 'url'] as const;
export const InputKind = z.enum(INPUT_KINDS);
export type InputKind = z.infer<typeof InputKind>;

/**
 * Each source kind as people know it: its file extensions (the first is the one a project's copy
 * gets when its own name does not say what it is; none for images, whose format names itself),
 * its words in messages, and what a file picker offers.
 */
export const SOURCE_KIND_FILES: Record<SourceKind, { extensions: readonly string[]; copyExtension?: string; words: string; mime: string }> = {
  pdf: { extensions: ['.pdf'], copyExtension: '.pdf', words: 'PDF files', mime: 'application/pdf' },
  image: { extensions: ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp', '.tif', '.tiff'], words: 'images', mime: 'image/*' },
  html: { extensions: ['.html', '.htm', '.xhtml'], copyExtension: '.html', words: '.html pages', mime: 'text/html' },
};

/** The kind a file name's extension says, if any ('.JPG' → image). */
export function sourceKindOfExtension(ext: string): SourceKind | undefined {
  const e = ext.toLowerCase();
  return SOURCE_KINDS.find((k) => SOURCE_KIND_FILES[k].extensions.includes(e));
}

/** "PDF files, images and .html pages": what Folio reads, for messages. */
export const READS_IN_WORDS = ((w: string[]) => `${w.slice(0, -1).join(', ')} and ${w.at(-1)}`)(SOURCE_KINDS.map((k) => SOURCE_KIND_FILES[k].words));

/** A file picker's accept list: every extension, then the MIME types. */
export const FILE_PICKER_ACCEPT = [...SOURCE_KINDS.flatMap((k) => SOURCE_KIND_FILES[k].extensions), ...SOURCE_KINDS.map((k) => SOURCE_KIND_FILES[k].mime)].join(',');
