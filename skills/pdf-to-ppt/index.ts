// pdf-to-ppt: one document → deck.pptx + HTML slides.
import path from 'node:path';
import { z } from 'zod';
import { composeDocument } from '../../engine/compose/document.js';
import { exportArtifacts } from '../../engine/export/index.js';
import { writeJsonAtomic } from '../lib/output.js';
import { rewriteDeck } from '../../engine/compose/model-writer.js';
import { prepareInputs, reportFixes } from '../lib/prepare.js';
import { modelProvider } from '../lib/vision.js';
import { defineSkill } from '../types.js';
import { SLIDE_MAX, SLIDE_MIN } from '../../engine/compose/slide-budget.js';

export default defineSkill({
  id: 'pdf-to-ppt',
  inputSchema: z.object({
    slides: z.coerce.number().int().min(SLIDE_MIN).max(SLIDE_MAX).optional(),
    theme: z.string().regex(/^[a-z0-9-]+$/).default('paper'),
  }),
  async run(ctx) {
    const [src] = await prepareInputs(ctx);
    const composed = composeDocument(src!.doc, src!.dir, {
      ...(ctx.goal ? { goal: ctx.goal } : {}),
      ...(ctx.options.slides ? { slides: ctx.options.slides } : {}),
      theme: ctx.options.theme,
      sourcePath: src!.input,
    });
    let deck = composed.deck;
    ctx.emit({ type: 'compose', message: `Planned ${deck.slides.length} slides with ${Object.keys(deck.visuals).length} figures and tables` });
    const model = modelProvider(ctx.provider);
    const writeFixes: string[] = [];
    if (model) {
      const r = await rewriteDeck(deck, model, {
        ...(ctx.goal ? { goal: ctx.goal } : {}),
        signal: ctx.signal,
        onSlide: (title, done, total) => ctx.emit({ type: 'compose-progress', message: `wrote bullets for ${title}`, done, total }),
        onStream: (u) => ctx.emit({ type: 'model-stream', ...u }),
      });
      deck = r.deck;
      writeFixes.push(...r.fixes);
    }
    const files = await exportArtifacts({ deck, to: ['pptx', 'slides'], outDir: ctx.outDir, theme: ctx.options.theme, maxSlides: ctx.options.slides ?? deck.slides.length, signal: ctx.signal });
    reportFixes(ctx, [{ label: 'Bullets', fixes: writeFixes }, ...files]);
    await writeJsonAtomic(path.join(ctx.outDir, 'deck.json'), deck);
    const pptx = files.find((f) => f.target === 'pptx')!;
    return {
      outputs: files.map((f) => ({ kind: f.target === 'pptx' ? 'pptx' : 'slides', path: f.path, label: f.label })),
      summary: `${pptx.label} from ${src!.doc.file}`,
    };
  },
});
