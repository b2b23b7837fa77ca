// read_page: one page's text blocks, its figures and tables, and the page image.
import { z } from 'zod';
import { Page, PlanRef, SourceId, tool } from './context.js';
import { docOf, norm1000, pageImage, pageOf } from './pages.js';

export const readPage = tool({
  name: 'read_page',
  description: 'Read one page: its text blocks (ids, types, boxes in 0–1000 of the page) and the page image. Figures and tables on the page are listed with their boxes.',
  schema: z.object({ sourceId: SourceId, page: Page, image: z.boolean().default(true).describe('Attach the page image'), planItem: PlanRef }),
  async run(args, ctx) {
    const doc = docOf(ctx, args.sourceId);
    const p = pageOf(doc, args.page);
    const img = args.image ? await pageImage(ctx, args.sourceId, args.page) : null;
    const figures = [...doc.figures, ...doc.tables].filter((f) => f.page === args.page);
    ctx.emit('read', { message: `read ${doc.file} p. ${args.page}`, sourceId: args.sourceId, pages: [args.page], figures: figures.map((f) => f.id) });
    return {
      result: {
        sourceId: args.sourceId,
        page: args.page,
        // Boxes toward the model are 0–1000 of the page, the same system crop_image and select_visual take.
        boxes: '0-1000 of the page',
        blocks: p.blocks.filter((b) => b.type !== 'header' && b.type !== 'footer').map((b) => ({ id: b.id, type: b.type, box: norm1000(b.bbox, p.width, p.height), text: b.text })),
        figures: figures.map((f) => ({ ref: f.id, label: f.label, caption: f.caption.slice(0, 300), box: norm1000(f.bbox, p.width, p.height) })),
        ...(img ? {} : { image: 'no page image for this source' }),
      },
      ...(img ? { images: [{ path: img.rel, label: `${doc.file} page ${args.page}` }] } : {}),
      summary: `${doc.file} p. ${args.page}: ${p.blocks.length} blocks${img ? ' + image' : ''}`,
    };
  },
});
