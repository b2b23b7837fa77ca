// Pictures found from the page itself, caption or not: painted images over a size threshold and
// clusters of vector drawing. Captioned figures are found first (regions.ts); what is drawn outside
// them is looked at here. A book's cartoons and diagrams, a paper's model drawings and a slide's
// photos carry no "Figure n" caption and were invisible before.
import type { BBox } from '../types.js';
import type { WorkBlock } from './blocks.js';
import type { PageLayout } from './page-layout.js';
import { isPictureSized } from './picture-size.js';
import { union } from './regions.js';

export interface FoundPicture {
  bbox: BBox;
  kind: 'raster' | 'vector';
  /** The blocks set inside the picture (labels drawn with it). */
  blockIds: string[];
  /** The sentence on the page that refers to it ("this is the picture…", "the diagram below"), if any. */
  mention?: string;
}

/** Paths in a cluster before it can be a drawing: fewer are boxes, rules and underlines. */
const VECTOR_MIN_PATHS = 12;
/** Share of a drawing's area body text may cover: more is a shaded text box or a code listing. */
const MAX_TEXT_COVER = 0.3;

/** A sentence that points at a picture. */
export const REFERS =
  /\b(picture|pictured|image|illustrat\w*|drawing|drawn|cartoon|comic|diagram|chart|graph|photo\w*|figure|map|sketch|shown|depicted|below|above|following|here is|this is)\b/i;

/**
 * The page's pictures outside `taken` (the boxes of its captioned figures and tables), in page
 * order, top to bottom.
 */
export function findPictures(layout: PageLayout, blocks: readonly WorkBlock[], taken: readonly BBox[], bodySize: number, textDocument = false): FoundPicture[] {
  // A page-sized image with no text on its page, in a document whose pages have text, is a
  // picture too: a book's cover or a plate (in a scanned document it is a scanned page). Under
  // text it is a backdrop, or a scan with an OCR layer.
  const cover = textDocument && layout.chars < 5;
  const graphics = [...(layout.graphics ?? []), ...(cover ? (layout.backgrounds ?? []) : []).map((bbox) => ({ kind: 'image' as const, bbox }))];
  if (graphics.length === 0) return [];
  const W = layout.width;
  const H = layout.height;
  const free = (b: BBox): boolean => !taken.some((t) => overlap(b, t) > 0.3 * area(b));
  const textLines = layout.segments.filter((s) => !s.vertical);
  const textCover = (b: BBox): number => {
    let covered = 0;
    for (const s of textLines) {
      // Only running text hides a picture: labels in a drawing are short and small.
      if (s.text.length < 25 || s.size < 0.85 * bodySize) continue;
      covered += overlap([s.x0, s.y0, s.x1, s.y1], b);
    }
    return covered / Math.max(1, area(b));
  };

  const found: { bbox: BBox; kind: 'raster' | 'vector' }[] = [];
  // Images: each one over the size threshold; images that touch or overlap make one picture
  // (a photo and its frame, tiles of one scan).
  const images = mergeTouching(graphics.filter((g) => g.kind === 'image' && free(g.bbox)).map((g) => g.bbox), 1);
  for (const b of images) {
    if (!isPictureSized(b, W, H)) continue;
    if (textCover(b) > MAX_TEXT_COVER) continue; // a background under text, not a picture
    // A page-filling image on a page with no text is a scan: its text is OCR's to read (a slide
    // with a photo under its title, 10 characters, keeps the photo).
    if (area(b) > 0.6 * W * H && layout.chars < 5 && !cover) continue;
    found.push({ bbox: b, kind: 'raster' });
  }
  // Drawings: paths clustered by nearness, with enough strokes and shapes that they are not a
  // table's rules or a box around text.
  const paths = graphics.filter((g) => g.kind === 'path' && free(g.bbox) && !found.some((f) => overlap(g.bbox, f.bbox) > 0.5 * area(g.bbox)));
  for (const cluster of clusters(
    paths.map((g) => g.bbox),
    0.8 * bodySize,
  )) {
    if (cluster.members.length < VECTOR_MIN_PATHS) continue;
    const b = cluster.bbox;
    if (!isPictureSized(b, W, H)) continue;
    // A table's grid is made of straight rules; a drawing has shapes (curves, boxes, arrows).
    const shapes = cluster.members.filter((m) => m[2] - m[0] > 3 && m[3] - m[1] > 3 && area(m) < 0.5 * area(b)).length;
    if (shapes < 3) continue;
    if (textCover(b) > MAX_TEXT_COVER) continue;
    found.push({ bbox: b, kind: 'vector' });
  }
  found.sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);

  const out: FoundPicture[] = [];
  for (const f of found) {
    const inside = blocks.filter(
      (x) => (x.type === 'paragraph' || x.type === 'list-item') && x.text.length < 200 && contains(f.bbox, x.bbox, 2),
    );
    const mention = mentionOf(f.bbox, blocks, inside);
    out.push({ bbox: f.bbox.map((v) => Math.round(v * 100) / 100) as BBox, kind: f.kind, blockIds: inside.map((x) => x.id), ...(mention ? { mention } : {}) });
  }
  return out;
}

/** The referring sentence nearest the picture, from the page's own body text. */
function mentionOf(pic: BBox, blocks: readonly WorkBlock[], inside: readonly WorkBlock[]): string | undefined {
  let best: { text: string; d: number } | undefined;
  for (const b of blocks) {
    if (b.type !== 'paragraph' && b.type !== 'list-item') continue;
    if (inside.includes(b)) continue;
    const d = b.bbox[3] <= pic[1] ? pic[1] - b.bbox[3] : b.bbox[1] >= pic[3] ? b.bbox[1] - pic[3] : 0;
    for (const s of sentences(b.text)) {
      if (!REFERS.test(s)) continue;
      // Text above the picture leads into it; text below is a little further in reading.
      const dd = d + (b.bbox[1] >= pic[3] ? 20 : 0);
      if (!best || dd < best.d) best = { text: s, d: dd };
    }
  }
  return best?.text;
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…]["”’)]?)\s+(?=[A-Z“"‘(])/u)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

interface Cluster {
  bbox: BBox;
  members: BBox[];
}

/** Boxes grouped by single linkage: two are together when they come within `gap` of each other. */
function clusters(boxes: readonly BBox[], gap: number): Cluster[] {
  const n = boxes.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  // Sorted by left edge, a box is compared only with those that start before its right edge + gap.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => boxes[a]![0] - boxes[b]![0]);
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi]!;
    const a = boxes[i]!;
    for (let oj = oi + 1; oj < n; oj++) {
      const j = order[oj]!;
      const b = boxes[j]!;
      if (b[0] > a[2] + gap) break;
      if (b[1] <= a[3] + gap && a[1] <= b[3] + gap) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, BBox[]>();
  boxes.forEach((b, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(b);
    else groups.set(r, [b]);
  });
  return [...groups.values()].map((members) => ({ members, bbox: union(members) }));
}

function mergeTouching(boxes: readonly BBox[], gap: number): BBox[] {
  return clusters(boxes, gap).map((c) => c.bbox);
}

function area(b: BBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

function overlap(a: BBox, b: BBox): number {
  return Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
}

function contains(outer: BBox, inner: BBox, tol: number): boolean {
  return inner[0] >= outer[0] - tol && inner[1] >= outer[1] - tol && inner[2] <= outer[2] + tol && inner[3] <= outer[3] + tol;
}
