// view_figure: a figure or table (caption, cells, image), or a visual chosen earlier.
import path from 'node:path';
import { z } from 'zod';
import { PlanRef, ToolError, tool } from './context.js';
import { docOf, norm1000, pageOf, sourceOf } from './pages.js';

export const viewFigure = tool({
  name: 'view_figure',
  description: 'Look at a figure or table by its ref (from list_sources or search_sources), or re-open a chosen visual by visualId: caption, table cells, image.',
  schema: z.object({ sourceId: z.string().optional(), ref: z.string().optional(), visualId: z.string().optional(), planItem: PlanRef }),
  async run(args, ctx) {
    let sourceId = args.sourceId;
    let ref = args.ref;
    if (args.visualId) {
      const v = ctx.state.visuals.find((x) => x.id === args.visualId);
      if (!v) throw new ToolError(`no visual "${args.visualId}"`);
      if (v.kind === 'crop') {
        ctx.emit('read', { message: `re-opened ${v.id}`, sourceId: v.sourceId, pages: [v.page], figures: [] });
        return { result: { visual: v }, ...(v.image ? { images: [{ path: v.image, label: `${v.id} (crop of ${v.sourceId} p. ${v.page})` }] } : {}), summary: `crop ${v.id}` };
      }
      sourceId = v.sourceId;
      ref = v.ref;
    }
    if (!sourceId || !ref) throw new ToolError('give sourceId and ref, or visualId');
    const doc = docOf(ctx, sourceId);
    const fig = doc.figures.find((f) => f.id === ref || f.label === ref);
    const tab = doc.tables.find((t) => t.id === ref || t.label === ref);
    const item = fig ?? tab;
    if (!item) throw new ToolError(`${doc.file} has no figure or table "${ref}"`);
    ctx.emit('read', { message: `looked at ${item.label} of ${doc.file}`, sourceId, pages: [item.page], figures: [item.id] });
    const src = sourceOf(ctx, sourceId);
    const images = item.asset ? [{ path: path.join(src.docDir, item.asset), label: `${item.label} of ${doc.file}` }] : [];
    return {
      result: {
        sourceId,
        ref: item.id,
        label: item.label,
        page: item.page,
        box: norm1000(item.bbox, pageOf(doc, item.page).width, pageOf(doc, item.page).height),
        caption: item.caption,
        ...(tab ? { rows: tab.rows.slice(0, 40) } : {}),
        ...(images.length ? {} : { image: 'no image rendered for this item' }),
      },
      images,
      summary: `${item.label} (${doc.file} p. ${item.page})`,
    };
  },
});
