// The document model every later stage reads. One schema, types inferred from it.
import { z } from 'zod';
import { SOURCE_KINDS } from './kind.js';

export const SCHEMA_VERSION = 1;

/** [x0, y0, x1, y1] in PDF points (or image pixels), top-left origin. */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

export const BlockType = z.enum([
  'title',
  'heading',
  'paragraph',
  'list-item',
  'caption',
  'figure',
  'table',
  'equation',
  'code',
  'header',
  'footer',
  'footnote',
  'reference',
]);
export type BlockType = z.infer<typeof BlockType>;

export const Block = z.object({
  id: z.string(),
  type: BlockType,
  page: z.number().int().min(1),
  bbox: BBox,
  text: z.string(),
  /** Heading level (1 = top) for headings. */
  level: z.number().int().optional(),
  /** Where the text came from: the PDF's text layer or OCR. */
  textSource: z.enum(['native', 'ocr']).optional(),
  confidence: z.number().optional(),
  /** For figure/table/caption blocks: the figure or table this block belongs to. */
  ref: z.string().optional(),
  /**
   * The text is not to be trusted as read: 'unmapped' where many characters came from a font with
   * no usable Unicode map (shown as U+FFFD), 'symbols' where symbol glyphs sit inside words or
   * numbers ("a♣b" for "a|b", "x_i¦" for "x_i⊤"), 'script' where letters of another script stand
   * where brackets or signs belong ("f ðPÞ" for "f(P)"): the signs of a font whose encoding was
   * misread. Absent when credible.
   */
  suspectText: z.enum(['unmapped', 'symbols', 'script']).optional(),
  /**
   * With suspectText: the [start, end) offsets in `text` of the words that are not credible, so
   * that an output can leave out the sentences holding them and keep the rest of the block.
   */
  suspectSpans: z.array(z.tuple([z.number().int(), z.number().int()])).optional(),
  /**
   * A numbered display equation's number as printed, without its brackets ("7", "2.13a"); the
   * number is inside the block's bbox and text.
   */
  number: z.string().optional(),
  /** Links inside the block's text (web pages): the link text and where it points. */
  links: z.array(z.object({ text: z.string(), href: z.string() })).optional(),
});
export type Block = z.infer<typeof Block>;

export const Page = z.object({
  index: z.number().int().min(1),
  width: z.number(),
  height: z.number(),
  textLayer: z.enum(['native', 'none', 'suspect']),
  blocks: z.array(Block),
});
export type Page = z.infer<typeof Page>;

export const Section = z.object({
  title: z.string(),
  number: z.string().optional(),
  level: z.number().int().min(1),
  page: z.number().int().min(1),
  blockIds: z.array(z.string()),
  /**
   * Back matter, marked so that outputs can leave it out: the bibliography, the acknowledgements,
   * an appendix (and the sections under it). Absent for the body.
   */
  kind: z.enum(['references', 'acknowledgements', 'appendix']).optional(),
});
export type Section = z.infer<typeof Section>;

/** A quarter turn either way. */
export const Rotation = z.union([z.literal(90), z.literal(270)]);
export type Rotation = z.infer<typeof Rotation>;

export const Figure = z.object({
  id: z.string(),
  label: z.string(),
  caption: z.string(),
  page: z.number().int().min(1),
  bbox: BBox,
  captionBbox: BBox.optional(),
  /** Path of the PNG crop relative to the document folder; absent until crops are rendered. */
  asset: z.string().optional(),
  /** What the figure is drawn with. */
  kind: z.enum(['raster', 'vector', 'text', 'mixed']).optional(),
  /** Where the image came from (web pages); the only pointer to it when it was not fetched. */
  src: z.string().optional(),
  /**
   * Set sideways on its page (a landscape table on a portrait page): turned this many degrees
   * clockwise it reads upright. Its crop comes turned already; bbox stays in page coordinates.
   */
  rotation: Rotation.optional(),
  /**
   * Found from the page itself (an image or a drawing with no "Figure n" caption): its label is
   * "Picture on p. N" and its caption empty; `mention` and `heading` say what it belongs to.
   */
  uncaptioned: z.literal(true).optional(),
  /** The sentence of the text that refers to the picture, where one does. */
  mention: z.string().optional(),
  /** The title of the section the figure is in. */
  heading: z.string().optional(),
});
export type Figure = z.infer<typeof Figure>;

export const Table = z.object({
  id: z.string(),
  label: z.string(),
  caption: z.string(),
  page: z.number().int().min(1),
  bbox: BBox,
  captionBbox: BBox.optional(),
  rows: z.array(z.array(z.string())),
  asset: z.string().optional(),
  /** The id of the table this one continues (a table split over pages: the same label again later). */
  continues: z.string().optional(),
  /** This table goes on in a later part (one whose `continues` is this table's id). */
  continued: z.boolean().optional(),
  /**
   * Set sideways on its page (a landscape table on a portrait page): turned this many degrees
   * clockwise it reads upright. Its crop comes turned already; bbox stays in page coordinates.
   */
  rotation: Rotation.optional(),
  /**
   * Found from the page itself (rows of text whose cells line up in columns, no rules and no
   * "Table n" caption): its label is "Table on p. N" and its caption empty.
   */
  uncaptioned: z.literal(true).optional(),
});
export type Table = z.infer<typeof Table>;

export const SourceDocument = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string(),
  kind: z.enum(SOURCE_KINDS),
  /** The file name the document came from (never an absolute path of the user's machine). */
  file: z.string(),
  sha256: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  abstract: z.string().optional(),
  lang: z.string(),
  pageCount: z.number().int().min(0),
  pages: z.array(Page),
  sections: z.array(Section),
  figures: z.array(Figure),
  tables: z.array(Table),
  /** Things a person may want to know about how the document was read (skipped pages, limits hit). */
  warnings: z.array(z.string()),
  /**
   * The year the document appeared and where (a journal, proceedings, a conference, arXiv), where its
   * first page states them: what a citation of it needs beyond title and authors.
   */
  year: z.number().int().optional(),
  venue: z.string().optional(),
  /** Web pages: the address the page was fetched from (or was saved from), its site and publication date. */
  url: z.string().optional(),
  siteName: z.string().optional(),
  published: z.string().optional(),
});
export type SourceDocument = z.infer<typeof SourceDocument>;
