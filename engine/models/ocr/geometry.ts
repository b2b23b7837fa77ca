// Plane geometry for OCR boxes: convex hull, minimum-area rotated rectangle, unclip (growing a
// box by the DB offset distance) and the perspective map used to cut a rotated box out of a page.

export type Point = [number, number];
/** Four corners: top-left, top-right, bottom-right, bottom-left (in reading direction). */
export type Quad = [Point, Point, Point, Point];

/** Andrew's monotone chain; returns the hull counter-clockwise without repeating the first point. */
export function convexHull(points: Point[]): Point[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length <= 2) return p;
  const cross = (o: Point, a: Point, b: Point): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Point[] = [];
  for (const pt of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, pt) <= 0) lower.pop();
    lower.push(pt);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const pt = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, pt) <= 0) upper.pop();
    upper.push(pt);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

export interface RotatedRect {
  cx: number;
  cy: number;
  /** Side along the direction `angle` (radians). */
  w: number;
  h: number;
  angle: number;
}

/** The smallest rectangle around a convex hull (one side lies on a hull edge: rotating calipers). */
export function minAreaRect(hull: Point[]): RotatedRect {
  if (hull.length === 0) return { cx: 0, cy: 0, w: 0, h: 0, angle: 0 };
  let best: RotatedRect | null = null;
  let bestArea = Infinity;
  const n = hull.length;
  // Axis-aligned first: ties (common for horizontal text) then keep an upright box.
  const dirs: [number, number][] = [[1, 0]];
  for (let i = 0; i < n; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % n]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (len > 1e-9) dirs.push([(b[0] - a[0]) / len, (b[1] - a[1]) / len]);
  }
  for (const [ux, uy] of dirs) {
    let minU = Infinity;
    let maxU = -Infinity;
    let minV = Infinity;
    let maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy;
      const v = -x * uy + y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (area < bestArea * 0.999) {
      bestArea = area;
      const cu = (minU + maxU) / 2;
      const cv = (minV + maxV) / 2;
      best = { cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, w: maxU - minU, h: maxV - minV, angle: Math.atan2(uy, ux) };
    }
  }
  return normaliseRect(best!);
}

/** Makes `w` the longer, more horizontal side so text boxes read left to right. */
function normaliseRect(r: RotatedRect): RotatedRect {
  let { w, h, angle } = r;
  // Bring the angle into (-45°, 45°] by swapping sides.
  while (angle > Math.PI / 4) {
    angle -= Math.PI / 2;
    [w, h] = [h, w];
  }
  while (angle <= -Math.PI / 4) {
    angle += Math.PI / 2;
    [w, h] = [h, w];
  }
  return { ...r, w, h, angle };
}

/** DB "unclip": grows the box by area × ratio / perimeter on every side (Vatti offset of a rectangle). */
export function unclip(r: RotatedRect, ratio: number): RotatedRect {
  const perimeter = 2 * (r.w + r.h);
  if (perimeter <= 0) return r;
  const d = (r.w * r.h * ratio) / perimeter;
  return { ...r, w: r.w + 2 * d, h: r.h + 2 * d };
}

export function rectCorners(r: RotatedRect): Quad {
  const c = Math.cos(r.angle);
  const s = Math.sin(r.angle);
  const hw = r.w / 2;
  const hh = r.h / 2;
  const at = (u: number, v: number): Point => [r.cx + u * c - v * s, r.cy + u * s + v * c];
  return [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)];
}

export function quadBounds(q: Quad): [number, number, number, number] {
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/**
 * The homography mapping the unit-free rectangle [0,w]×[0,h] onto the quad (tl, tr, br, bl):
 * returns a function (u, v) → (x, y). Solved as the 8×8 linear system of the four correspondences.
 */
export function perspectiveMap(q: Quad, w: number, h: number): (u: number, v: number) => Point {
  const src: Point[] = [[0, 0], [w, 0], [w, h], [0, h]];
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [u, v] = src[i]!;
    const [x, y] = q[i]!;
    A.push([u, v, 1, 0, 0, 0, -u * x, -v * x]);
    b.push(x);
    A.push([0, 0, 0, u, v, 1, -u * y, -v * y]);
    b.push(y);
  }
  const m = solve(A, b);
  if (!m) {
    // Degenerate quad: fall back to the affine map of its first three corners.
    const [p0, p1, , p3] = q;
    return (u, v) => [p0[0] + ((p1[0] - p0[0]) * u) / w + ((p3[0] - p0[0]) * v) / h, p0[1] + ((p1[1] - p0[1]) * u) / w + ((p3[1] - p0[1]) * v) / h];
  }
  const [a, bb, c, d, e, f, g, hh] = m as [number, number, number, number, number, number, number, number];
  return (u, v) => {
    const den = g * u + hh * v + 1;
    return [(a * u + bb * v + c) / den, (d * u + e * v + f) / den];
  };
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[piv]![col]!)) piv = r;
    if (Math.abs(M[piv]![col]!) < 1e-12) return null;
    [M[col], M[piv]] = [M[piv]!, M[col]!];
    const pr = M[col]!;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = M[r]!;
      const f = row[col]! / pr[col]!;
      if (f === 0) continue;
      for (let k = col; k <= n; k++) row[k]! -= f * pr[k]!;
    }
  }
  return M.map((row, i) => row[n]! / row[i]!);
}
