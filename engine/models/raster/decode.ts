// Image decoding for the model engine: bytes → upright RGBA frames at a bounded working size.
// PNG/JPEG/WebP/GIF/BMP go through @napi-rs/canvas (GIF: first frame; all but checksummed PNG in a
// child process, see safe-load.ts), TIFF through utif2 (every page). The header is measured first (header.ts), EXIF orientation is applied, and frames larger
// than the working limit are downscaled while drawing, so the JS heap never holds more than the
// working-size RGBA of one frame.
import { createCanvas, ImageData, type Canvas } from '@napi-rs/canvas';
import exifr from 'exifr';
import UTIF from 'utif2';
import { SourceError } from '../../errors.js';
import { readImageHeader, type ImageHeader } from './header.js';
import { loadImageSafe } from './safe-load.js';

/** Longest side of the working image OCR reads; larger images are downscaled to it. */
export const WORKING_MAX_SIDE = 4096;

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8ClampedArray;
}

export interface DecodedFrame {
  /** 1-based frame (TIFF page) number. */
  index: number;
  /** Upright size of the original, in pixels. */
  width: number;
  height: number;
  /** Working image (upright, at most WORKING_MAX_SIDE a side). */
  image: RgbaImage;
  /** working px per original px (≤ 1). */
  scale: number;
  canvas: Canvas;
}

export interface DecodeOptions {
  maxSide?: number;
  /** Decode only the first frame. */
  firstOnly?: boolean;
}

export async function decodeImage(bytes: Uint8Array, file: string, opts: DecodeOptions = {}): Promise<{ header: ImageHeader; frames: DecodedFrame[] }> {
  const header = readImageHeader(bytes, file);
  const maxSide = opts.maxSide ?? WORKING_MAX_SIDE;
  if (header.format === 'tiff') return { header, frames: decodeTiff(bytes, file, maxSide, opts.firstOnly === true) };
  // Decoded out of process unless it is a checksummed PNG (safe-load.ts): corrupt JPEG or WebP data
  // can crash the canvas decoder. The child already brings it within the working size.
  const { image: img, width: srcW, height: srcH } = await loadImageSafe(bytes, file, { maxSide: Math.max(maxSide, 1) });
  if (!(srcW > 0 && srcH > 0)) throw new SourceError(file, `corrupt ${header.format.toUpperCase()} image: it decodes to no pixels`);
  const orientation = header.format === 'jpeg' || header.format === 'webp' ? await exifOrientation(bytes) : 1;
  // Skia applies EXIF orientation itself for some codecs; a swapped size tells us it did.
  const swappedAlready = orientation >= 5 && srcW === header.height && srcH === header.width && header.width !== header.height;
  const apply = swappedAlready ? 1 : orientation;
  const upW = apply >= 5 ? srcH : srcW;
  const upH = apply >= 5 ? srcW : srcH;
  const scale = Math.min(1, maxSide / Math.max(upW, upH));
  const w = Math.max(1, Math.round(upW * scale));
  const h = Math.max(1, Math.round(upH * scale));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'high';
  orient(ctx, apply, w, h);
  const dw = apply >= 5 ? h : w;
  const dh = apply >= 5 ? w : h;
  ctx.drawImage(img, 0, 0, dw, dh);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const data = ctx.getImageData(0, 0, w, h).data;
  return { header, frames: [{ index: 1, width: upW, height: upH, image: { width: w, height: h, data }, scale, canvas }] };
}

type Ctx = ReturnType<Canvas['getContext']>;

/** Sets the transform that draws a stored (rotated/mirrored) image upright; EXIF orientations 1–8. */
function orient(ctx: Ctx, o: number, w: number, h: number): void {
  switch (o) {
    case 2: ctx.setTransform(-1, 0, 0, 1, w, 0); break;
    case 3: ctx.setTransform(-1, 0, 0, -1, w, h); break;
    case 4: ctx.setTransform(1, 0, 0, -1, 0, h); break;
    case 5: ctx.setTransform(0, 1, 1, 0, 0, 0); break;
    case 6: ctx.setTransform(0, 1, -1, 0, w, 0); break;
    case 7: ctx.setTransform(0, -1, -1, 0, w, h); break;
    case 8: ctx.setTransform(0, -1, 1, 0, 0, h); break;
    default: break;
  }
}

async function exifOrientation(bytes: Uint8Array): Promise<number> {
  try {
    const o = await exifr.orientation(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return typeof o === 'number' && o >= 1 && o <= 8 ? o : 1;
  } catch {
    // Broken EXIF is common in camera files and never a reason to refuse the picture itself.
    return 1;
  }
}

function decodeTiff(bytes: Uint8Array, file: string, maxSide: number, firstOnly: boolean): DecodedFrame[] {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const ifds = UTIF.decode(buf).filter((d) => d.t256 !== undefined && d.t257 !== undefined);
  const frames: DecodedFrame[] = [];
  for (const [i, ifd] of ifds.entries()) {
    if (firstOnly && i > 0) break;
    try {
      UTIF.decodeImage(buf, ifd);
    } catch (err) {
      throw new SourceError(file, `corrupt TIFF image data (${err instanceof Error ? err.message : String(err)})`, { page: i + 1, cause: err });
    }
    const { width, height } = ifd;
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    // A large page in a common pixel format is averaged down straight from the decoded samples:
    // the full-size RGBA copy and canvas cost 8 bytes a pixel (a 120 MP TIFF peaked at 2.9 GB).
    const small = scale < 1 ? downscaleTiffSamples(ifd, w, h) : null;
    let canvas: Canvas;
    if (small) {
      canvas = createCanvas(w, h);
      canvas.getContext('2d').putImageData(new ImageData(small, w, h), 0, 0);
    } else {
      if (width * height > MAX_TIFF_RGBA_PIXELS && scale < 1) {
        throw new SourceError(file, `a ${Math.round((width * height) / 1e6)}-megapixel TIFF page in an uncommon pixel format; Folio reads such pages up to ${MAX_TIFF_RGBA_PIXELS / 1e6} megapixels`, { page: i + 1, code: 'SOURCE_TOO_COMPLEX' });
      }
      let rgba: Uint8Array;
      try {
        rgba = UTIF.toRGBA8(ifd);
      } catch (err) {
        throw new SourceError(file, `corrupt TIFF image data (${err instanceof Error ? err.message : String(err)})`, { page: i + 1, cause: err });
      }
      if (rgba.length < width * height * 4) throw new SourceError(file, 'truncated TIFF image data', { page: i + 1 });
      const full = createCanvas(width, height);
      full.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, width * height * 4), width, height), 0, 0);
      canvas = full;
      if (scale < 1) {
        canvas = createCanvas(w, h);
        const ctx = canvas.getContext('2d');
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(full, 0, 0, w, h);
      }
    }
    // Transparent TIFF pixels are read as white paper, not black.
    const ctx = canvas.getContext('2d');
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    ctx.globalCompositeOperation = 'source-over';
    frames.push({ index: i + 1, width, height, image: { width: w, height: h, data: ctx.getImageData(0, 0, w, h).data }, scale, canvas });
  }
  if (frames.length === 0) throw new SourceError(file, 'the TIFF holds no image');
  return frames;
}

/** Largest TIFF page converted to full-size RGBA before downscaling (formats the fast path does not read). */
const MAX_TIFF_RGBA_PIXELS = 40_000_000;

/**
 * Area-averages a decoded TIFF page (ifd.data, as utif2 leaves it) down to w × h RGBA, for the
 * common formats: 1- or 8-bit grey (black or white is zero) and 8-bit RGB(A). Null for any other
 * (16-bit, palette, CMYK, YCbCr, planar), which goes the full-size RGBA way.
 */
function downscaleTiffSamples(ifd: UTIF.IFD, w: number, h: number): Uint8ClampedArray<ArrayBuffer> | null {
  const tag = (n: number): number | undefined => {
    const v = ifd[`t${n}`];
    return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined;
  };
  const intp = tag(262) ?? 2;
  const bps = tag(258) ?? 1;
  const planar = tag(284) ?? 1;
  const spp = tag(277) ?? (intp === 2 ? 3 : 1);
  const { width: W, height: H, data } = ifd;
  const grey = (intp === 0 || intp === 1) && (bps === 8 || bps === 1);
  const rgb = intp === 2 && bps === 8 && (spp === 3 || spp === 4);
  if (!(grey || rgb) || planar !== 1) return null;
  const bpl = Math.ceil((spp * bps * W) / 8);
  if (data.length < bpl * H) return null;
  const out = new Uint8ClampedArray(w * h * 4);
  const sum = new Float64Array(w * 3);
  const cnt = new Float64Array(w);
  const x0 = new Int32Array(w + 1);
  for (let x = 0; x <= w; x++) x0[x] = Math.min(W, Math.floor((x * W) / w));
  const invert = intp === 0;
  for (let y = 0; y < h; y++) {
    sum.fill(0);
    cnt.fill(0);
    const sy0 = Math.floor((y * H) / h);
    const sy1 = Math.max(sy0 + 1, Math.floor(((y + 1) * H) / h));
    for (let sy = sy0; sy < sy1; sy++) {
      const row = sy * bpl;
      for (let x = 0; x < w; x++) {
        const end = Math.max(x0[x]! + 1, x0[x + 1]!);
        let r = 0;
        let g = 0;
        let b = 0;
        for (let sx = x0[x]!; sx < end; sx++) {
          if (rgb) {
            const o = row + sx * spp;
            // Transparent pixels are read as white paper, as below for the other formats.
            const a = spp === 4 ? data[o + 3]! / 255 : 1;
            r += data[o]! * a + 255 * (1 - a);
            g += data[o + 1]! * a + 255 * (1 - a);
            b += data[o + 2]! * a + 255 * (1 - a);
          } else {
            const v = bps === 8 ? data[row + sx * spp]! : ((data[row + (sx >> 3)]! >> (7 - (sx & 7))) & 1) * 255;
            r += v;
          }
        }
        sum[x * 3] = sum[x * 3]! + r;
        sum[x * 3 + 1] = sum[x * 3 + 1]! + g;
        sum[x * 3 + 2] = sum[x * 3 + 2]! + b;
        cnt[x] = cnt[x]! + end - x0[x]!;
      }
    }
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const n = cnt[x]!;
      if (rgb) {
        out[o] = sum[x * 3]! / n;
        out[o + 1] = sum[x * 3 + 1]! / n;
        out[o + 2] = sum[x * 3 + 2]! / n;
      } else {
        const v = sum[x * 3]! / n;
        out[o] = out[o + 1] = out[o + 2] = invert ? 255 - v : v;
      }
      out[o + 3] = 255;
    }
  }
  return out;
}

/** Scales RGBA to the given size (bilinear, via the canvas). */
export function resizeRgba(src: Canvas, w: number, h: number): RgbaImage {
  const c = createCanvas(w, h);
  const ctx = c.getContext('2d');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, 0, 0, w, h);
  return { width: w, height: h, data: ctx.getImageData(0, 0, w, h).data };
}
