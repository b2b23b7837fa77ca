// Image headers: the format and pixel size read from the first bytes, before any pixel is
// decoded. This is the guard against decompression bombs (a 100-byte PNG that claims 100,000² px
// would make a decoder allocate 40 GB): every image is measured here first and refused with a typed
// error when it is empty, truncated, of an unknown format or larger than the stated limits.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import UTIF from 'utif2';
import { SourceError } from '../../errors.js';

import { sniffImageFormat, type ImageFormat } from './magic.js';

export { sniffImageFormat, type ImageFormat };

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
  /** Number of pages (TIFF) or 1. GIF animations are read as their first frame. */
  frames: number;
}

/** Largest side and pixel count Folio decodes (about 480 MB of RGBA for the biggest allowed image). */
export const MAX_IMAGE_SIDE = 50_000;
export const MAX_IMAGE_PIXELS = 120_000_000;


/** Reads format and size from the header; throws SourceError naming the file otherwise. */
export function readImageHeader(bytes: Uint8Array, file: string): ImageHeader {
  if (bytes.length === 0) throw new SourceError(file, 'the file is empty (0 bytes)');
  const format = sniffImageFormat(bytes);
  if (!format) throw new SourceError(file, 'not an image Folio can read (PNG, JPEG, WebP, GIF, BMP or TIFF expected)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number): void => {
    if (bytes.length < n) throw new SourceError(file, `truncated ${format.toUpperCase()} header (${bytes.length} bytes)`);
  };
  let width = 0;
  let height = 0;
  let frames = 1;
  switch (format) {
    case 'png':
      need(24);
      width = dv.getUint32(16);
      height = dv.getUint32(20);
      break;
    case 'gif':
      need(10);
      width = dv.getUint16(6, true);
      height = dv.getUint16(8, true);
      break;
    case 'bmp': {
      need(26);
      const dib = dv.getUint32(14, true);
      if (dib === 12) {
        width = dv.getUint16(18, true);
        height = dv.getUint16(20, true);
      } else {
        width = dv.getInt32(18, true);
        height = Math.abs(dv.getInt32(22, true));
      }
      break;
    }
    case 'webp': {
      need(30);
      const chunk = String.fromCharCode(...bytes.subarray(12, 16));
      if (chunk === 'VP8 ') {
        width = dv.getUint16(26, true) & 0x3fff;
        height = dv.getUint16(28, true) & 0x3fff;
      } else if (chunk === 'VP8L') {
        const b0 = bytes[21]!;
        const b1 = bytes[22]!;
        const b2 = bytes[23]!;
        const b3 = bytes[24]!;
        width = 1 + (((b1 & 0x3f) << 8) | b0);
        height = 1 + (((b3 & 0xf) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6));
      } else if (chunk === 'VP8X') {
        width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16));
        height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16));
      } else {
        throw new SourceError(file, `unknown WebP chunk "${chunk}"`);
      }
      break;
    }
    case 'jpeg':
      [width, height] = jpegSize(bytes, file);
      break;
    case 'tiff': {
      checkTiffStructure(bytes, file);
      let ifds: UTIF.IFD[];
      try {
        ifds = UTIF.decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      } catch (err) {
        throw new SourceError(file, `corrupt TIFF header (${err instanceof Error ? err.message : String(err)})`, { cause: err });
      }
      const pages = ifds.filter((d) => d.t256 !== undefined && d.t257 !== undefined);
      if (pages.length === 0) throw new SourceError(file, 'the TIFF holds no image');
      frames = pages.length;
      // Each page is decoded in full, so the limit holds for all pages together: 8 pages of
      // 81 MP each passed a per-page check and peaked at 12 GB.
      let total = 0;
      for (const [i, p] of pages.entries()) {
        const w = tagNumber(p.t256);
        const h = tagNumber(p.t257);
        checkSize(file, w, h, frames > 1 ? i + 1 : undefined);
        total += w * h;
        if (i === 0) [width, height] = [w, h];
      }
      if (total > MAX_IMAGE_PIXELS) {
        throw new SourceError(
          file,
          `the TIFF's ${frames} pages hold ${Math.round(total / 1e6)} megapixels together, more than Folio decodes (at most ${MAX_IMAGE_PIXELS / 1e6} megapixels per file); refused as a possible decompression bomb`,
          { code: 'SOURCE_TOO_COMPLEX' },
        );
      }
      break;
    }
  }
  checkSize(file, width, height);
  checkComplete(bytes, format, file);
  return { format, width, height, frames };
}

/**
 * Structure checks the codecs do not make themselves: a PNG chunk whose length runs past the end
 * of the file makes the decoder read out of bounds (it crashed the process in our tests), and a
 * truncated PNG, JPEG or WebP otherwise decodes "successfully" with its lower part grey.
 */
function checkComplete(b: Uint8Array, format: ImageFormat, file: string): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (format === 'png') {
    checkPngIhdr(b, file);
    let i = 8;
    let sawIdat = false;
    let sawPlte = false;
    while (true) {
      if (i + 12 > b.length) throw new SourceError(file, 'corrupt or truncated PNG: the file ends before its IEND chunk');
      const len = dv.getUint32(i);
      const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
      if (!/^[A-Za-z]{4}$/.test(type)) throw new SourceError(file, `corrupt or truncated PNG: invalid chunk at byte ${i}`);
      if (i + 12 + len > b.length) throw new SourceError(file, `corrupt or truncated PNG: the ${type} chunk at byte ${i} runs past the end of the file`);
      if (crc32(b.subarray(i + 4, i + 8 + len)) !== dv.getUint32(i + 8 + len)) {
        throw new SourceError(file, `corrupt or truncated PNG: the ${type} chunk at byte ${i} fails its checksum`);
      }
      if (type === 'IHDR' && i !== 8) throw new SourceError(file, `corrupt PNG: a second IHDR chunk at byte ${i}`);
      if (type === 'PLTE') {
        // PNG spec 11.2.3: 1 to 256 RGB entries, before the image data; colour type 3 needs at most 2^depth.
        const entries = len / 3;
        if (len % 3 !== 0 || entries < 1 || entries > 256 || sawIdat || sawPlte) {
          throw new SourceError(file, `corrupt PNG: invalid palette (PLTE chunk of ${len} bytes at byte ${i})`);
        }
        if (b[25] === 3 && entries > 2 ** b[24]!) {
          throw new SourceError(file, `corrupt PNG: the palette has ${entries} entries, more than a ${b[24]}-bit image can index`);
        }
        sawPlte = true;
      }
      if (type === 'IDAT') sawIdat = true;
      if (type === 'IEND') break;
      i += 12 + len;
    }
    if (!sawIdat) throw new SourceError(file, 'corrupt or truncated PNG: no image data (IDAT)');
    if (b[25] === 3 && !sawPlte) throw new SourceError(file, 'corrupt PNG: a palette image without a palette (no PLTE chunk)');
  } else if (format === 'jpeg') {
    // 0xFFD9 cannot occur inside entropy-coded data (0xFF is stuffed as 0xFF00), so its absence
    // after the scan header means the file was cut.
    let sos = -1;
    for (let i = 2; i + 1 < b.length; i++) {
      if (b[i] === 0xff && b[i + 1] === 0xda) {
        sos = i;
        break;
      }
    }
    let eoi = -1;
    for (let i = b.length - 2; i > sos; i--) {
      if (b[i] === 0xff && b[i + 1] === 0xd9) {
        eoi = i;
        break;
      }
    }
    if (sos < 0 || eoi < 0) throw new SourceError(file, 'corrupt or truncated JPEG: the image data has no end marker');
  } else if (format === 'webp') {
    if (dv.getUint32(4, true) + 8 > b.length) throw new SourceError(file, 'corrupt or truncated WebP: the file is shorter than its header says');
  }
}

/** Bytes per value of each TIFF field type (TIFF 6.0, section 2; 13 = IFD offset). */
const TIFF_TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
/** Tags whose value is the offset of another IFD that utif2 follows. */
const TIFF_SUB_IFD_TAGS = new Set([330, 34665, 34853, 40965]);
/** More IFDs (pages and sub-IFDs) than any real file has; a loop or garbage past that. */
const MAX_TIFF_IFDS = 10_000;

/**
 * Walks the IFD chain (and sub-IFDs) before utif2 does: utif2 trusts every count and offset, so a
 * truncated 1.3 kB TIFF whose IFD offset pointed into garbage made it allocate an array of 169
 * million values, and node died of a fatal V8 error above 1.5 GB. Every IFD and every value that
 * does not fit in its entry must lie inside the file, and no IFD may be visited twice.
 */
function checkTiffStructure(b: Uint8Array, file: string): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < 8) throw new SourceError(file, `truncated TIFF header (${b.length} bytes)`);
  const le = b[0] === 0x49;
  const u16 = (o: number): number => dv.getUint16(o, le);
  const u32 = (o: number): number => dv.getUint32(o, le);
  const corrupt = (what: string): SourceError => new SourceError(file, `corrupt or truncated TIFF: ${what}`);
  const seen = new Set<number>();
  const pending = [u32(4)];
  while (pending.length > 0) {
    let at = pending.pop()!;
    while (at !== 0) {
      if (seen.has(at)) throw corrupt(`its directories loop back to byte ${at}`);
      if (seen.size >= MAX_TIFF_IFDS) throw corrupt(`more than ${MAX_TIFF_IFDS} image directories`);
      seen.add(at);
      if (at + 2 > b.length) throw corrupt(`an image directory at byte ${at} lies past the end of the file (${b.length} bytes)`);
      const n = u16(at);
      if (at + 2 + n * 12 + 4 > b.length) throw corrupt(`the image directory at byte ${at} (${n} entries) runs past the end of the file`);
      for (let k = 0; k < n; k++) {
        const e = at + 2 + k * 12;
        const tag = u16(e);
        const type = u16(e + 2);
        const count = u32(e + 4);
        const size = TIFF_TYPE_SIZE[type];
        if (size === undefined) throw corrupt(`tag ${tag} has an unknown field type ${type}`);
        const bytes = size * count;
        if (bytes > 4) {
          const off = u32(e + 8);
          if (off + bytes > b.length) throw corrupt(`the values of tag ${tag} (${count} × ${size} bytes at byte ${off}) lie past the end of the file`);
          if (TIFF_SUB_IFD_TAGS.has(tag) && (type === 4 || type === 13)) for (let j = 0; j < count; j++) pending.push(u32(off + j * 4));
        } else if (TIFF_SUB_IFD_TAGS.has(tag) && count === 1 && (type === 4 || type === 13)) {
          pending.push(u32(e + 8));
        }
      }
      at = u32(at + 2 + n * 12);
    }
  }
}

/** Bit depths each PNG colour type allows (PNG spec, table 11.1). */
const PNG_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/**
 * The IHDR fields against the PNG spec (11.2.2). Skia's PNG decoder trusts them: a bit depth of 3
 * or colour type 5 with valid checksums made @napi-rs/canvas 0.1.100 segfault (4 of 4 files), so a
 * file is refused here before any decoder sees it.
 */
function checkPngIhdr(b: Uint8Array, file: string): void {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (type !== 'IHDR') throw new SourceError(file, `corrupt PNG: the first chunk is "${type.replace(/[^\x20-\x7e]/g, '?')}", not the IHDR header`);
  if (dv.getUint32(8) !== 13) throw new SourceError(file, `corrupt PNG: the IHDR header is ${dv.getUint32(8)} bytes long, not 13`);
  if (b.length < 33) throw new SourceError(file, `truncated PNG header (${b.length} bytes)`);
  if (width31(dv.getUint32(16)) || width31(dv.getUint32(20))) throw new SourceError(file, 'corrupt PNG: the width or height is larger than 2³¹ − 1');
  const depth = b[24]!;
  const colour = b[25]!;
  const allowed = PNG_DEPTHS[colour];
  if (!allowed) throw new SourceError(file, `corrupt PNG: colour type ${colour} does not exist (0, 2, 3, 4 or 6 expected)`);
  if (!allowed.includes(depth)) {
    throw new SourceError(file, `corrupt PNG: a bit depth of ${depth} is not allowed for colour type ${colour} (${allowed.join(', ')} expected)`);
  }
  if (b[26] !== 0) throw new SourceError(file, `corrupt PNG: unknown compression method ${b[26]}`);
  if (b[27] !== 0) throw new SourceError(file, `corrupt PNG: unknown filter method ${b[27]}`);
  if (b[28]! > 1) throw new SourceError(file, `corrupt PNG: unknown interlace method ${b[28]}`);
}

function width31(v: number): boolean {
  return v > 0x7fffffff;
}

function tagNumber(v: unknown): number {
  return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : 0;
}

function checkSize(file: string, width: number, height: number, page?: number): void {
  const opts = page !== undefined ? { page } : {};
  if (!(width > 0 && height > 0)) throw new SourceError(file, `the image has no pixels (${width}×${height})`, opts);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new SourceError(
      file,
      `the image claims ${width}×${height} px, more than Folio decodes (at most ${MAX_IMAGE_SIDE} px a side and ${MAX_IMAGE_PIXELS / 1e6} megapixels); refused as a possible decompression bomb`,
      { ...opts, code: 'SOURCE_TOO_COMPLEX' },
    );
  }
}

function jpegSize(b: Uint8Array, file: string): [number, number] {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) throw new SourceError(file, `corrupt JPEG: no marker at byte ${i}`);
    const m = b[i + 1]!;
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) break;
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    const isSof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) break;
      return [(b[i + 7]! << 8) | b[i + 8]!, (b[i + 5]! << 8) | b[i + 6]!];
    }
    i += 2 + len;
  }
  throw new SourceError(file, 'truncated or corrupt JPEG: no frame header before the image data');
}

/**
 * Format and pixel size of an image file, or null when it is missing, unreadable or not an image
 * (callers that show images leave such a visual out and say so).
 */
export function imageFileHeader(file: string): ImageHeader | null {
  try {
    return readImageHeader(new Uint8Array(readFileSync(file)), path.basename(file));
  } catch {
    return null;
  }
}

export type WebImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/**
 * The same for an image every browser shows (PNG, JPEG, GIF, WebP): the only formats Folio's
 * reports, sites and decks carry (the PPTX gets WebP converted). Null for anything else.
 */
export function webImageFileHeader(file: string): WebImageHeader | null {
  return webImageOf(imageFileHeader(file));
}

export interface WebImageHeader {
  format: WebImageFormat;
  width: number;
  height: number;
}

/** webImageFileHeader, read without blocking the event loop. */
export async function readWebImageFileHeader(file: string): Promise<WebImageHeader | null> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    return null; // missing or unreadable: as imageFileHeader, the caller leaves the visual out and says so
  }
  try {
    return webImageOf(readImageHeader(bytes, path.basename(file)));
  } catch {
    return null; // not an image it can read
  }
}

function webImageOf(h: ImageHeader | null): WebImageHeader | null {
  return h && (h.format === 'png' || h.format === 'jpeg' || h.format === 'gif' || h.format === 'webp') && h.width > 0 && h.height > 0
    ? { format: h.format, width: h.width, height: h.height }
    : null;
}
