// image-caption: image → caption (offline: from OCR and layout, and says so; with a model: real).
import path from 'node:path';
import { z } from 'zod';
import type { OcrPageResult } from '../../engine/models/ocr/pipeline.js';
import { writeJsonAtomic, writeTextAtomic } from '../lib/output.js';
import { ocrInput } from '../lib/ocr.js';
import { stripBoxTokens } from '../../engine/providers/grounding.js';
import { imagePart, modelProvider } from '../lib/vision.js';
import { defineSkill } from '../types.js';
import { mdEscape, mdLine } from '../../engine/export/markdown/escape.js';

export type ImageKind = 'chart' | 'table' | 'screenshot' | 'document page' | 'photo or illustration' | 'image with text';

/** What the text layout says about the image. */
export function describeLayout(r: OcrPageResult): { kind: ImageKind; title?: string; words: number; numericShare: number } {
  const lines = r.lines.filter((l) => l.text.trim() !== '');
  const words = lines.reduce((n, l) => n + l.text.split(/\s+/).filter(Boolean).length, 0);
  const numeric = lines.filter((l) => /^[\s\d.,%$€£+\-–−()x×kKmMbB]+$/.test(l.text)).length;
  const numericShare = lines.length ? numeric / lines.length : 0;
  const area = r.width * r.height;
  const covered = lines.reduce((a, l) => a + (l.bbox[2] - l.bbox[0]) * (l.bbox[3] - l.bbox[1]), 0) / Math.max(1, area);
  const avgWords = lines.length ? words / lines.length : 0;
  // Columns: distinct left edges shared by several lines.
  const lefts = new Map<number, number>();
  for (const l of lines) {
    const k = Math.round(l.bbox[0] / (r.width / 40));
    lefts.set(k, (lefts.get(k) ?? 0) + 1);
  }
  const columns = [...lefts.values()].filter((c) => c >= 4).length;
  let kind: ImageKind;
  if (lines.length < 3) kind = 'photo or illustration';
  else if (numericShare >= 0.3 && covered < 0.2) kind = 'chart';
  else if (columns >= 3 && avgWords < 6 && lines.length >= 12) kind = 'table';
  else if (avgWords >= 7 && lines.length >= 10) kind = 'document page';
  else if (avgWords < 4 && lines.length >= 8 && r.width / r.height > 1.2) kind = 'screenshot';
  else kind = 'image with text';
  // Title: the tallest line in the top third, if clearly taller than the median.
  const heights = lines.map((l) => l.bbox[3] - l.bbox[1]).sort((a, b) => a - b);
  const med = heights[Math.floor(heights.length / 2)] ?? 0;
  const top = lines.filter((l) => l.bbox[1] < r.height / 3 && l.text.split(/\s+/).length >= 2).sort((a, b) => b.bbox[3] - b.bbox[1] - (a.bbox[3] - a.bbox[1]))[0];
  const title = top && top.bbox[3] - top.bbox[1] >= 1.25 * med ? top.text.trim() : undefined;
  return { kind, ...(title ? { title } : {}), words, numericShare };
}

export function offlineCaption(file: string, r: OcrPageResult): string {
  const d = describeLayout(r);
  const article = /^[aeiou]/.test(d.kind) ? 'An' : 'A';
  const parts = [`${article} ${d.kind} (${r.width}×${r.height} px)${d.title ? ` titled “${d.title}”` : ''}`];
  if (d.words === 0) parts.push('with no readable text');
  else {
    const sample = r.lines
      .map((l) => l.text.trim())
      .filter((t) => t && t !== d.title)
      .slice(0, 6)
      .map((t) => (t.length > 40 ? `${t.slice(0, 40)}…` : t));
    parts.push(`showing ${d.words} words of text${sample.length ? `, among them “${sample.join('”, “')}”` : ''}`);
  }
  return `${parts.join(', ')}.`;
}

export default defineSkill({
  id: 'image-caption',
  inputSchema: z.object({ style: z.enum(['short', 'detailed']).default('short') }),
  async run(ctx) {
    const model = modelProvider(ctx.provider);
    const results = [];
    for (const input of ctx.inputs) {
      const [page] = await ocrInput(ctx, input, { pages: [1], wantPng: model !== null });
      const r = page!.frame.result;
      const d = describeLayout(r);
      let caption: string;
      let how: string;
      if (model) {
        ctx.emit({ type: 'tool-call', message: `asking ${model.model} to caption ${path.basename(input)}` });
        const ask = ctx.options.style === 'short' ? 'Write one sentence that captions this image, as a figure caption would.' : 'Write a figure caption (one sentence), then a short paragraph describing what the image shows.';
        caption = (
          await model.complete(
            {
              system: 'You caption images for research reports. Be specific and factual; do not speculate beyond what is visible.',
              messages: [
                {
                  role: 'user',
                  content: [
                    await imagePart(input, page!.frame.png),
                    { type: 'text', text: `${ask}${ctx.goal ? ` Focus: ${ctx.goal}.` : ''}\nOCR text found in the image (may contain errors):\n${r.text.slice(0, 2000)}` },
                  ],
                },
              ],
            },
            { signal: ctx.signal },
          )
        ).trim();
        // No GLM/Qwen box tokens left in a caption.
        caption = stripBoxTokens(caption);
        how = `written by ${model.model} from the image`;
      } else {
        caption = offlineCaption(path.basename(input), r);
        how = 'offline: described from OCR and layout only; configure a vision-language model for a real caption';
      }
      results.push({ source: path.basename(input), caption, kind: d.kind, ...(d.title ? { title: d.title } : {}), width: r.width, height: r.height, text: r.text, generator: how });
    }
    const json = path.join(ctx.outDir, 'captions.json');
    const md = path.join(ctx.outDir, 'captions.md');
    await writeJsonAtomic(json, { captions: results });
    // File names, OCR'd words and model output are data: escaped so they cannot become markup.
    await writeTextAtomic(md, results.map((x) => `## ${mdLine(x.source)}\n\n${mdEscape(x.caption)}\n\n*${mdLine(x.generator)}*\n`).join('\n'));
    return {
      outputs: [
        { kind: 'json', path: json, label: 'Captions (JSON)' },
        { kind: 'markdown', path: md, label: 'Captions (Markdown)' },
      ],
      summary: results.length === 1 ? results[0]!.caption : `Captioned ${results.length} images`,
    };
  },
});
