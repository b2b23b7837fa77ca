// Artifact models: what the writers fill and the exporters render. Report, Deck and Site all point
// into one table of citations and one table of visuals, so the three outputs stay consistent.
import type { BBox } from '../ingest/types.js';
import type { SourceKind } from '../ingest/kind.js';

/** A claim's evidence: resolves to "<source title>, p. N". */
export interface Citation {
  id: string;
  sourceId: string;
  sourceTitle: string;
  /** The source file name (for links to the source page). */
  sourceFile: string;
  page: number;
  bbox?: BBox;
  /** The exact source text the claim rests on. */
  quote?: string;
}

export interface TableData {
  rows: string[][];
  /** The first row is a header row. */
  header: boolean;
}

/** A figure, table or crop chosen to be shown. */
export interface Visual {
  id: string;
  /** 'equation': a display equation, shown as a crop of its page ("Equation (5)"), never renumbered. */
  kind: 'figure' | 'table' | 'image' | 'equation';
  /** "Figure 3", "Table 1"; numbered anew in the output by the exporters. */
  label: string;
  caption: string;
  sourceId: string;
  sourceTitle: string;
  page: number;
  bbox?: BBox;
  /** Absolute path of the PNG crop; exporters copy it next to their output. */
  image?: string;
  /** Pixel size of the image (for aspect-ratio layout). */
  width?: number;
  height?: number;
  /** Cell grid for tables (rendered as native tables where possible). */
  table?: TableData;
  /** Why it was chosen (from the research state). */
  why?: string;
}

/** Text with citation ids; exporters render markers that resolve to Citation entries. */
export interface Passage {
  text: string;
  cites: string[];
  /** A code listing from the source (lines kept): shown monospace, as written, never as prose. */
  code?: true;
}

/** A code listing quoted from the source, for a code slide. */
export interface CodeSample {
  /** The lines as written (a listing's whole commands, never cut mid-command). */
  text: string;
  /** The citation of the listing (its page and box). */
  cite: string;
}

export interface SourceRef {
  id: string;
  title: string;
  file: string;
  kind: SourceKind;
  authors: string[];
  pageCount: number;
  /** Absolute path of the original file (exporters may copy it so references can link to its pages). */
  path?: string;
  /** For web pages: the URL it came from. */
  url?: string;
}

export interface Generator {
  /** 'extractive': sentences are quoted from the sources (the offline default); 'model': written by a model. */
  writer: 'extractive' | 'model';
  model?: string;
}

export interface ReportSection {
  id: string;
  heading: string;
  level: 1 | 2;
  paragraphs: Passage[];
  /** Visual ids shown in this section, in order. */
  visuals: string[];
}

export interface Report {
  title: string;
  subtitle?: string;
  authors: string[];
  /** ISO date (YYYY-MM-DD). */
  date: string;
  goal?: string;
  abstract?: Passage;
  sections: ReportSection[];
  sources: SourceRef[];
  visuals: Record<string, Visual>;
  citations: Record<string, Citation>;
  generator: Generator;
}

export type SlideLayout =
  | 'title'
  | 'agenda'
  | 'section'
  | 'bullets'
  /** Tall visual: text on the left, visual on the right. */
  | 'visual-right'
  /** Near-square visual: half width beside the text. */
  | 'visual-half'
  /** Wide visual above the text. */
  | 'visual-top'
  /** Very wide visual across the slide. */
  | 'visual-full'
  | 'table'
  /** A code listing in a monospace box, with a line or two of text above it. */
  | 'code'
  | 'references'
  | 'closing';

export interface Slide {
  id: string;
  layout: SlideLayout;
  title: string;
  subtitle?: string;
  /** At most 6, each about 20 words. */
  bullets: Passage[];
  visual?: string;
  /** For 'table' slides: the visual id of the table (its `table` holds the cells). */
  table?: string;
  /** For 'code' slides: the listing. */
  code?: CodeSample;
  /** Speaker notes: the supporting evidence and sources in full. */
  notes: string;
  /** Citation ids used on this slide. */
  sources: string[];
}

export interface Deck {
  title: string;
  subtitle?: string;
  authors: string[];
  date: string;
  theme: string;
  slides: Slide[];
  sources: SourceRef[];
  visuals: Record<string, Visual>;
  citations: Record<string, Citation>;
  generator: Generator;
}

export type SiteBlock =
  | { kind: 'hero'; title: string; authors: string[]; subtitle?: string; links: { label: string; href: string }[] }
  | { kind: 'abstract'; heading: string; text: Passage }
  | { kind: 'list'; heading: string; items: Passage[] }
  | { kind: 'text'; heading: string; paragraphs: Passage[]; visuals: string[] }
  | { kind: 'results'; heading: string; tables: string[]; paragraphs: Passage[] }
  | { kind: 'gallery'; heading: string; visuals: string[] }
  | { kind: 'bibtex'; heading: string; bibtex: string }
  | { kind: 'references'; heading: string };

export interface SitePage {
  slug: string;
  title: string;
  blocks: SiteBlock[];
}

export interface Site {
  title: string;
  layout: 'project' | 'research';
  theme: string;
  /** pages[0] is the index page. */
  pages: SitePage[];
  sources: SourceRef[];
  visuals: Record<string, Visual>;
  citations: Record<string, Citation>;
  generator: Generator;
}
