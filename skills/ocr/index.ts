// ocr: images / PDF pages → ocr.md (reading order) + ocr.json (boxes, confidences).
import path from 'node:path';
import { z } from 'zod';
import { mdLine } from '../../engine/export/markdown/escape.js';
import { writeJsonAtomic, writeTextAtomic } from '../lib/output.js';
import { ocrInput, parsePageList, type OcrPage } from '../lib/ocr.js';
import { defineSkill } from '../types.js';

export default defineSkill({
  id: 'ocr',
  inputSchema: z.object({ pages: z.union([z.string(), z.number()]).optional(), dpi: z.coerce.number().int().min(50).max(600).default(200) }),
  async run(ctx) {
    const pageList = parsePageList(ctx.options.pages === undefined ? undefined : String(ctx.options.pages));
    const pages: OcrPage[] = [];
    for (const input of ctx.inputs) pages.push(...(await ocrInput(ctx, input, { pages: pageList, dpi: ctx.options.dpi })));
    const md: string[] = [];
    for (const p of pages) {
      md.push(`## ${mdLine(p.source)}${pages.filter((q) => q.source === p.source).length > 1 || p.page > 1 ? `, page ${p.page}` : ''}`, '');
      const blocks = p.frame.result.blocks;
      if (blocks.length === 0) md.push('*(no text found)*', '');
      for (const b of blocks) md.push(b.lines.map((l) => mdLine(l)).join('  \n'), '');
    }
    const json = {
      generator: 'Folio OCR (PP-OCRv4, onnxruntime)',
      pages: pages.map((p) => ({
        source: p.source,
        page: p.page,
        width: p.frame.result.width,
        height: p.frame.result.height,
        unit: 'px',
        ...(p.pointsPerPixel ? { pointsPerPixel: p.pointsPerPixel } : {}),
        providers: p.frame.result.providers,
        text: p.frame.result.text,
        blocks: p.frame.result.blocks.map((b) => ({ text: b.text, bbox: b.bbox, confidence: b.confidence, lines: b.lineIndices })),
        lines: p.frame.result.lines.map((l) => ({ text: l.text, bbox: l.bbox, quad: l.quad, confidence: l.confidence })),
      })),
    };
    const mdFile = path.join(ctx.outDir, 'ocr.md');
    const jsonFile = path.join(ctx.outDir, 'ocr.json');
    await writeJsonAtomic(jsonFile, json);
    await writeTextAtomic(mdFile, md.join('\n'));
    const lines = pages.reduce((n, p) => n + p.frame.result.lines.length, 0);
    return {
      outputs: [
        { kind: 'markdown', path: mdFile, label: 'Text (Markdown)' },
        { kind: 'json', path: jsonFile, label: 'Boxes (JSON)' },
      ],
      summary: `Read ${lines} lines on ${pages.length} page${pages.length === 1 ? '' : 's'}`,
    };
  },
});
