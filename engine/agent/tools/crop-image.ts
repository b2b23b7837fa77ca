// crop_image: a region of a page cut out as an image, kept as a crop of the run.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tool } from './context.js';
import { RegionArgs, ensureDir, nextId, norm1000, pageOf, regionOf, regionPng } from './pages.js';

export const cropImage = tool({
  name: 'crop_image',
  description: 'Cut a region out of a page as an image (to look closer or to keep as a visual). Box [x0,y0,x1,y1] in 0–1000 normalised page coordinates (as grounding models emit) or in PDF points.',
  schema: RegionArgs,
  async run(args, ctx) {
    const { doc, bbox } = regionOf(ctx, args);
    const { png, width: w, height: h } = await regionPng(ctx, args.sourceId, args.page, bbox, 144);
    const id = nextId('crop', ctx.state.crops);
    const rel = path.join('crops', `${id}.png`);
    await ensureDir(path.join(ctx.runDir, 'crops'));
    await writeFile(path.join(ctx.runDir, rel), png);
    ctx.state.crops.push({ id, sourceId: args.sourceId, page: args.page, bbox, image: rel });
    ctx.emit('read', { message: `cropped ${doc.file} p. ${args.page}`, sourceId: args.sourceId, pages: [args.page], figures: [] });
    const pg = pageOf(doc, args.page);
    return { result: { cropId: id, page: args.page, box: norm1000(bbox, pg.width, pg.height), size: [w, h] }, images: [{ path: rel, label: `${id} (${doc.file} p. ${args.page})` }], summary: `${id}: ${w}×${h} px` };
  },
});
