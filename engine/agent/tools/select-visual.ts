// select_visual: a figure, table or region chosen as evidence to show, with why.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Box4, PlanRef, ToolError, tool } from './context.js';
import { docOf, ensureDir, nextId, norm1000, pageOf, regionPng, toPoints } from './pages.js';

export const selectVisual = tool({
  name: 'select_visual',
  description: 'Choose a figure or table (by ref) or a crop (by cropId, or page + box) as evidence to show, saying why.',
  schema: z.object({
    sourceId: z.string().optional(),
    ref: z.string().optional(),
    cropId: z.string().optional(),
    page: z.number().int().min(1).optional(),
    box: Box4.optional(),
    units: z.enum(['norm1000', 'points']).default('norm1000'),
    why: z.string().min(1),
    planItem: PlanRef,
  }),
  async run(args, ctx) {
    const id = nextId('v', ctx.state.visuals);
    const plan = args.planItem ? { planItem: args.planItem } : {};
    if (args.cropId) {
      const c = ctx.state.crops.find((x) => x.id === args.cropId);
      if (!c) throw new ToolError(`no crop "${args.cropId}"`);
      ctx.state.visuals.push({ id, sourceId: c.sourceId, kind: 'crop', page: c.page, bbox: c.bbox, image: c.image, why: args.why, ...plan });
      return { result: { visualId: id }, summary: `${id}: ${c.id}` };
    }
    if (!args.sourceId) throw new ToolError('give sourceId with ref (or page + box), or cropId');
    const doc = docOf(ctx, args.sourceId);
    if (args.ref) {
      const fig = doc.figures.find((f) => f.id === args.ref || f.label === args.ref);
      const tab = doc.tables.find((t) => t.id === args.ref || t.label === args.ref);
      const item = fig ?? tab;
      if (!item) throw new ToolError(`${doc.file} has no figure or table "${args.ref}"`);
      const dup = ctx.state.visuals.find((v) => v.sourceId === args.sourceId && v.ref === item.id);
      if (dup) return { result: { visualId: dup.id, note: 'already selected' }, summary: `${dup.id} (already selected)` };
      ctx.state.visuals.push({ id, sourceId: args.sourceId, kind: fig ? 'figure' : 'table', ref: item.id, label: item.label, caption: item.caption, page: item.page, bbox: item.bbox, why: args.why, ...plan });
      return { result: { visualId: id }, summary: `${id}: ${item.label} of ${doc.file}` };
    }
    if (args.page && args.box) {
      const p = pageOf(doc, args.page);
      const bbox = toPoints(args.box, args.units, p.width, p.height);
      // A region chosen by page + box gets its crop now, so the writer and the outputs have an image of it.
      let image: string | undefined;
      try {
        const { png } = await regionPng(ctx, args.sourceId, args.page, bbox, 144);
        image = path.join('crops', `${id}.png`);
        await ensureDir(path.join(ctx.runDir, 'crops'));
        await writeFile(path.join(ctx.runDir, image), png);
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        image = undefined;
      }
      ctx.state.visuals.push({ id, sourceId: args.sourceId, kind: 'crop', page: args.page, bbox, ...(image ? { image } : {}), why: args.why, ...plan });
      return { result: { visualId: id, box: norm1000(bbox, p.width, p.height), ...(image ? {} : { image: 'no page image for this source: the visual has no picture' }) }, summary: `${id}: region of ${doc.file} p. ${args.page}` };
    }
    throw new ToolError('give ref, cropId, or page + box');
  },
});
