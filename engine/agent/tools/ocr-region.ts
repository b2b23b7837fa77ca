// ocr_region: the text of a region of a page, read by the OCR models in the model host.
import { ocrModelsPresent, sharedModelHost } from '../../models/host.js';
import { ToolError, tool } from './context.js';
import { RegionArgs, regionOf, regionPng } from './pages.js';

export const ocrRegion = tool({
  name: 'ocr_region',
  description: 'Recognise the text in a region of a page (scans, text inside figures and charts): lines with boxes in points.',
  schema: RegionArgs,
  async run(args, ctx) {
    const { doc, bbox } = regionOf(ctx, args);
    if (!(await ocrModelsPresent())) throw new ToolError('OCR engine not available: no OCR models are installed (see folio doctor)');
    // 200 dpi: small print in figures is still several pixels high for the recogniser.
    const region = await regionPng(ctx, args.sourceId, args.page, bbox, 200);
    ctx.signal.throwIfAborted();
    const r = await sharedModelHost().ocrImage(region.png, `${doc.file} p. ${args.page}`, { firstOnly: true });
    const frame = r.frames[0];
    const lines = (frame?.result.lines ?? []).map((l) => ({
      text: l.text,
      confidence: Math.round(l.confidence * 100) / 100,
      bbox: [l.bbox[0] / region.sx + bbox[0], l.bbox[1] / region.sy + bbox[1], l.bbox[2] / region.sx + bbox[0], l.bbox[3] / region.sy + bbox[1]].map((v) => Math.round(v * 10) / 10),
    }));
    ctx.emit('read', { message: `OCR ${doc.file} p. ${args.page}`, sourceId: args.sourceId, pages: [args.page], figures: [] });
    return { result: { sourceId: args.sourceId, page: args.page, bbox, text: frame?.result.text ?? '', lines }, summary: `${lines.length} lines read by OCR` };
  },
});
