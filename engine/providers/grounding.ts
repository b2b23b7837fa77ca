// Boxes in model text, per model family, all brought to 0–1000 of the image (the one system Folio
// uses toward and from models), then mapped to source coordinates (PDF points or image pixels).
// - GLM-4.5V / GLM-5V: `<|begin_of_box|>[[x1,y1,x2,y2]]<|end_of_box|>`, 0–1000 of the image.
// - Qwen2.5-VL: `{"bbox_2d": [x1,y1,x2,y2]}` in absolute pixels of the image as its processor
//   resized it (smart_resize: sides rounded to multiples of 28 within a pixel budget), so they are
//   converted with the size of the image that was sent (QwenLM/Qwen2.5-VL#676, #721).
// - Qwen2-VL, Qwen3-VL and others: 0–1000 like GLM.
// Boxes outside the range are reported, not dropped silently.

export interface GroundedBox {
  label?: string;
  /** [x0, y0, x1, y1] as the model wrote it (0–1000). */
  box: [number, number, number, number];
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const QUAD = new RegExp(String.raw`[\[(<{]\s*(${NUM})\s*,\s*(${NUM})\s*,\s*(${NUM})\s*,\s*(${NUM})\s*[\])>}]`, 'g');

export type BoxFormat = 'norm1000' | 'qwen25-pixels';

/** Which convention a model writes its boxes in, from its id (any server: Ollama, vLLM, hosted). */
export function boxFormatFor(model: string): BoxFormat {
  return /qwen2[._-]?5[._-]?vl|qwen2\.5-vl/i.test(model) ? 'qwen25-pixels' : 'norm1000';
}

/** Qwen2.5-VL's smart_resize (qwen_vl_utils): the size its processor gives an image before the model sees it. */
export function qwenResizedSize(width: number, height: number, minPixels = 4 * 28 * 28, maxPixels = 16384 * 28 * 28): { width: number; height: number } {
  const f = 28;
  let h = Math.max(f, Math.round(height / f) * f);
  let w = Math.max(f, Math.round(width / f) * f);
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    h = Math.max(f, Math.floor(height / beta / f) * f);
    w = Math.max(f, Math.floor(width / beta / f) * f);
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / f) * f;
    w = Math.ceil((width * beta) / f) * f;
  }
  return { width: w, height: h };
}

export interface BoxOptions {
  format?: BoxFormat;
  /** Size of the image as sent to the model (needed for pixel boxes). */
  imageSize?: { width: number; height: number };
  /** Boxes outside the range are pushed here (as written), with why. */
  rejected?: { box: number[]; why: string }[];
}

function normaliseBox(nums: number[], opts: BoxOptions): [number, number, number, number] | null {
  if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n))) return null;
  let [a, b, c, d] = nums as [number, number, number, number];
  let range = '0–1000';
  if (opts.format === 'qwen25-pixels') {
    if (!opts.imageSize) {
      opts.rejected?.push({ box: nums, why: 'pixel box without the size of the image sent' });
      return null;
    }
    const r = qwenResizedSize(opts.imageSize.width, opts.imageSize.height);
    range = `0–${r.width} × 0–${r.height} px`;
    if (Math.max(a, c) > r.width + 1 || Math.max(b, d) > r.height + 1) {
      opts.rejected?.push({ box: nums, why: `outside the ${range} of the image as the model saw it` });
      return null;
    }
    [a, b, c, d] = [(a / r.width) * 1000, (b / r.height) * 1000, (c / r.width) * 1000, (d / r.height) * 1000].map((v) => Math.round(Math.min(1000, v) * 10) / 10) as [number, number, number, number];
  }
  const box: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  if (box[0] < 0 || box[1] < 0 || box[2] > 1000 || box[3] > 1000) {
    opts.rejected?.push({ box: nums, why: `outside ${range}` });
    return null;
  }
  if (box[2] === box[0] || box[3] === box[1]) {
    opts.rejected?.push({ box: nums, why: 'empty (zero width or height)' });
    return null;
  }
  return box;
}

/** Model text without box and reference tokens (GLM's, Qwen's), for captions and prose. */
export function stripBoxTokens(text: string): string {
  return text
    .replace(/<\|begin_of_box\|>[\s\S]*?<\|end_of_box\|>/g, '')
    .replace(/<\|box_start\|>[\s\S]*?<\|box_end\|>/g, '')
    .replace(/<\|(?:begin_of_box|end_of_box|box_start|box_end|object_ref_start|object_ref_end|quad_start|quad_end)\|>/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

function fromJson(value: unknown, opts: BoxOptions): GroundedBox[] {
  const items = Array.isArray(value) ? value : [value];
  const out: GroundedBox[] = [];
  for (const it of items) {
    if (!it || typeof it !== 'object') continue;
    const o = it as Record<string, unknown>;
    const raw = o.bbox_2d ?? o.bbox ?? o.box;
    if (!Array.isArray(raw)) continue;
    const box = normaliseBox(raw.map(Number), opts);
    if (box) out.push({ ...(typeof o.label === 'string' ? { label: o.label } : {}), box });
  }
  return out;
}

/** All boxes in a model's answer, in order of appearance, in 0–1000 of the image. */
export function parseBoxes(text: string, opts: BoxOptions = {}): GroundedBox[] {

  // JSON first: a fenced or bare array of {label, bbox_2d}.
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  for (const candidate of [fenced?.[1], text.trim()]) {
    if (!candidate || !/bbox/.test(candidate)) continue;
    try {
      const found = fromJson(JSON.parse(candidate), opts);
      if (found.length) return found;
    } catch {
      // Not JSON as a whole; fall through to the bracket scan, which also finds JSON arrays' boxes.
    }
  }
  const spans: string[] = [];
  const marked = [...text.matchAll(/<\|(?:begin_of_box|box_start)\|>([\s\S]*?)<\|(?:end_of_box|box_end)\|>/g)];
  if (marked.length) spans.push(...marked.map((m) => m[1] ?? ''));
  else spans.push(text);
  const out: GroundedBox[] = [];
  for (const s of spans) {
    for (const m of s.matchAll(QUAD)) {
      const box = normaliseBox([m[1], m[2], m[3], m[4]].map(Number), opts);
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
