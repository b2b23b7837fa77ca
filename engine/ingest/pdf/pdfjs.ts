// The only module that talks to pdfjs-dist. It turns a PDF page into plain data (text runs and
// graphic boxes in top-left page coordinates) and renders page regions to PNG. Everything above
// it works on that data and never sees a pdf.js object.
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { SourceError } from '../../errors.js';
import { describePdfProblem } from './pdf-errors.js';
import type { BBox, Rotation } from '../types.js';
import { restoreNatives } from './natives.js';
import { decodeTex, fewControls, texEncodingOf, type TexEncoding } from './tex-encoding.js';
import { SameThreadPort } from './loopback.js';
import { IMAGE_LEFT_OUT_HOOK, installPatchedWorker } from './pdfjs-worker.js';
import { MAX_PDF_IMAGE_PIXELS } from './limits.js';
import { pictureBullets } from './picture-bullets.js';
import { isPictureSized } from './picture-size.js';
import { nativeModuleUrl } from '../../native-url.js';
import { encodeCanvas } from '../../models/raster/encode.js';
import { shrinkPageImages } from './render-images.js';

const require = createRequire(import.meta.url);
// pdf.js is imported here, at run time, rather than by a static import: natives.ts must capture the
// built-ins that pdf.js's core-js replaces before pdf.js loads, and a bundler hoists static imports
// of packages above all bundled code. It loads past tsx's loader (native-url.ts).
const { getDocument, OPS, PDFWorker, Util, VerbosityLevel } = (await import(nativeModuleUrl(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')))) as typeof PdfJs;
restoreNatives();

const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
/** The changes Folio's copy of pdf.js's worker module carries (see pdfjs-worker.ts). */
export const workerPatches = await installPatchedWorker(pdfjsRoot);
/** Documents opened for reading can skip image decoding. */
const placementOnly = workerPatches.includes('placement-only images');
/** ...and get where graphics are painted with their text (only in documents opened for reading). */
const textGraphics = placementOnly && workerPatches.includes('graphics in text content');
/** Errors only: pdf.js's warnings are about the file, and Folio reports what it could not read itself. */
const VERBOSITY = VerbosityLevel.ERRORS;
/** pdf.js's parser as loaded into this thread (the patched copy), to connect through our own port. */
const parser = (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: { initializeFromPort(port: unknown): void } } })
  .pdfjsWorker?.WorkerMessageHandler;

/** A document's own connection to the parser: the PDFWorker to open it with, and how to close both. */
interface Connection {
  worker: InstanceType<typeof PDFWorker>;
  close(): void;
}

/** Each open document's parser connection, closed with it. */
const connections = new WeakMap<PDFDocumentProxy, Connection>();

/**
 * A parser connected to the API through a SameThreadPort (loopback.ts), which passes text content
 * without cloning it; null (pdf.js's own loopback) when the parser module is not ours to reach.
 */
function connectParser(): Connection | null {
  if (!parser) return null;
  const port = new SameThreadPort();
  parser.initializeFromPort(port);
  // A PDFWorker made here configures the parser with its own verbosity, pdf.js's default (warnings)
  // unless told: one line per JBIG2 or CCITT image. It takes the document's.
  const worker = new PDFWorker({ port: port as unknown as NonNullable<ConstructorParameters<typeof PDFWorker>[0]>['port'], verbosity: VERBOSITY });
  return {
    worker,
    close: () => {
      worker.destroy();
      port.terminate();
    },
  };
}

/** Closes a document and its parser connection. */
async function closeDocument(doc: PDFDocumentProxy): Promise<void> {
  try {
    await doc.destroy();
  } finally {
    connections.get(doc)?.close();
    connections.delete(doc);
  }
}
// pdf.js reads these in Node with fs.readFile(folder + file name): folder paths ending with a
// separator, not file:// URLs (a URL string reads as a relative path, and the wasm decoders of
// JBIG2, CCITT and JPEG 2000 images then fell back to slower JavaScript, with a warning each).
const STANDARD_FONTS = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const CMAPS = path.join(pdfjsRoot, 'cmaps') + path.sep;
const WASM = path.join(pdfjsRoot, 'wasm') + path.sep;

/** Largest page side we accept, in points (the PDF spec's limit is 14,400). */
export const MAX_PAGE_SIDE = 14_400;

export { MAX_PDF_IMAGE_PIXELS } from './limits.js';
/** Graphics beyond this many on one page are summarised rather than listed. */
export const MAX_GRAPHICS_PER_PAGE = 4_000;

export interface TextRun {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Baseline y (top-left origin); for vertical text, the baseline's x. */
  base: number;
  text: string;
  size: number;
  /** Stable font key across workers: family|ascent|descent. */
  font: string;
  mono: boolean;
  vertical: boolean;
  /** Vertical text that reads bottom to top (set turned a quarter anticlockwise); absent otherwise. */
  upward?: true;
  /** pdf.js saw an end-of-line after this run. */
  eol: boolean;
}

export interface GraphicBox {
  kind: 'image' | 'path';
  bbox: BBox;
  /** An image covering most of the page (a cover, a slide's backdrop): kept apart from the page's graphics. */
  background?: true;
}

export interface RawPage {
  index: number;
  width: number;
  height: number;
  runs: TextRun[];
  /** null when graphics were not extracted for this page. */
  graphics: GraphicBox[] | null;
  graphicsTruncated: boolean;
}

export interface RenderedRegion {
  png: Uint8Array;
  width: number;
  height: number;
  /** Every sampled pixel has the same colour: the crop shows nothing. */
  uniform: boolean;
  /** Images of the page left out of this render because they are over MAX_PDF_IMAGE_PIXELS. */
  leftOut?: { width: number; height: number }[];
}

/** Renders in progress in this thread, by page (0-based), told of the images pdf.js leaves out. */
const leftOutListeners = new Map<number, Set<(width: number, height: number) => void>>();
(globalThis as Record<string, unknown>)[IMAGE_LEFT_OUT_HOOK] = (pageIndex: number, width: number, height: number): void => {
  for (const l of leftOutListeners.get(pageIndex) ?? []) l(width, height);
};

function listenLeftOut(pageIndex: number, l: (width: number, height: number) => void): () => void {
  const set = leftOutListeners.get(pageIndex) ?? new Set();
  set.add(l);
  leftOutListeners.set(pageIndex, set);
  return () => {
    set.delete(l);
    if (set.size === 0) leftOutListeners.delete(pageIndex);
  };
}

export interface PdfInfo {
  numPages: number;
  title: string | undefined;
  author: string | undefined;
  lang: string | undefined;
  outline: OutlineEntry[];
}

export interface OutlineEntry {
  title: string;
  page: number | undefined;
  level: number;
}

/** Opens a document with pdf.js; bad input becomes a SourceError naming the file and the problem. */
async function loadDocument(data: Uint8Array, file: string, maxImageSize: number): Promise<PDFDocumentProxy> {
  if (data.byteLength === 0) throw new SourceError(file, 'empty file (0 bytes)');
  const head = Buffer.from(data.subarray(0, Math.min(1024, data.byteLength))).toString('latin1');
  if (!head.includes('%PDF-')) {
    throw new SourceError(file, 'not a PDF: the file does not start with a %PDF- header');
  }
  const tail = Buffer.from(data.subarray(Math.max(0, data.byteLength - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new SourceError(file, 'truncated PDF: the end-of-file marker is missing (incomplete download or copy?)');
  }
  const connection = connectParser();
  const task = getDocument({
    ...(connection ? { worker: connection.worker } : {}),
    // pdf.js transfers (detaches) the buffer it is given; keep the caller's intact.
    data: data.slice(),
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    standardFontDataUrl: STANDARD_FONTS,
    cMapUrl: CMAPS,
    cMapPacked: true,
    wasmUrl: WASM,
    verbosity: VERBOSITY,
    stopAtErrors: false,
    maxImageSize,
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    connection?.close();
    const name = (err as { name?: string }).name ?? '';
    const msg = err instanceof Error ? err.message : String(err);
    if (name === 'PasswordException') {
      throw new SourceError(file, 'encrypted PDF, a password is required to open it', {
        code: 'SOURCE_ENCRYPTED',
        cause: err,
      });
    }
    throw new SourceError(file, describePdfProblem(msg), { cause: err });
  } finally {
    // The first document loads pdf.js's worker module, which brings its own core-js.
    restoreNatives();
  }
  if (connection) connections.set(doc, connection);
  return doc;
}

export interface OpenOptions {
  /**
   * 'read': the document is read for its structure (text, where graphics are), and images are not
   * decoded when pdf.js allows it (see pdfjs-worker.ts); renderRegion then opens the document a
   * second time, with images. 'render' (the default): one document that does both.
   */
  purpose?: 'read' | 'render';
}

export class PdfHandle {
  private renderDoc: Promise<PDFDocumentProxy> | null;

  private constructor(
    readonly file: string,
    readonly doc: PDFDocumentProxy,
    /** The file's bytes, kept while a render document may still have to be opened. */
    private bytes: Uint8Array | null,
  ) {
    this.renderDoc = bytes === null ? Promise.resolve(doc) : null;
  }

  static async open(data: Uint8Array, file: string, opts: OpenOptions = {}): Promise<PdfHandle> {
    const readOnly = opts.purpose === 'read' && placementOnly;
    const doc = await loadDocument(data, file, readOnly ? 0 : MAX_PDF_IMAGE_PIXELS);
    if (doc.numPages < 1) {
      await closeDocument(doc);
      throw new SourceError(file, 'the PDF has zero pages');
    }
    return new PdfHandle(file, doc, readOnly ? data : null);
  }

  async info(): Promise<PdfInfo> {
    const meta = await this.doc.getMetadata().catch(() => null);
    const infoDict = (meta?.info ?? {}) as Record<string, unknown>;
    const str = (v: unknown): string | undefined =>
      typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    return {
      numPages: this.doc.numPages,
      title: str(meta?.metadata?.get('dc:title')) ?? str(infoDict['Title']),
      author: str(meta?.metadata?.get('dc:creator')) ?? str(infoDict['Author']),
      lang: str(infoDict['Language']),
      outline: await this.outline(),
    };
  }

  private async outline(): Promise<OutlineEntry[]> {
    const out: OutlineEntry[] = [];
    let items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>>;
    try {
      items = await this.doc.getOutline();
    } catch {
      return out; // A broken outline is not worth failing the document over; sections fall back to layout.
    }
    type Item = NonNullable<typeof items>[number];
    const walk = async (list: Item[], level: number): Promise<void> => {
      for (const it of list) {
        if (out.length >= 2000) return;
        let page: number | undefined;
        try {
          const dest = typeof it.dest === 'string' ? await this.doc.getDestination(it.dest) : it.dest;
          const ref = Array.isArray(dest) ? dest[0] : undefined;
          if (ref && typeof ref === 'object') page = (await this.doc.getPageIndex(ref as never)) + 1;
          else if (typeof ref === 'number') page = ref + 1;
        } catch {
          page = undefined; // Unresolvable destination: keep the title without a page.
        }
        out.push({ title: it.title.replace(/\s+/g, ' ').trim(), page, level });
        if (it.items.length > 0) await walk(it.items, level + 1);
      }
    };
    if (items) await walk(items, 1);
    return out;
  }

  async extractPage(index: number, graphics: 'auto' | 'always' | 'never'): Promise<RawPage> {
    const page = await this.doc.getPage(index);
    try {
      const vp = page.getViewport({ scale: 1 });
      const width = vp.width;
      const height = vp.height;
      if (!(width > 1 && height > 1) || width > MAX_PAGE_SIDE || height > MAX_PAGE_SIDE) {
        throw new SourceError(
          this.file,
          `absurd page size ${width.toFixed(0)}×${height.toFixed(0)} pt (allowed: 1–${MAX_PAGE_SIDE} pt per side)`,
          { page: index, code: 'SOURCE_TOO_COMPLEX' },
        );
      }
      // A document read with graphics in its text content (pdfjs-worker.ts) is parsed once; any
      // other gets its graphics from the operator list, a second parse, when they are wanted.
      const inText = this.bytes !== null && textGraphics ? new GraphicCollector(width, height) : null;
      const text = await textRuns(page, vp.transform, inText);
      // Graphics that came with the text cost nothing more: a page with an image or a drawing on
      // it keeps them, so that pictures without a caption are found too (pictures.ts).
      const wantGraphics =
        graphics === 'always' ||
        (graphics === 'auto' && (text.some((r) => CAPTION_HINT.test(r.text)) || (inText !== null && mayHoldPicture(inText.boxes, width, height))));
      if (!wantGraphics) {
        const runs = inText ? pictureBullets(text, inText.boxes) : text;
        return { index, width, height, runs, graphics: null, graphicsTruncated: false };
      }
      const g = inText ?? (await graphicBoxes(page, vp.transform, width, height));
      const runs = pictureBullets(text, g.boxes);
      return { index, width, height, runs, graphics: g.boxes, graphicsTruncated: g.truncated };
    } finally {
      page.cleanup();
    }
  }

  /**
   * Renders a page region to PNG bytes at `dpi`, capped so that no side exceeds maxSide pixels;
   * `rotation` turns the image that many degrees clockwise (a region set sideways, read upright).
   */
  async renderRegion(index: number, bbox: BBox, dpi: number, maxSide = 6000, rotation?: Rotation): Promise<RenderedRegion> {
    const page = await (await this.renderable()).getPage(index);
    try {
      const [x0, y0, x1, y1] = bbox;
      let scale = dpi / 72;
      const side = Math.max(x1 - x0, y1 - y0) * scale;
      if (side > maxSide) scale *= maxSide / side;
      const w = Math.max(1, Math.ceil((x1 - x0) * scale));
      const h = Math.max(1, Math.ceil((y1 - y0) * scale));
      const viewport = page.getViewport({ scale, offsetX: -x0 * scale, offsetY: -y0 * scale });
      // Images come down to the page's size at this scale before pdf.js copies them into canvases
      // of their own size (render-images.ts).
      const full = page.getViewport({ scale });
      const unhook = shrinkPageImages(page, Math.max(full.width, full.height));
      const leftOut: { width: number; height: number }[] = [];
      const unlisten = listenLeftOut(index - 1, (iw, ih) => {
        if (!leftOut.some((o) => o.width === iw && o.height === ih)) leftOut.push({ width: iw, height: ih });
      });
      const canvas = createCanvas(w, h);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w, h);
      // @napi-rs/canvas stands in for the DOM canvas pdf.js expects.
      type RenderParams = Parameters<PDFPageProxy['render']>[0];
      try {
        await page.render({
          canvas: canvas as unknown as RenderParams['canvas'],
          canvasContext: ctx as unknown as RenderParams['canvasContext'],
          viewport,
          background: '#ffffff',
        }).promise;
      } finally {
        unhook();
        unlisten();
      }
      const px = ctx.getImageData(0, 0, w, h).data;
      let uniform = true;
      const step = Math.max(4, Math.floor(px.length / 4 / 200_000) * 4);
      for (let i = step; i < px.length; i += step) {
        if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2]) {
          uniform = false;
          break;
        }
      }
      const extra = leftOut.length > 0 ? { leftOut } : {};
      if (rotation === undefined) return { png: await encodeCanvas(canvas, 'png'), width: w, height: h, uniform, ...extra };
      const turned = createCanvas(h, w);
      const tctx = turned.getContext('2d');
      // A quarter turn clockwise takes (x, y) to (h - y, x); anticlockwise, to (y, w - x).
      tctx.translate(rotation === 90 ? h : 0, rotation === 90 ? 0 : w);
      tctx.rotate((rotation === 90 ? 1 : -1) * (Math.PI / 2));
      tctx.drawImage(canvas, 0, 0);
      return { png: await encodeCanvas(turned, 'png'), width: h, height: w, uniform, ...extra };
    } finally {
      page.cleanup();
    }
  }

  /** The document to render from: this one, or (opened for reading) a second one with images. */
  private renderable(): Promise<PDFDocumentProxy> {
    if (this.renderDoc === null) {
      const bytes = this.bytes!;
      this.bytes = null;
      this.renderDoc = loadDocument(bytes, this.file, MAX_PDF_IMAGE_PIXELS);
      // A failed open is reported by the render that asked; the next render tries again.
      this.renderDoc.catch(() => {
        this.bytes = bytes;
        this.renderDoc = null;
      });
    }
    return this.renderDoc;
  }

  async close(): Promise<void> {
    const second = this.renderDoc !== null ? await this.renderDoc.catch(() => null) : null;
    if (second && second !== this.doc) await closeDocument(second);
    await closeDocument(this.doc);
  }
}

/** Graphics that may make a picture without a caption: an image, or many paths (see pictures.ts). */
function mayHoldPicture(boxes: readonly GraphicBox[], width: number, height: number): boolean {
  let paths = 0;
  for (const g of boxes) {
    if (g.kind === 'image' && isPictureSized(g.bbox, width, height)) return true;
    if (g.kind === 'path' && ++paths >= 12) return true;
  }
  return false;
}

/** A cheap test for "this page may hold a figure or table caption", used to decide on graphics. */
const CAPTION_HINT =
  /^\s*\[?(fig|table|tab\.|tbl|plate|chart|exhibit|listing|abbildung|abb\.|tabelle|tableau|figura|tabla|tabela|рис|таблица|图|表|圖|그림|표)/i;

/** A graphic item of a document opened for reading (see pdfjs-worker.ts), in user space. */
interface FolioGraphicItem {
  type: 'folio:graphic';
  kind: GraphicBox['kind'];
  bbox: [number, number, number, number];
}

async function textRuns(page: PDFPageProxy, vt: number[], graphics: GraphicCollector | null): Promise<TextRun[]> {
  const tc = await page.getTextContent();
  const runs: TextRun[] = [];
  const badChars = { n: 0 };
  // What a font name says about its runs, worked out once per name rather than once per run.
  const fonts = new Map<string, FontFacts>();
  const tex = texEncodings(tc.items);
  for (const raw of tc.items) {
    if (!('str' in raw)) {
      const g = raw as unknown as Partial<FolioGraphicItem>;
      if (graphics && g.type === 'folio:graphic' && g.bbox) graphics.push(g.kind === 'image' ? 'image' : 'path', transformBox(vt, g.bbox));
      continue;
    }
    const item = raw as TextItem;
    const enc = tex?.get(item.fontName);
    const str = enc ? decodeTex(item.str, enc) : item.str;
    // Control characters come from fonts without a usable Unicode map; they are never text.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    const text = str.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => {
      badChars.n++;
      return c === '\u0002' ? ' ' : '\ufffd';
    });
    if (text === '' || !/\S/.test(text)) {
      if (item.hasEOL && runs.length > 0) runs[runs.length - 1]!.eol = true;
      continue;
    }
    const m = Util.transform(vt, item.transform) as number[];
    const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
    const size = Math.hypot(c, d);
    if (!(size > 0.5) || !Number.isFinite(e) || !Number.isFinite(f)) continue;
    let facts = fonts.get(item.fontName);
    if (!facts) fonts.set(item.fontName, (facts = fontFacts(tc.styles[item.fontName])));
    const { ascent, descent, font } = facts;
    const len = Math.hypot(a, b);
    const vertical = Math.abs(b) > Math.abs(a) * 0.5;
    let x0: number, x1: number, y0: number, y1: number;
    if (!vertical) {
      // item.width is in user space along the text direction; scale 1 viewport keeps it in points.
      const w = item.width * (len === 0 ? 1 : Math.sign(a) || 1);
      x0 = Math.min(e, e + w);
      x1 = Math.max(e, e + w);
      y0 = f - ascent * size;
      y1 = f - descent * size;
    } else {
      const hgt = item.width;
      const dir = Math.sign(b) || 1;
      x0 = e - (dir > 0 ? -descent : ascent) * size;
      x1 = e + (dir > 0 ? ascent : -descent) * size;
      // Text running downwards (rotated 90°) starts at its top; upwards, at its bottom.
      y0 = dir > 0 ? f : f - hgt;
      y1 = dir > 0 ? f + hgt : f;
      [x0, x1] = [Math.min(x0, x1), Math.max(x0, x1)];
    }
    runs.push({
      x0,
      y0,
      x1,
      y1,
      base: vertical ? e : f,
      text,
      size,
      font,
      // CJK fonts are fixed-pitch by nature: Chinese body text is not code.
      mono: facts.monospace && !mostlyCjk(text),
      vertical,
      ...(vertical && b < 0 ? { upward: true as const } : {}),
      eol: item.hasEOL,
    });
  }
  return runs;
}

/**
 * The TeX encoding of each font on the page whose text holds control codes (see tex-encoding.ts);
 * null when no run has any, the usual case, found with one test per run.
 */
function texEncodings(items: readonly unknown[]): Map<string, TexEncoding> | null {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const control = /[\u000b-\u001f]/;
  if (!items.some((raw) => typeof (raw as Partial<TextItem>).str === 'string' && control.test((raw as TextItem).str))) return null;
  // Every run of such a font counts: a text font is mostly letters.
  const byFont = new Map<string, { strs: string[]; coded: boolean }>();
  for (const raw of items) {
    const item = raw as Partial<TextItem>;
    if (typeof item.str !== 'string' || item.fontName === undefined) continue;
    let f = byFont.get(item.fontName);
    if (!f) byFont.set(item.fontName, (f = { strs: [], coded: false }));
    f.strs.push(item.str);
    if (!f.coded && control.test(item.str)) f.coded = true;
  }
  const out = new Map<string, TexEncoding>();
  const undecided: string[] = [];
  for (const [font, f] of byFont) {
    if (!f.coded) continue;
    const enc = texEncodingOf(f.strs);
    if (enc) out.set(font, enc);
    else if (fewControls(f.strs)) undecided.push(font);
  }
  // A font whose words do not tell (page ranges "1355\x151369" in a font of digits) is set in the
  // encoding of the page's other TeX fonts, where they agree.
  const encs = new Set(out.values());
  if (encs.size === 1) {
    const [enc] = encs;
    for (const font of undecided) out.set(font, enc!);
  }
  return out;
}

interface FontFacts {
  ascent: number;
  descent: number;
  /** Family and metrics: runs in one font have the same. */
  font: string;
  monospace: boolean;
}

function fontFacts(style: { ascent?: number; descent?: number; fontFamily?: string } | undefined): FontFacts {
  const family = style?.fontFamily ?? 'sans-serif';
  return {
    // Standard fonts named without a descriptor report NaN metrics: fall back to typical ones.
    ascent: clamp(finite(style?.ascent, 0.8), 0.5, 1.05),
    descent: clamp(finite(style?.descent, -0.2), -0.45, 0),
    font: `${family}|${finite(style?.ascent, 0).toFixed(3)}|${finite(style?.descent, 0).toFixed(3)}`,
    monospace: family === 'monospace',
  };
}

const PAINT_PATH = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const PAINT_IMAGE = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

async function graphicBoxes(
  page: PDFPageProxy,
  vt: number[],
  width: number,
  height: number,
): Promise<GraphicCollector> {
  const ol = await page.getOperatorList();
  const out = new GraphicCollector(width, height);
  // What shows is what the clipping path lets through: its bounds, set by "W n", kept to Q.
  let clip: BBox | null = null;
  let clipPending = false;
  const push = (kind: GraphicBox['kind'], b: BBox): void => {
    if (clip) {
      b = [Math.max(b[0], clip[0]), Math.max(b[1], clip[1]), Math.min(b[2], clip[2]), Math.min(b[3], clip[3])];
      if (b[0] > b[2] || b[1] > b[3]) return;
    }
    out.push(kind, b);
  };
  let ctm = vt.slice();
  const stack: { ctm: number[]; clip: BBox | null }[] = [];
  let fillWhite = false;
  const n = ol.fnArray.length;
  for (let i = 0; i < n; i++) {
    const fn = ol.fnArray[i]!;
    const args = ol.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, clip });
        break;
      case OPS.restore: {
        const top = stack.pop();
        if (top) ({ ctm, clip } = top);
        break;
      }
      case OPS.clip:
      case OPS.eoClip:
        clipPending = true;
        break;
      case OPS.transform:
        ctm = Util.transform(ctm, args as number[]) as number[];
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ctm, clip });
        const matrix = args?.[0];
        if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) {
          ctm = Util.transform(ctm, Array.from(matrix as ArrayLike<number>)) as number[];
        }
        break;
      }
      case OPS.paintFormXObjectEnd: {
        const top = stack.pop();
        if (top) ({ ctm, clip } = top);
        break;
      }
      case OPS.setFillRGBColor: {
        const c = args?.[0];
        fillWhite = typeof c === 'string' ? c.toLowerCase() === '#ffffff' : false;
        break;
      }
      case OPS.setFillGray:
        fillWhite = Number(args?.[0]) >= 0.99;
        break;
      case OPS.constructPath: {
        const op = args?.[0] as number;
        const mm = args?.[2] as ArrayLike<number> | null | undefined;
        const pending = clipPending;
        clipPending = false;
        if (!mm || mm.length < 4 || !(mm[0]! <= mm[2]! && mm[1]! <= mm[3]!)) break;
        const box = transformBox(ctm, [mm[0]!, mm[1]!, mm[2]!, mm[3]!]);
        if (PAINT_PATH.has(op) && !((op === OPS.fill || op === OPS.eoFill) && fillWhite)) push('path', box);
        if (pending) clip = clip ? [Math.max(box[0], clip[0]), Math.max(box[1], clip[1]), Math.min(box[2], clip[2]), Math.min(box[3], clip[3])] : box;
        break;
      }
      default:
        if (PAINT_IMAGE.has(fn)) push('image', transformBox(ctm, [0, 0, 1, 1]));
    }
  }
  return out;
}

/** Graphic boxes of one page, in page coordinates: clipped to the page, backgrounds left out, capped. */
class GraphicCollector {
  readonly boxes: GraphicBox[] = [];
  truncated = false;
  private readonly pageArea: number;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.pageArea = width * height;
  }

  push(kind: GraphicBox['kind'], b: BBox): void {
    const x0 = clamp(b[0], 0, this.width);
    const y0 = clamp(b[1], 0, this.height);
    const x1 = clamp(b[2], 0, this.width);
    const y1 = clamp(b[3], 0, this.height);
    if (x1 - x0 < 0.5 && y1 - y0 < 0.5) return;
    // Page-sized backgrounds and frames carry no figure information; a page-sized image may be a
    // picture all the same (a book's cover), so it is kept, marked, for the picture finder alone.
    const background = (x1 - x0) * (y1 - y0) > this.pageArea * 0.85;
    if (background && kind !== 'image') return;
    const boxes = this.boxes;
    if (boxes.length >= MAX_GRAPHICS_PER_PAGE) {
      this.truncated = true;
      const last = boxes[boxes.length - 1]!;
      last.bbox = [Math.min(last.bbox[0], x0), Math.min(last.bbox[1], y0), Math.max(last.bbox[2], x1), Math.max(last.bbox[3], y1)];
      return;
    }
    boxes.push({ kind, bbox: [x0, y0, x1, y1], ...(background ? { background: true as const } : {}) });
  }
}

function transformBox(m: number[], b: [number, number, number, number]): BBox {
  const ap = (x: number, y: number): [number, number] => [
    x * m[0]! + y * m[2]! + m[4]!,
    x * m[1]! + y * m[3]! + m[5]!,
  ];
  const pts = [ap(b[0], b[1]), ap(b[2], b[1]), ap(b[0], b[3]), ap(b[2], b[3])];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** A third or more of the visible characters are CJK ideographs, kana, hangul or full-width forms. */
function mostlyCjk(text: string): boolean {
  let cjk = 0;
  let all = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    all++;
    if ((c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xff00 && c <= 0xffef)) cjk++;
  }
  return all > 0 && cjk * 3 >= all;
}

function finite(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) ? v : fallback;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
