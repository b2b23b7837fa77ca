// Text-line crops and recognition: each detected quad is cut out of the working image through a
// perspective map straight into a line image of the recogniser's height (48 px), optionally turned
// by the direction classifier, then recognised in batches of similar aspect ratio and decoded with
// CTC greedy decoding against the model's character dictionary.
import type { Tensor } from '../ort.js';
import type { RgbaImage } from '../raster/decode.js';
import type { Normalise } from './detect.js';
import { perspectiveMap, type Quad } from './geometry.js';

/** True when a box is much taller than wide: vertical text (a margin stamp, CJK columns, a rotated label). */
export function isVertical(q: Quad): boolean {
  const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
  return Math.max(dist(q[0], q[3]), dist(q[1], q[2])) >= 1.5 * Math.max(dist(q[0], q[1]), dist(q[3], q[2]));
}

/** Cuts the quad (tl, tr, br, bl) out at height `outH`; tall boxes (h ≥ 1.5 w) are turned 90° so text runs left to right. */
export function cropLine(img: RgbaImage, q: Quad, outH: number, maxW: number): RgbaImage {
  const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
  let quad = q;
  let cw = Math.max(dist(q[0], q[1]), dist(q[3], q[2]));
  let ch = Math.max(dist(q[0], q[3]), dist(q[1], q[2]));
  if (isVertical(q)) {
    // Vertical text: read the box rotated a quarter turn counter-clockwise (as PaddleOCR does).
    quad = [q[1], q[2], q[3], q[0]];
    [cw, ch] = [ch, cw];
  }
  cw = Math.max(1, cw);
  ch = Math.max(1, ch);
  const outW = Math.max(1, Math.min(maxW, Math.ceil((outH * cw) / ch)));
  const map = perspectiveMap(quad, outW, outH);
  const out = new Uint8ClampedArray(outW * outH * 4);
  // Supersample when shrinking a tall line, so thin strokes are averaged rather than skipped.
  const ss = Math.max(1, Math.min(4, Math.floor(ch / outH)));
  const { width: W, height: H, data } = img;
  const acc = [0, 0, 0];
  for (let v = 0; v < outH; v++) {
    for (let u = 0; u < outW; u++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let sv = 0; sv < ss; sv++) {
        for (let su = 0; su < ss; su++) {
          const [x, y] = map(u + (su + 0.5) / ss, v + (sv + 0.5) / ss);
          bilinear(data, W, H, x - 0.5, y - 0.5, acc);
        }
      }
      const o = (v * outW + u) * 4;
      const k = 1 / (ss * ss);
      out[o] = acc[0]! * k;
      out[o + 1] = acc[1]! * k;
      out[o + 2] = acc[2]! * k;
      out[o + 3] = 255;
    }
  }
  return { width: outW, height: outH, data: out };
}

function bilinear(data: Uint8ClampedArray, W: number, H: number, x: number, y: number, acc: number[]): void {
  const xc = x < 0 ? 0 : x > W - 1 ? W - 1 : x;
  const yc = y < 0 ? 0 : y > H - 1 ? H - 1 : y;
  const x0 = Math.floor(xc);
  const y0 = Math.floor(yc);
  const x1 = Math.min(W - 1, x0 + 1);
  const y1 = Math.min(H - 1, y0 + 1);
  const fx = xc - x0;
  const fy = yc - y0;
  const i00 = (y0 * W + x0) * 4;
  const i10 = (y0 * W + x1) * 4;
  const i01 = (y1 * W + x0) * 4;
  const i11 = (y1 * W + x1) * 4;
  for (let c = 0; c < 3; c++) {
    const top = data[i00 + c]! * (1 - fx) + data[i10 + c]! * fx;
    const bot = data[i01 + c]! * (1 - fx) + data[i11 + c]! * fx;
    acc[c]! += top * (1 - fy) + bot * fy;
  }
}

export function rotate180(img: RgbaImage): RgbaImage {
  const n = img.width * img.height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) out.set(img.data.subarray(i * 4, i * 4 + 4), (n - 1 - i) * 4);
  return { ...img, data: out };
}

/**
 * Packs line images (all of height h) into one NCHW batch of width `width`: each line is resampled
 * horizontally to min(width, its own width at height h) and the rest is left at 0 (the normalised
 * mid-grey the models were trained with as padding).
 */
export function batchTensor(lines: RgbaImage[], width: number, n: Normalise): Tensor {
  const h = lines[0]?.height ?? 48;
  const plane = h * width;
  const out = new Float32Array(lines.length * 3 * plane);
  const order = n.colorOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  lines.forEach((img, b) => {
    const w = Math.min(width, img.width);
    const fx = img.width / w;
    for (let c = 0; c < 3; c++) {
      const src = order[c]!;
      const k = n.scale / n.std[c]!;
      const off = n.mean[c]! / n.std[c]!;
      const base = (b * 3 + c) * plane;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const sx = Math.min(img.width - 1, Math.floor((x + 0.5) * fx));
          out[base + y * width + x] = img.data[(y * img.width + sx) * 4 + src]! * k - off;
        }
      }
    }
  });
  return { data: out, dims: [lines.length, 3, h, width] };
}

export interface Decoded {
  text: string;
  confidence: number;
}

/**
 * CTC greedy decoding of [N, T, C] probabilities: best class per step, repeats merged, blanks (0)
 * dropped. The Chinese + English recogniser often gives no space class between Latin words, so
 * spaces are also put back from where the characters fall along the line (see `wordGaps`).
 */
export function ctcDecode(out: Tensor, charset: string[]): Decoded[] {
  const [N, T, C] = out.dims as [number, number, number];
  const res: Decoded[] = [];
  for (let b = 0; b < N; b++) {
    const chars: string[] = [];
    const first: number[] = [];
    let sum = 0;
    let prev = -1;
    for (let t = 0; t < T; t++) {
      const base = (b * T + t) * C;
      let best = 0;
      let bestP = out.data[base]!;
      for (let c = 1; c < C; c++) {
        const pc = out.data[base + c]!;
        if (pc > bestP) {
          bestP = pc;
          best = c;
        }
      }
      if (best !== 0 && best !== prev) {
        chars.push(charset[best] ?? '');
        first.push(t);
        sum += bestP;
      }
      prev = best;
    }
    res.push({ text: wordGaps(chars, first), confidence: chars.length > 0 ? sum / chars.length : 0 });
  }
  return res;
}

const LATIN = /^[\p{Script=Latin}\p{N}]$/u;
const AFTER_PUNCT = /^[,.;:!?)\]]$/;
const UPPER = /^\p{Lu}$/u;
const DIGIT = /^\p{N}$/u;
// How far apart two characters must be, beyond what their widths explain, to have a space between
// them: in letter widths (between letters; after punctuation), and at least this many steps.
// Chosen on two English pages at 150 dpi; tests/ocr/cer.test.ts holds their word F1.
const WORD_GAP = 0.8;
const PUNCT_GAP = 0.1;
const MIN_STEPS = 1.5;
const NARROW = new Set('iljtfrI1.,:;\'!|()[]'.split(''));
const WIDE = new Set('mwMW'.split(''));

/** A glyph's width relative to a lower-case letter's, in three rough classes. */
function glyphWidth(c: string): number {
  if (NARROW.has(c)) return 0.6;
  if (WIDE.has(c)) return 1.5;
  return c >= 'A' && c <= 'Z' ? 1.3 : 1;
}

/**
 * Joins decoded characters and puts back the spaces the recogniser missed between Latin words.
 * Each character's step is where the model saw it along the line; the distance from one character
 * to the next is compared with what their widths explain at the line's own pitch (steps per
 * letter width, a low quantile over the line's letter pairs), and a space goes where the excess is
 * most of a letter. After a comma, semicolon, colon, closing bracket or full stop a little is
 * enough, since type always sets a space there (not between digits: "1,000", "3.4"). Two capitals
 * are never split: all-caps words space their letters too unevenly to tell.
 */
export function wordGaps(chars: string[], first: number[]): string {
  const ratios: number[] = [];
  const kinds: (0 | 1 | 2)[] = [0];
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]!;
    const c = chars[i]!;
    const kind = LATIN.test(c) && !(UPPER.test(a) && UPPER.test(c)) ? (LATIN.test(a) ? 1 : AFTER_PUNCT.test(a) && !(DIGIT.test(c) && /[,.:]/.test(a)) ? 2 : 0) : 0;
    kinds.push(kind);
    if (kind === 1) ratios.push((first[i]! - first[i - 1]!) / ((glyphWidth(a) + glyphWidth(c)) / 2));
  }
  if (ratios.length < 4) return chars.join('');
  // Steps per letter width: most neighbouring letters in a line are inside words.
  ratios.sort((x, y) => x - y);
  const pitch = ratios[Math.floor(ratios.length * 0.4)]!;
  let text = chars[0]!;
  for (let i = 1; i < chars.length; i++) {
    const a = chars[i - 1]!;
    const c = chars[i]!;
    const kind = kinds[i]!;
    if (kind !== 0) {
      // In steps: one step of jitter is most of a letter in small, tight type, so a space also
      // needs a margin of whole steps.
      const excess = first[i]! - first[i - 1]! - (pitch * (glyphWidth(a) + glyphWidth(c))) / 2;
      if (kind === 1 ? excess >= Math.max(WORD_GAP * pitch, MIN_STEPS) : excess >= Math.max(PUNCT_GAP * pitch, MIN_STEPS - 0.5)) text += ' ';
    }
    text += c;
  }
  return text;
}

/**
 * The recogniser's cost grows faster than a line's width (its SVTR neck mixes the whole line
 * globally): on one CPU thread a 1460-px line took 356 ms and two 730-px halves 112 ms each. So a
 * long line is read in pieces cut at its word gaps: from `minW` to `maxW` pixels from the last cut,
 * the widest run of empty columns (no ink in the middle band, where neighbouring lines' ascenders
 * and descenders do not reach) wide enough for a space between words (`gap`, in pixels). A stretch
 * with no such gap is not cut (a cut through a character would misread it), so a piece may be wider.
 * Returns the pieces: [start, end) columns and the width of the gap after each (0 after the last).
 */
export function wordGapCuts(img: RgbaImage, minW: number, maxW: number, gap: number): [number, number, number][] {
  const { width: w, height: h, data } = img;
  if (w <= maxW) return [[0, w, 0]];
  const y0 = Math.floor(h * 0.2);
  const y1 = Math.ceil(h * 0.8);
  // Darkest luminance per column in the middle band, and the paper's (the line's brightest columns).
  const dark = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    let m = 255;
    for (let y = y0; y < y1; y++) {
      const i = (y * w + x) * 4;
      const l = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      if (l < m) m = l;
    }
    dark[x] = m;
  }
  const sorted = Float32Array.from(dark).sort();
  const paper = sorted[Math.floor(w * 0.95)]!;
  const ink = sorted[Math.floor(w * 0.05)]!;
  // Too little contrast to tell ink from paper (a blank or inverted strip): read it whole.
  if (paper - ink < 60) return [[0, w, 0]];
  const empty = (x: number): boolean => dark[x]! > paper - (paper - ink) * 0.25;
  /** The middle column of the widest empty run that starts in [lo, hi], and its width. */
  const widestGap = (lo: number, hi: number): [number, number] => {
    let at = -1;
    let len = 0;
    for (let x = lo; x <= hi; ) {
      if (!empty(x)) {
        x++;
        continue;
      }
      let e = x;
      while (e < w && empty(e)) e++;
      if (e - x > len) [at, len] = [(x + e) >> 1, e - x];
      x = e;
    }
    return [at, len];
  };
  const cuts: [number, number, number][] = [];
  let start = 0;
  while (w - start > maxW) {
    let lo = start + minW;
    let hi = Math.min(w - 1, start + maxW);
    let cut = -1;
    let cutLen = 0;
    for (;;) {
      const [at, len] = widestGap(lo, hi);
      if (len >= gap) {
        [cut, cutLen] = [at, len];
        break;
      }
      if (hi >= w - 1) break;
      // No word gap here: look further along, and the piece grows.
      lo = hi + 1;
      hi = Math.min(w - 1, hi + maxW - minW);
    }
    if (cut < 0) break;
    cuts.push([start, cut, cutLen]);
    start = cut;
  }
  cuts.push([start, w, 0]);
  return cuts;
}

/** Columns [x0, x1) of a line image, as an image of its own. */
export function sliceColumns(img: RgbaImage, x0: number, x1: number): RgbaImage {
  const w = x1 - x0;
  const out = new Uint8ClampedArray(w * img.height * 4);
  for (let y = 0; y < img.height; y++) out.set(img.data.subarray((y * img.width + x0) * 4, (y * img.width + x1) * 4), y * w * 4);
  return { width: w, height: img.height, data: out };
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * One line's reading from its pieces (cut at word gaps, see wordGapCuts): joined with a space, except
 * next to CJK text, which sets none between words; confidence weighted by each piece's characters.
 */
export function joinPieces(pieces: Decoded[]): Decoded {
  let text = '';
  let sum = 0;
  let n = 0;
  for (const p of pieces) {
    const t = p.text.trim();
    if (!t) continue;
    if (text && !CJK.test(text.slice(-1)) && !CJK.test(t[0]!)) text += ' ';
    text += t;
    sum += p.confidence * t.length;
    n += t.length;
  }
  return { text, confidence: n > 0 ? sum / n : 0 };
}
