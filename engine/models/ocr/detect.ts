// Text detection (DB, "Differentiable Binarization"): the page is resized so its longest side fits
// the model's limit in multiples of 32, normalised into a CHW tensor; the model's probability map
// is thresholded, split into connected regions, and every region becomes a scored, unclipped
// minimum-area rotated box in working-image pixels.
import type { Tensor } from '../ort.js';
import type { RgbaImage } from '../raster/decode.js';
import { convexHull, minAreaRect, rectCorners, unclip, type Point, type Quad } from './geometry.js';

export interface Normalise {
  colorOrder: 'rgb' | 'bgr';
  scale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

export interface DetParams {
  limitSideLen: number;
  multipleOf: number;
  thresh: number;
  boxThresh: number;
  unclipRatio: number;
  minSize: number;
  maxCandidates: number;
}

export interface DetBox {
  quad: Quad;
  score: number;
}

/** The tensor size for an image: longest side ≤ limit, both sides multiples of 32 (never upscaled past 32 rounding). */
export function detInputSize(w: number, h: number, p: Pick<DetParams, 'limitSideLen' | 'multipleOf'>): [number, number] {
  const ratio = Math.min(1, p.limitSideLen / Math.max(w, h));
  const m = p.multipleOf;
  return [Math.max(m, Math.round((w * ratio) / m) * m), Math.max(m, Math.round((h * ratio) / m) * m)];
}

/** RGBA → float CHW tensor with per-channel normalisation. */
export function toTensor(img: RgbaImage, n: Normalise): Tensor {
  const { width: w, height: h, data } = img;
  const plane = w * h;
  const out = new Float32Array(3 * plane);
  const order = n.colorOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  for (let c = 0; c < 3; c++) {
    const src = order[c]!;
    const k = n.scale / n.std[c]!;
    const off = n.mean[c]! / n.std[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = data[i * 4 + src]! * k - off;
  }
  return { data: out, dims: [1, 3, h, w] };
}

/**
 * DB post-processing of a probability map (mapW × mapH) into boxes in image coordinates
 * (sx, sy: image px per map px).
 */
export function dbBoxes(prob: Float32Array, mapW: number, mapH: number, sx: number, sy: number, imgW: number, imgH: number, p: DetParams): DetBox[] {
  const n = mapW * mapH;
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  const boxes: DetBox[] = [];
  let next = 0;
  for (let start = 0; start < n; start++) {
    if (label[start] !== 0 || prob[start]! <= p.thresh) continue;
    if (++next > p.maxCandidates) break;
    // Flood fill (8-connected), keeping each row's leftmost and rightmost pixel for the hull.
    const rowMin = new Map<number, number>();
    const rowMax = new Map<number, number>();
    let sp = 0;
    let count = 0;
    let sum = 0;
    stack[sp++] = start;
    label[start] = next;
    while (sp > 0) {
      const i = stack[--sp]!;
      const x = i % mapW;
      const y = (i - x) / mapW;
      count++;
      sum += prob[i]!;
      const lo = rowMin.get(y);
      if (lo === undefined || x < lo) rowMin.set(y, x);
      const hi = rowMax.get(y);
      if (hi === undefined || x > hi) rowMax.set(y, x);
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= mapH) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= mapW || (dx === 0 && dy === 0)) continue;
          const j = yy * mapW + xx;
          if (label[j] === 0 && prob[j]! > p.thresh) {
            label[j] = next;
            stack[sp++] = j;
          }
        }
      }
    }
    if (count < 4) continue;
    const score = sum / count;
    if (score < p.boxThresh) continue;
    const pts: Point[] = [];
    for (const [y, x0] of rowMin) {
      const x1 = rowMax.get(y)! + 1;
      pts.push([x0, y], [x0, y + 1], [x1, y], [x1, y + 1]);
    }
    const rect = minAreaRect(convexHull(pts));
    if (Math.min(rect.w, rect.h) < p.minSize) continue;
    const grown = unclip(rect, p.unclipRatio);
    if (Math.min(grown.w, grown.h) < p.minSize + 2) continue;
    const quad = rectCorners(grown).map(([x, y]) => [clamp(x * sx, 0, imgW), clamp(y * sy, 0, imgH)] as Point) as Quad;
    boxes.push({ quad, score });
  }
  return boxes;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
