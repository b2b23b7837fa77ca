// visual-grounding: image + request → boxes (pixels and 0–1000) + annotated PNG.
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { z } from 'zod';
import { boxFormatFor, parseBoxes, toSourceBox } from '../../engine/providers/grounding.js';
import { imageSize } from '../../engine/providers/images.js';
import type { OcrLine } from '../../engine/models/ocr/layout.js';
import { wordTokens } from '../../engine/text/tokens.js';
import { writeJsonAtomic, writeTextAtomic } from '../lib/output.js';
import { ocrInput } from '../lib/ocr.js';
import { imagePart, modelProvider } from '../lib/vision.js';
import { defineSkill } from '../types.js';
import { encodeCanvas } from '../../engine/models/raster/encode.js';

type Box = [number, number, number, number];
export interface Grounded {
  label: string;
  text?: string;
  bbox: Box;
  bbox_1000: Box;
  score: number;
}

const FILLER = new Set('a an the of in on at to for and or with find show me where is are all every each mention mentions box boxes locate please text word words'.split(' '));

/** Offline grounding: a quoted phrase exactly, else the lines sharing the most request words. */
export function groundInText(request: string, lines: readonly OcrLine[], max: number): Omit<Grounded, 'bbox_1000'>[] {
  const quoted = /["“'‘]([^"”'’]{2,})["”'’]/.exec(request)?.[1];
  const out: Omit<Grounded, 'bbox_1000'>[] = [];
  if (quoted) {
    const q = quoted.toLowerCase();
    for (const l of lines) {
      const t = l.text.toLowerCase();
      let at = t.indexOf(q);
      while (at >= 0 && out.length < max) {
        // Narrow the box to the phrase by its share of the line's characters.
        const w = l.bbox[2] - l.bbox[0];
        const x0 = l.bbox[0] + (w * at) / t.length;
        const x1 = l.bbox[0] + (w * (at + q.length)) / t.length;
        out.push({ label: quoted, text: l.text.slice(at, at + q.length), bbox: [round(x0), l.bbox[1], round(x1), l.bbox[3]], score: 1 });
        at = t.indexOf(q, at + q.length);
      }
    }
    return out;
  }
  const want = [...new Set(wordTokens(request).filter((w) => w.length > 1 && !FILLER.has(w)))];
  if (want.length === 0) return [];
  const scored = lines
    .map((l) => {
      const have = new Set(wordTokens(l.text));
      const hits = want.filter((w) => have.has(w) || [...have].some((h) => h.length > 3 && (h.startsWith(w) || w.startsWith(h))));
      return { l, score: hits.length / want.length };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.l.bbox[1] - b.l.bbox[1]);
  const best = scored[0]?.score ?? 0;
  for (const { l, score } of scored) {
    if (out.length >= max || score < Math.max(0.5, best * 0.75)) break;
    out.push({ label: request, text: l.text, bbox: l.bbox, score: Math.round(score * 100) / 100 });
  }
  return out;
}

const round = (v: number) => Math.round(v * 10) / 10;
const to1000 = (b: Box, w: number, h: number): Box => [Math.round((b[0] / w) * 1000), Math.round((b[1] / h) * 1000), Math.round((b[2] / w) * 1000), Math.round((b[3] / h) * 1000)];

export default defineSkill({
  id: 'visual-grounding',
  inputSchema: z.object({ 'max-boxes': z.coerce.number().int().min(1).max(100).default(10) }),
  async run(ctx) {
    const input = ctx.inputs[0]!;
    const request = ctx.goal ?? '';
    const model = modelProvider(ctx.provider);
    const [page] = await ocrInput(ctx, input, { pages: [1], wantPng: true });
    const r = page!.frame.result;
    const W = r.width;
    const H = r.height;
    let boxes: Grounded[];
    let how: string;
    if (model) {
      ctx.emit({ type: 'tool-call', message: `asking ${model.model} to ground “${request}”` });
      const part = await imagePart(input, page!.frame.png);
      // Each family's own boxes: GLM 0–1000, Qwen2.5-VL pixels of the image as sent (after Folio's own downscaling).
      const format = boxFormatFor(model.model);
      const raw = part.type === 'image' ? imageSize(part.data) : null;
      const fit = raw ? Math.min(1, model.limits.maxImageSide / Math.max(raw.width, raw.height)) : 1;
      const sent = raw ? { width: Math.floor(raw.width * fit), height: Math.floor(raw.height * fit) } : undefined;
      const answer = await model.complete(
        {
          system:
            format === 'qwen25-pixels'
              ? 'You locate things in images. Answer only with a JSON array [{"label": string, "bbox_2d": [x1, y1, x2, y2]}] in pixel coordinates of the image.'
              : 'You locate things in images. Answer only with a JSON array [{"label": string, "bbox_2d": [x1, y1, x2, y2]}] in coordinates normalised to 0–1000.',
          messages: [{ role: 'user', content: [part, { type: 'text', text: `Locate: ${request}` }] }],
        },
        { signal: ctx.signal },
      );
      const rejected: { box: number[]; why: string }[] = [];
      boxes = parseBoxes(answer, { format, ...(sent ? { imageSize: sent } : {}), rejected })
        .slice(0, ctx.options['max-boxes'])
        .map((g) => {
          const clamp = g.box.map((v) => Math.max(0, Math.min(1000, v))) as Box;
          return { label: g.label ?? request, bbox: toSourceBox(clamp, W, H), bbox_1000: clamp, score: 1 };
        });
      const seen = new Set<string>();
      for (const r of rejected) {
        const key = JSON.stringify(r.box);
        if (seen.has(key)) continue;
        seen.add(key);
        ctx.emit({ type: 'warning', message: `${model.model} gave a box ${key} ${r.why}: left out` });
      }
      how = `grounded by ${model.model}`;
    } else {
      boxes = groundInText(request, r.lines, ctx.options['max-boxes']).map((b) => ({ ...b, bbox_1000: to1000(b.bbox, W, H) }));
      how = 'offline: grounded in the text found by OCR (objects without text need a vision-language model)';
    }
    // Draw on the image that was read (at working size: boxes scale by the frame's factor).
    const img = await loadImage(Buffer.from(page!.frame.png!));
    const canvas = createCanvas(img.width, img.height);
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const s = img.width / W;
    g.lineWidth = Math.max(2, Math.round(img.width / 400));
    g.font = `bold ${Math.max(14, Math.round(img.width / 60))}px sans-serif`;
    boxes.forEach((b, i) => {
      const [x0, y0, x1, y1] = b.bbox.map((v) => v * s) as Box;
      g.strokeStyle = '#e4572e';
      g.strokeRect(x0, y0, x1 - x0, y1 - y0);
      g.fillStyle = '#e4572e';
      const tag = String(i + 1);
      const tw = g.measureText(tag).width + 8;
      const th = Math.max(18, Math.round(img.width / 50));
      g.fillRect(x0, Math.max(0, y0 - th), tw, th);
      g.fillStyle = '#ffffff';
      g.fillText(tag, x0 + 4, Math.max(th - 4, y0 - 4));
    });
    const pngFile = path.join(ctx.outDir, 'annotated.png');
    const jsonFile = path.join(ctx.outDir, 'boxes.json');
    await writeTextAtomic(pngFile, await encodeCanvas(canvas, 'png'));
    await writeJsonAtomic(jsonFile, { request, source: path.basename(input), width: W, height: H, unit: 'px', generator: how, boxes });
    return {
      outputs: [
        { kind: 'json', path: jsonFile, label: 'Boxes (JSON)' },
        { kind: 'png', path: pngFile, label: 'Annotated image (PNG)' },
      ],
      summary: boxes.length ? `Found ${boxes.length} box${boxes.length === 1 ? '' : 'es'} for “${request}”` : `Nothing found for “${request}” (${how})`,
    };
  },
});
