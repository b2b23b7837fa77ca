// Boxes in model text, GLM-V convention: `<|begin_of_box|>[x0,y0,x1,y1]<|end_of_box|>`, bare brackets
// of any style, or JSON `[{"label": …, "bbox_2d": [x0,y0,x1,y1]}]`, all normalised 0–1000; mapped to
// source coordinates (PDF points or image pixels, top-left origin).

export interface GroundedBox {
  label?: string;
  /** [x0, y0, x1, y1] as the model wrote it (0–1000). */
  box: [number, number, number, number];
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const QUAD = new RegExp(String.raw`[\[(<{]\s*(${NUM})\s*,\s*(${NUM})\s*,\s*(${NUM})\s*,\s*(${NUM})\s*[\])>}]`, 'g');

function normaliseBox(nums: number[]): [number, number, number, number] | null {
  if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n))) return null;
  const [a, b, c, d] = nums as [number, number, number, number];
  const box: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  if (box[0] < 0 || box[1] < 0 || box[2] > 1000 || box[3] > 1000 || box[2] === box[0] || box[3] === box[1]) return null;
  return box;
}

function fromJson(value: unknown): GroundedBox[] {
  const items = Array.isArray(value) ? value : [value];
  const out: GroundedBox[] = [];
  for (const it of items) {
    if (!it || typeof it !== 'object') continue;
    const o = it as Record<string, unknown>;
    const raw = o.bbox_2d ?? o.bbox ?? o.box;
    if (!Array.isArray(raw)) continue;
    const box = normaliseBox(raw.map(Number));
    if (box) out.push({ ...(typeof o.label === 'string' ? { label: o.label } : {}), box });
  }
  return out;
}

/** All boxes in a model's answer, in order of appearance. */
export function parseBoxes(text: string): GroundedBox[] {
  // JSON first: a fenced or bare array of {label, bbox_2d}.
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  for (const candidate of [fenced?.[1], text.trim()]) {
    if (!candidate || !/bbox/.test(candidate)) continue;
    try {
      const found = fromJson(JSON.parse(candidate));
      if (found.length) return found;
    } catch {
      // Not JSON as a whole; fall through to the bracket scan, which also finds JSON arrays' boxes.
    }
  }
  const spans: string[] = [];
  const marked = [...text.matchAll(/<\|begin_of_box\|>([\s\S]*?)<\|end_of_box\|>/g)];
  if (marked.length) spans.push(...marked.map((m) => m[1] ?? ''));
  else spans.push(text);
  const out: GroundedBox[] = [];
  for (const s of spans) {
    for (const m of s.matchAll(QUAD)) {
      const box = normaliseBox([m[1], m[2], m[3], m[4]].map(Number));
      if (!box) continue;
      // A label written just before the box in JSON form: "label": "Figure 2", "bbox_2d": [...]
      const before = s.slice(Math.max(0, (m.index ?? 0) - 120), m.index);
      const label = before.match(/"label"\s*:\s*"([^"]*)"[^"]*"bbox_2d"\s*:\s*$/)?.[1];
      out.push({ ...(label !== undefined ? { label } : {}), box });
    }
  }
  return out;
}

/** Maps a 0–1000 box onto a page or image of the given size (points or pixels). */
export function toSourceBox(box: readonly [number, number, number, number], width: number, height: number): [number, number, number, number] {
  const r = (v: number): number => Math.round(v * 100) / 100;
  return [r((box[0] / 1000) * width), r((box[1] / 1000) * height), r((box[2] / 1000) * width), r((box[3] / 1000) * height)];
}
