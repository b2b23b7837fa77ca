// pdf-to-web: one paper → project-page site (with a model, the section text is rewritten as prose).
import { z } from 'zod';
import { composeDocument } from '../../engine/compose/document.js';
import { rewriteReport } from '../../engine/compose/model-writer.js';
import { applySiteOrder, orderSite } from '../../engine/compose/model-site-order.js';
import { exportArtifacts } from '../../engine/export/index.js';
import { prepareInputs, reportFixes } from '../lib/prepare.js';
import { modelProvider } from '../lib/vision.js';
import { defineSkill } from '../types.js';
import type { ModelStreamUpdate } from '../../engine/providers/stream-meter.js';

export default defineSkill({
  id: 'pdf-to-web',
  inputSchema: z.object({ theme: z.string().regex(/^[a-z0-9-]+$/).default('paper') }),
  async run(ctx) {
    const [src] = await prepareInputs(ctx);
    const composed = composeDocument(src!.doc, src!.dir, { ...(ctx.goal ? { goal: ctx.goal } : {}), theme: ctx.options.theme, sourcePath: src!.input });
    let site = composed.site;
    ctx.emit({ type: 'compose', message: `Planned a project page with ${Object.keys(site.visuals).length} figures and tables` });
    const model = modelProvider(ctx.provider);
    const writeFixes: string[] = [];
    if (model) {
      // The model orders the page's sections first (one request; its order is applied after the
      // text is written, which maps onto the sections in the document's order).
      const onStream = (u: ModelStreamUpdate) => ctx.emit({ type: 'model-stream', ...u });
      const ordered = await orderSite(site, model, { ...(ctx.goal ? { goal: ctx.goal } : {}), signal: ctx.signal, onStream });
      const heads = ordered.order.map((id) => ordered.units.find((u) => u.id === id)!.heading);
      if (ordered.outcome === 'model') ctx.emit({ type: 'site-plan', message: `Section order by ${model.model}: ${heads.join(' → ')} (${ordered.requests} request${ordered.requests === 1 ? '' : 's'})`, order: heads });
      else if (ordered.requests > 0) ctx.emit({ type: 'warning', message: `${model.model}: no usable section order (${ordered.problems[0]}) after one repair; the page keeps the document's order` });
      const r = await rewriteReport(composed.report, model, {
        audience: 'general',
        tone: 'clear, engaging project-page',
        paragraphs: 2,
        ...(ctx.goal ? { goal: ctx.goal } : {}),
        signal: ctx.signal,
        onSection: (heading, done, total) => ctx.emit({ type: 'compose-progress', message: `wrote ${heading}`, done, total }),
        onStream,
      });
      writeFixes.push(...r.fixes);
      // The page's text and results blocks follow the document's sections in order, as the report's do.
      let k = 0;
      const page = site.pages[0]!;
      const blocks = page.blocks.map((b) => {
        if (b.kind !== 'text' && b.kind !== 'results') return b;
        const sec = r.report.sections[k++];
        return sec && sec.paragraphs.length ? { ...b, paragraphs: sec.paragraphs } : b;
      });
      site = { ...site, pages: [{ ...page, blocks }, ...site.pages.slice(1)], citations: { ...site.citations, ...r.report.citations }, generator: r.report.generator };
      if (ordered.outcome === 'model') site = applySiteOrder(site, ordered.order);
    }
    const files = await exportArtifacts({ site, to: ['site'], outDir: ctx.outDir, theme: ctx.options.theme, signal: ctx.signal });
    reportFixes(ctx, [{ label: 'Text', fixes: writeFixes }, ...files]);
    return { outputs: [{ kind: 'site', path: files[0]!.path, label: files[0]!.label }], summary: `Project page for ${src!.doc.title}` };
  },
});
