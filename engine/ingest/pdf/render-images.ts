// Page images brought down to the resolution a render needs before pdf.js paints them. pdf.js draws
// an image by first copying it into a canvas of the image's own size and then halving that canvas
// until it is near the target: a 9258×12259 1-bit scan (freeculture p. 255, rendered at 200 dpi for
// OCR) became a 454 MB RGBA canvas plus a 113 MB half-size copy, for a page of 1102×1652 pixels.
// Here the decoded samples are box-filtered straight to a few times the page's size at the render's
// scale, and pdf.js is handed that as a ready bitmap, so no canvas larger than that is ever made.
import { createCanvas, ImageData, type Canvas } from '@napi-rs/canvas';

/** pdf.js's ImageKind values for decoded image data (src/shared/util.js). */
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

/** An image as pdf.js's worker sends it to the page (an image mask has no `kind`). */
interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray | null;
  bitmap?: unknown;
  interpolate?: boolean;
  [key: string]: unknown;
}

/** What pdf.js takes in place of decoded samples: a bitmap it draws as is (close() is called on cleanup). */
export interface ShrunkImage {
  width: number;
  height: number;
  interpolate: boolean | undefined;
  bitmap: Canvas & { close(): void };
  data: null;
}

/**
 * The integer box-filter factors for an image of w×h pixels on a page whose longer side is `pageSide`
 * pixels at the render's scale: each side keeps at least `pageSide` pixels (the image may be painted
 * across the whole page, either way up), so nothing is lost that the render could show. [1, 1]: leave
 * the image alone (reducing it saves too little to be worth a pass over its samples).
 */
export function shrinkFactors(w: number, h: number, pageSide: number): [number, number] {
  const side = Math.max(1, Math.ceil(pageSide));
  const fx = Math.max(1, Math.floor(w / side));
  const fy = Math.max(1, Math.floor(h / side));
  return fx * fy >= 4 ? [fx, fy] : [1, 1];
}

/**
 * Box-filters a decoded image (or image mask, `mask`: 1 bit a pixel, 0 = painted) by fx × fy into
 * RGBA samples of ceil(w/fx) × ceil(h/fy). A mask becomes black with the painted share as alpha;
 * pdf.js fills it with the current colour, as it does its own mask canvas. Null when the data is not
 * in a form this knows (then pdf.js paints the original).
 */
export function boxFilter(img: DecodedImage, mask: boolean, fx: number, fy: number): { width: number; height: number; rgba: Uint8ClampedArray } | null {
  const { width: w, height: h, data } = img;
  if (!data || !(w > 0 && h > 0)) return null;
  const ow = Math.ceil(w / fx);
  const oh = Math.ceil(h / fy);
  const rgba = new Uint8ClampedArray(ow * oh * 4);
  // Per output row: sums of each channel over the source samples that fall in each output pixel.
  const acc = new Float64Array(ow * 4);
  const bits = mask || img.kind === GRAYSCALE_1BPP;
  const stride = bits ? (w + 7) >> 3 : img.kind === RGB_24BPP ? w * 3 : img.kind === RGBA_32BPP ? w * 4 : 0;
  if (stride === 0 || data.length < stride * h) return null;
  const col = new Int32Array(w);
  for (let x = 0; x < w; x++) col[x] = ((x / fx) | 0) * 4;
  const count = new Float64Array(ow);
  for (let oy = 0; oy < oh; oy++) {
    acc.fill(0);
    const y0 = oy * fy;
    const y1 = Math.min(h, y0 + fy);
    for (let ox = 0; ox < ow; ox++) count[ox] = (y1 - y0) * (Math.min(w, (ox + 1) * fx) - ox * fx);
    for (let y = y0; y < y1; y++) {
      const row = y * stride;
      if (bits) {
        // A mask paints where the bit is 0; a 1-bit grey image is white where it is 1.
        const on = mask ? 0 : 1;
        for (let x = 0; x < w; x++) {
          if (((data[row + (x >> 3)]! >> (7 - (x & 7))) & 1) === on) acc[col[x]!] = acc[col[x]!]! + 1;
        }
      } else if (img.kind === RGB_24BPP) {
        for (let x = 0, i = row; x < w; x++, i += 3) {
          const o = col[x]!;
          acc[o] = acc[o]! + data[i]!;
          acc[o + 1] = acc[o + 1]! + data[i + 1]!;
          acc[o + 2] = acc[o + 2]! + data[i + 2]!;
        }
      } else {
        // Colour weighted by alpha, so transparent samples do not darken the average.
        for (let x = 0, i = row; x < w; x++, i += 4) {
          const a = data[i + 3]!;
          const o = col[x]!;
          acc[o] = acc[o]! + data[i]! * a;
          acc[o + 1] = acc[o + 1]! + data[i + 1]! * a;
          acc[o + 2] = acc[o + 2]! + data[i + 2]! * a;
          acc[o + 3] = acc[o + 3]! + a;
        }
      }
    }
    const base = oy * ow * 4;
    for (let ox = 0; ox < ow; ox++) {
      const n = count[ox]!;
      const o = ox * 4;
      const d = base + o;
      if (mask) {
        rgba[d + 3] = (255 * acc[o]!) / n;
      } else if (bits) {
        rgba[d] = rgba[d + 1] = rgba[d + 2] = (255 * acc[o]!) / n;
        rgba[d + 3] = 255;
      } else if (img.kind === RGB_24BPP) {
        rgba[d] = acc[o]! / n;
        rgba[d + 1] = acc[o + 1]! / n;
        rgba[d + 2] = acc[o + 2]! / n;
        rgba[d + 3] = 255;
      } else {
        const a = acc[o + 3]!;
        if (a > 0) {
          rgba[d] = acc[o]! / a;
          rgba[d + 1] = acc[o + 1]! / a;
          rgba[d + 2] = acc[o + 2]! / a;
        }
        rgba[d + 3] = a / n;
      }
    }
  }
  return { width: ow, height: oh, rgba };
}

/** The image pdf.js should paint instead of `img`, or `img` itself when it is small enough already. */
export function shrinkForRender(img: unknown, pageSide: number, mask: boolean): unknown {
  if (!img || typeof img !== 'object') return img;
  const d = img as DecodedImage;
  if (d.bitmap || !d.data || typeof d.width !== 'number' || typeof d.height !== 'number') return img;
  const [fx, fy] = shrinkFactors(d.width, d.height, pageSide);
  if (fx === 1 && fy === 1) return img;
  const out = boxFilter(d, mask, fx, fy);
  if (!out) return img;
  const canvas = createCanvas(out.width, out.height);
  canvas.getContext('2d').putImageData(new ImageData(out.rgba, out.width, out.height), 0, 0);
  // pdf.js closes bitmaps when it drops a page's objects; a canvas frees its pixels when emptied.
  const bitmap = Object.assign(canvas, {
    close(): void {
      canvas.width = 0;
      canvas.height = 0;
    },
  });
  const shrunk: ShrunkImage = { width: out.width, height: out.height, interpolate: d.interpolate, bitmap, data: null };
  return shrunk;
}

/** The part of a pdf.js page this needs: its per-page object store. */
interface PageWithObjects {
  objs: { resolve(id: string, data?: unknown): void };
}

/**
 * While a page renders, images it receives are shrunk to what a render of `pageSide` pixels (the
 * page's longer side at the render's scale) can show. Returns the function that undoes the hook.
 * Image masks arrive with ids starting "mask_" (pdf.js's evaluator names them so).
 */
export function shrinkPageImages(page: PageWithObjects, pageSide: number): () => void {
  const objs = page.objs;
  const own = Object.prototype.hasOwnProperty.call(objs, 'resolve');
  const original = objs.resolve;
  objs.resolve = function (this: unknown, id: string, data?: unknown): void {
    original.call(objs, id, shrinkForRender(data, pageSide, typeof id === 'string' && id.startsWith('mask_')));
  };
  return () => {
    if (own) objs.resolve = original;
    else delete (objs as { resolve?: unknown }).resolve;
  };
}
