// pdf.js's worker module, with seven changes Folio makes to a copy of it:
//
// 1. Placement-only images. A document opened with `maxImageSize: 0` records where each image is
//    painted (a paintImageXObject operator under the current transform) without decoding it.
//    Structural ingest needs only where images are (figure regions, scanned pages), yet
//    getOperatorList decodes every image it meets, a large part of page extraction on a document
//    with an image on every page (bench/NOTES.md). Stock pdf.js
//    with maxImageSize 0 drops every image instead, so the option is only used when this patch is
//    in: `placementOnly` says so.
// 2. Synchronous inflate. pdf.js 5 inflates content streams and fonts through DecompressionStream:
//    Node runs it on its thread pool behind web streams, and each page waits an event-loop round
//    trip for its content stream. zlib.inflateSync gives the same bytes at once, and page
//    extraction is faster for it (bench/NOTES.md). Data
//    zlib rejects (truncated or corrupt streams) goes to pdf.js's own, more forgiving inflate, as
//    when DecompressionStream fails.
// 3. Graphics in text content (GRAPHICS_IN_TEXT_CONTENT below): where paths and images are painted
//    comes with the text, so reading a page with a caption on it no longer parses it twice.
// 4. Lean text transform: the glyph position pdf.js computes twice per glyph is one new array, not
//    three (less young garbage), and none at all where it is only compared with the last one or
//    kept as the last one; the text is the same.
// 5. Flat state clone: a text state saved by "q" is copied onto the class's prototype rather than
//    onto the state before it. pdf.js's copy made each saved state the prototype of the next, so
//    every state had a map of its own and the code reading them went megamorphic (the gain:
//    bench/NOTES.md).
// 6. One type size per text item (ONE_SIZE_PER_ITEM below), in documents opened for reading.
// 7. Bounded streams (BOUNDED_STREAMS below): no stream decodes to more than MAX_INFLATED_BYTES.
//
// On another pdf.js version an anchor may not be found exactly once: that patch is then left out
// (images are decoded, inflate is asynchronous, graphics come from the operator list, positions
// take three arrays, states chain: slower, same result) and a unit test fails so that the patches get looked at. In Node, pdf.js runs its
// "worker" in the calling thread and takes the module from globalThis.pdfjsWorker when set, which
// is how the patched copy is used.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir, pruneStale } from '../../cache.js';
import { writeFileAtomic } from '../../fs-atomic.js';
import { nativeModuleUrl } from '../../native-url.js';

export type PatchName = 'placement-only images' | 'synchronous inflate' | 'graphics in text content' | 'lean text transform' | 'flat state clone' | 'one size per item' | 'bounded streams' | 'one-bit images by their bytes';

interface Edit {
  /** Text that must occur exactly once. */
  anchor: string;
  insert: string;
  /** Where the insert goes: right after the anchor (the default), before it, or in its place. */
  place?: 'after' | 'before' | 'replace';
}

/** A patch is applied whole or not at all: every one of its anchors must occur exactly once. */
interface Patch {
  name: PatchName;
  edits: Edit[];
}

// Structural reading needs where paths and images are painted, and took it from getOperatorList:
// a second parse of the content of every page with a caption on it, its text shaped into glyphs
// once more. In a document opened for reading (maxImageSize 0, so only with patch 1),
// getTextContent also emits, among its items, one {type: "folio:graphic", kind: "path" | "image",
// bbox} per painted path or image, in user space: path bounds as pdf.js computes them for the
// operator list (curves included), images as the unit square under the current transform, white
// fills left out. Items without `str` are what pdf.js uses for marked content, so its API passes
// them on.
const GRAPHICS_IN_TEXT_CONTENT: Patch = {
  name: 'graphics in text content',
  edits: [
    {
      anchor: `    const emptyGStateCache = new LocalGStateCache();
    const preprocessor = new EvaluatorPreprocessor(stream, xref, stateManager);
`,
      insert: `    // Folio: where graphics are painted, for documents opened for reading.
    const folioGraphics = self.options.maxImageSize === 0;
    const folioPath = {
      pathMinMax: new Float32Array([Infinity, Infinity, -Infinity, -Infinity]),
      pathBuffer: { push() {}, length: 0 },
      currentPointX: 0,
      currentPointY: 0
    };
    const folioImageNames = new Map();
    const folioColorSpaces = new LocalColorSpaceCache();
    let folioClipPending = false;
    function folioPageBox(x0, y0, x1, y1) {
      const m = stateManager.state.ctm;
      const xs = [x0 * m[0] + y0 * m[2] + m[4], x1 * m[0] + y0 * m[2] + m[4], x0 * m[0] + y1 * m[2] + m[4], x1 * m[0] + y1 * m[2] + m[4]];
      const ys = [x0 * m[1] + y0 * m[3] + m[5], x1 * m[1] + y0 * m[3] + m[5], x0 * m[1] + y1 * m[3] + m[5], x1 * m[1] + y1 * m[3] + m[5]];
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    }
    function folioPlace(kind, x0, y0, x1, y1) {
      const b = folioPageBox(x0, y0, x1, y1);
      // Only what shows through the clipping path (its bounds): an image placed wider than the
      // frame that clips it is painted within the frame.
      const c = stateManager.state.folioClip;
      if (c) {
        b[0] = Math.max(b[0], c[0]);
        b[1] = Math.max(b[1], c[1]);
        b[2] = Math.min(b[2], c[2]);
        b[3] = Math.min(b[3], c[3]);
        if (b[0] > b[2] || b[1] > b[3]) return;
      }
      textContent.items.push({ type: "folio:graphic", kind, bbox: b });
    }
    function folioIsImage(name) {
      let image = folioImageNames.get(name);
      if (image === undefined) {
        image = false;
        try {
          let xobj = xobjs.getRaw(name);
          if (xobj instanceof Ref) {
            image = !!self.globalImageCache.getData(xobj, self.pageIndex);
            if (!image) xobj = xref.fetch(xobj);
          }
          if (!image && xobj instanceof BaseStream) {
            const type = xobj.dict.get("Subtype");
            image = type instanceof Name && type.name === "Image";
          }
        } catch {
          image = false;
        }
        folioImageNames.set(name, image);
      }
      return image;
    }
    function folioWhite(cs, args) {
      try {
        return cs.name !== "Pattern" && isNumberArray(args, null) && cs.getRgbHex(args, 0) === "#ffffff";
      } catch {
        return false;
      }
    }
`,
    },
    {
      anchor: `          case OPS.paintXObject:
            flushTextContentItem();
            xobjs ??= resources.get("XObject") || Dict.empty;
            isValidName = args[0] instanceof Name;
            name = args[0].name;
`,
      insert: `            if (folioGraphics && isValidName && folioIsImage(name)) {
              folioPlace("image", 0, 0, 1, 1);
              break;
            }
`,
    },
    {
      anchor: `          case OPS.beginMarkedContent:
            flushTextContentItem();
`,
      place: 'before',
      insert: `          case OPS.moveTo:
          case OPS.lineTo:
          case OPS.curveTo:
          case OPS.curveTo2:
          case OPS.curveTo3:
          case OPS.closePath:
          case OPS.rectangle:
            if (folioGraphics) {
              self.buildPath(fn, args, folioPath);
            }
            break;
          case OPS.stroke:
          case OPS.closeStroke:
          case OPS.fill:
          case OPS.eoFill:
          case OPS.fillStroke:
          case OPS.eoFillStroke:
          case OPS.closeFillStroke:
          case OPS.closeEOFillStroke:
          case OPS.endPath:
            if (folioGraphics) {
              const mm = folioPath.pathMinMax;
              const whiteFill = (fn === OPS.fill || fn === OPS.eoFill) && stateManager.state.folioWhiteFill === true;
              if (fn !== OPS.endPath && !whiteFill && mm[0] <= mm[2] && mm[1] <= mm[3]) {
                folioPlace("path", mm[0], mm[1], mm[2], mm[3]);
              }
              // "W n": the path just ended clips what is painted after it, until Q.
              if (folioClipPending && mm[0] <= mm[2] && mm[1] <= mm[3]) {
                const b = folioPageBox(mm[0], mm[1], mm[2], mm[3]);
                const c = stateManager.state.folioClip;
                stateManager.state.folioClip = c ? [Math.max(b[0], c[0]), Math.max(b[1], c[1]), Math.min(b[2], c[2]), Math.min(b[3], c[3])] : b;
              }
              folioClipPending = false;
              mm.set([Infinity, Infinity, -Infinity, -Infinity], 0);
            }
            break;
          case OPS.clip:
          case OPS.eoClip:
            if (folioGraphics) {
              folioClipPending = true;
            }
            break;
          case OPS.endInlineImage:
            if (folioGraphics) {
              folioPlace("image", 0, 0, 1, 1);
            }
            break;
          case OPS.setFillGray:
          case OPS.setFillRGBColor:
          case OPS.setFillCMYKColor:
            if (folioGraphics) {
              const cs = fn === OPS.setFillGray ? ColorSpaceUtils.gray : fn === OPS.setFillRGBColor ? ColorSpaceUtils.rgb : ColorSpaceUtils.cmyk;
              stateManager.state.folioFillColorSpace = cs;
              stateManager.state.folioWhiteFill = folioWhite(cs, args);
            }
            break;
          case OPS.setFillColor:
          case OPS.setFillColorN:
            if (folioGraphics) {
              stateManager.state.folioWhiteFill = folioWhite(stateManager.state.folioFillColorSpace ?? ColorSpaceUtils.gray, args);
            }
            break;
          case OPS.setFillColorSpace:
            if (folioGraphics) {
              let cs;
              try {
                cs = self._getColorSpace(args[0], resources, folioColorSpaces);
              } catch {
                cs = ColorSpaceUtils.gray;
              }
              if (cs instanceof ColorSpace) {
                stateManager.state.folioFillColorSpace = cs;
                break;
              }
              const folioState = stateManager.state;
              next(self._handleColorSpace(cs).then(colorSpace => {
                folioState.folioFillColorSpace = colorSpace || ColorSpaceUtils.gray;
              }));
              return;
            }
            break;
`,
    },
  ],
};

// pdf.js ends a text item when the font size set by Tf changes, but not when the text matrix
// changes the type's scale: it keeps the item and only adjusts its width. Producers that set every
// font at 1 pt and size the type with Tm (the Journal of Hydrology paper among them) then set a
// subscript and the rest of its line as one item: "zero) for the catchments in group 1. This model
// performed particularly well, and", 80 characters of 9 pt text reported at the subscript's 6 pt
// and baseline, which made the line a paragraph of its own in the middle of the abstract. In a
// document opened for reading (maxImageSize 0, so only with patch 1), a change of scale by more
// than 5 % ends the item, as a change of Tf size does. Render documents read text as stock pdf.js.
const ONE_SIZE_PER_ITEM: Patch = {
  name: 'one size per item',
  edits: [
    {
      anchor: `      if (scaleFactor === textContentItem.textAdvanceScale) {
        return;
      }
`,
      insert: `      // Folio: other type, another item.
      if (self.options.maxImageSize === 0 && Math.abs(scaleFactor - textContentItem.textAdvanceScale) > 0.05 * textContentItem.textAdvanceScale) {
        flushTextContentItem();
        return;
      }
`,
    },
  ],
};

/**
 * Largest stream pdf.js may decode (flate, LZW, run-length, ...), in bytes. A 1 GB flate bomb
 * (1 MB on disk) was inflated whole, into typed arrays outside the worker's heap limit: 1.5 GB
 * peak and the process killed. The largest image allowed (MAX_PDF_IMAGE_PIXELS, RGB) fits.
 */
export const MAX_INFLATED_BYTES = 256 << 20;

// 7. Bounded streams: pdf.js's own decoders (every filter in JavaScript, and flate where zlib
//    refused the data) grow their buffer by doubling without limit; past MAX_INFLATED_BYTES the
//    stream fails instead, as a corrupt stream does (the content or image is dropped with a
//    warning), and zlib's inflate (patch 2) has the same limit.
const BOUNDED_STREAMS: Patch = {
  name: 'bounded streams',
  edits: [
    {
      anchor: `  ensureBuffer(requested) {
    const buffer = this.buffer;
    if (requested <= buffer.byteLength) {
      return buffer;
    }
`,
      insert: `    if (requested > ${MAX_INFLATED_BYTES}) {
      throw new Error("Folio: a stream inflates to more than ${MAX_INFLATED_BYTES >> 20} MB");
    }
`,
    },
  ],
};

const PATCHES: readonly Patch[] = [
  BOUNDED_STREAMS,
  {
    name: 'placement-only images',
    edits: [
      {
    anchor: `    if (maxImageSize !== -1 && w * h > maxImageSize) {
      const msg = "Image exceeded maximum allowed size and was removed.";`,
    insert: `    if (maxImageSize === 0) {
      // Folio: placement only. The image is not decoded; its operator still marks where it is painted.
      operatorList.addImageOps(OPS.paintImageXObject, ["folio:not-decoded", w, h], undefined);
      return;
    }
`,
    place: 'before',
      },
    ],
  },
  // After 'placement-only images' (its anchor is this one's). The render's image limit is in pixels
  // (MAX_PDF_IMAGE_PIXELS, against colour bombs); a 1-bit scan or mask is eight pixels a byte and
  // is brought down to the page's size before it is painted (render-images.ts), so it may have
  // eight times as many: freeculture p. 255 (9258×12259, 113 MP in 14 MB) stays in the render.
  {
    name: 'one-bit images by their bytes',
    edits: [
      {
        anchor: `    if (maxImageSize !== -1 && w * h > maxImageSize) {
      const msg = "Image exceeded maximum allowed size and was removed.";`,
        insert: `    if (maxImageSize !== -1 && w * h > maxImageSize * (dict.get("BPC", "BitsPerComponent") === 1 || dict.get("IM", "ImageMask") === true ? 8 : 1)) {
      const msg = "Image exceeded maximum allowed size and was removed.";`,
        place: 'replace',
      },
    ],
  },
  {
    name: 'synchronous inflate',
    edits: [
      {
    anchor: `  async asyncGetBytesFromDecompressionStream(name) {
    this.stream.reset();
    const bytes = this.stream.isAsync ? await this.stream.asyncGetBytes() : this.stream.getBytes();
`,
    insert: `    // Folio: inflate at once with zlib (a copy: a small Buffer may share Node's pool, which pdf.js
    // could transfer); what zlib rejects goes to pdf.js's own inflate.
    if (name === "deflate") {
      try {
        return { decompressed: new Uint8Array(globalThis.process.getBuiltinModule("zlib").inflateSync(bytes, { maxOutputLength: ${MAX_INFLATED_BYTES} })), compressed: bytes };
      } catch (err) {
        if (err && err.code === "ERR_BUFFER_TOO_LARGE") throw new Error("Folio: a stream inflates to more than ${MAX_INFLATED_BYTES >> 20} MB");
        return { decompressed: null, compressed: bytes };
      }
    }
`,
      },
    ],
  },
  GRAPHICS_IN_TEXT_CONTENT,
  ONE_SIZE_PER_ITEM,
  {
    name: 'lean text transform',
    edits: [
      {
        anchor: `    function getCurrentTextTransform() {
      const font = textState.font;
`,
        place: 'replace',
        insert: `    function getCurrentTextTransform(out) {
      const font = textState.font;
      // Folio: ctm × textMatrix × [fontSize × hScale, 0, 0, fontSize, 0, rise] as one new array (or
      // into \`out\`), not three: this runs twice for every glyph, and the garbage it made was a good
      // part of the time text extraction spent. Type 3 fonts (a different last factor) go on as before.
      if (!font.isType3Font) {
        const m = textState.ctm;
        const t = textState.textMatrix;
        const a = textState.fontSize * textState.textHScale, d = textState.fontSize, f = textState.textRise;
        const t0 = t[0] * a, t1 = t[1] * a, t2 = t[2] * d, t3 = t[3] * d, t4 = t[2] * f + t[4], t5 = t[3] * f + t[5];
        const r0 = m[0] * t0 + m[2] * t1, r1 = m[1] * t0 + m[3] * t1, r2 = m[0] * t2 + m[2] * t3;
        const r3 = m[1] * t2 + m[3] * t3, r4 = m[0] * t4 + m[2] * t5 + m[4], r5 = m[1] * t4 + m[3] * t5 + m[5];
        if (!out) return [r0, r1, r2, r3, r4, r5];
        out[0] = r0;
        out[1] = r1;
        out[2] = r2;
        out[3] = r3;
        out[4] = r4;
        out[5] = r5;
        return out;
      }
`,
      },
      {
        // The glyph's position, only compared with the last one and dropped: one array for them all.
        anchor: `    function compareWithLastPosition(glyphWidth) {
      const currentTransform = getCurrentTextTransform();
`,
        place: 'replace',
        insert: `    const folioPosition = [0, 0, 0, 0, 0, 0];
    function compareWithLastPosition(glyphWidth) {
      const currentTransform = getCurrentTextTransform(folioPosition);
`,
      },
      {
        // The last glyph's position is kept in one array, written over glyph by glyph...
        anchor: `        if (scaledDim) {
          textChunk.prevTransform = getCurrentTextTransform();
`,
        place: 'replace',
        insert: `        if (scaledDim) {
          textChunk.prevTransform = getCurrentTextTransform(textChunk.prevTransform ?? undefined);
`,
      },
      {
        // ...so a space item placed there takes a copy of it.
        anchor: `      textContent.items.push({
        str: " ",
        dir: "ltr",
        width,
        height,
        transform,
`,
        place: 'replace',
        insert: `      textContent.items.push({
        str: " ",
        dir: "ltr",
        width,
        height,
        transform: transform && transform.slice(),
`,
      },
    ],
  },
  {
    name: 'flat state clone',
    edits: [
      {
        anchor: `  clone() {
    const clone = Object.assign(Object.create(this), this);
    clone.textMatrix = this.textMatrix.slice();`,
        place: 'replace',
        insert: `  // Folio: a copy of the text state takes the class's prototype, not the state it copies. Each
  // "q" made a state whose prototype was the state before it: a map of its own for every state,
  // and the code reading them went megamorphic. The fields are all own and copied either way.
  clone() {
    const clone = Object.assign(Object.create(TextState.prototype), this);
    clone.textMatrix = this.textMatrix.slice();`,
      },
    ],
  },
];

export interface PatchedSource {
  source: string;
  applied: PatchName[];
}

/** pdf.js's worker source with every patch whose anchor occurs exactly once. */
export function patchWorkerSource(src: string): PatchedSource {
  let source = src;
  const applied: PatchName[] = [];
  for (const p of PATCHES) {
    const unique = p.edits.every((e) => {
      const at = source.indexOf(e.anchor);
      return at >= 0 && source.indexOf(e.anchor, at + 1) < 0;
    });
    if (!unique) continue;
    for (const e of p.edits) {
      const at = source.indexOf(e.anchor);
      const from = e.place === 'before' || e.place === 'replace' ? at : at + e.anchor.length;
      const to = e.place === 'replace' ? at + e.anchor.length : from;
      source = source.slice(0, from) + e.insert + source.slice(to);
    }
    applied.push(p.name);
  }
  return { source, applied };
}

/**
 * Loads the patched worker module into this thread's pdf.js and says which patches are in. None
 * (an unwritable cache, FOLIO_PDFJS_STOCK_WORKER=1) leaves pdf.js to load its own worker module.
 * The copy is named from the stock file's size and time and from the patches, and says itself which
 * patches it carries: a thread that finds it made does not read and patch pdf.js again (~30 ms).
 */
export async function installPatchedWorker(pdfjsRoot: string): Promise<PatchName[]> {
  if (process.env.FOLIO_PDFJS_STOCK_WORKER === '1') return [];
  try {
    const stock = path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.mjs');
    const st = statSync(stock);
    const key = createHash('sha1').update(`${st.size}:${st.mtimeMs}\n${JSON.stringify(PATCHES)}`).digest('hex').slice(0, 12);
    const file = await writeOnce(`pdf.worker-${key}.mjs`, () => {
      const { source, applied } = patchWorkerSource(readFileSync(stock, 'utf8'));
      return `${source}\nexport const folioPatches = ${JSON.stringify(applied)};\n`;
    });
    if (file === null) return [];
    const mod = (await import(nativeModuleUrl(file))) as { WorkerMessageHandler?: unknown; folioPatches?: PatchName[] };
    if (!mod.WorkerMessageHandler || !mod.folioPatches || mod.folioPatches.length === 0) return [];
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = mod;
    return mod.folioPatches;
  } catch {
    return []; // An unreadable pdf.js or a module that fails to load: the stock worker still works.
  }
}

/** Writes `name` into the first writable cache folder unless it is there already; its path, or null. */
async function writeOnce(name: string, text: () => string): Promise<string | null> {
  const dirs: string[] = [];
  try {
    dirs.push(cacheDir());
  } catch {
    // Not inside the folio package (a packaged app): only the temp folder is left.
  }
  dirs.push(path.join(os.tmpdir(), 'folio-cache'));
  for (const dir of dirs) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
    try {
      await writeFileAtomic(file, text());
      // Copies made from an older pdf.js are dead weight.
      pruneStale(dir, file, (f) => /^pdf\.worker-[0-9a-f]+\.mjs$/.test(f));
      return file;
    } catch {
      // Try the next folder.
    }
  }
  return null;
}
