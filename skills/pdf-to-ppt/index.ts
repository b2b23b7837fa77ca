// pdf-to-ppt: one document → deck.pptx + HTML slides.
import path from 'node:path';
import { z } from 'zod';
import { composeDocument } from '../../engine/compose/document.js';
import { exportArtifacts } from '../../engine/export/index.js';
import { writeJsonAtomic } from '../lib/output.js';
import { rewriteDeck } from '../../engine/compose/model-writer.js';
import { planDeck } from '../../engine/compose/model-deck-plan.js';
import { prepareInputs, reportFixes } from '../lib/prepare.js';
import { modelProvider } from '../lib/vision.js';
import type { ModelStreamUpdate } from '../../engine/providers/stream-meter.js';
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
    const model = modelProvider(ctx.provider);
    if (!model) ctx.emit({ type: 'compose', message: `Planned ${deck.slides.length} slides with ${Object.keys(deck.visuals).length} figures and tables` });
    const writeFixes: string[] = [];
    if (model) {
      const onStream = (u: ModelStreamUpdate) => ctx.emit({ type: 'model-stream', ...u });
      // The model plans the slides (one request, one more to repair a plan that fails the checks);
      // offline slides stand in where its plan fails, and the trace says which and why.
      const plan = await planDeck(composed.outline, deck, model, { ...(ctx.options.slides ? { slides: ctx.options.slides } : {}), ...(ctx.goal ? { goal: ctx.goal } : {}), signal: ctx.signal, onStream });
      const mine = plan.origins.filter((o) => o.from === 'model').length;
      const reqs = `${plan.requests} request${plan.requests === 1 ? '' : 's'}`;
      if (plan.repaired.length) ctx.emit({ type: 'slide-plan', message: `the model's first plan had ${plan.repaired.length} problem${plan.repaired.length === 1 ? '' : 's'} (${plan.repaired[0]}); asked it once to repair them`, problems: plan.repaired });
      if (plan.outcome === 'offline') {
        ctx.emit({ type: 'warning', message: `${model.model}: ${plan.fallbacks[0] ?? 'no usable slide plan'} (${reqs}); the model rewrites its bullets`, origins: plan.origins });
      } else {
        ctx.emit({
          type: 'slide-plan',
          message: `Slide plan by ${model.model}: ${mine} of ${plan.origins.length} content slides are the model's${mine < plan.origins.length ? `, ${plan.origins.length - mine} from the offline plan` : ''} (${reqs})`,
          origins: plan.origins,
        });
        for (const f of plan.fallbacks) ctx.emit({ type: 'slide-plan', message: `fallback: ${f}` });
      }
      deck = plan.deck;
      ctx.emit({ type: 'compose', message: `Planned ${deck.slides.length} slides with ${Object.keys(deck.visuals).length} figures and tables` });
      // The model writes every bullet: the slides that stand in for its plan get their bullets
      // rewritten as before (all of them when the plan was unusable).
      const only = plan.outcome === 'offline' ? undefined : new Set(plan.origins.filter((o) => o.from === 'offline').map((o) => o.slide));
      if (!only || only.size > 0) {
        const r = await rewriteDeck(deck, model, {
          ...(ctx.goal ? { goal: ctx.goal } : {}),
          ...(only ? { only } : {}),
          signal: ctx.signal,
          onSlide: (title, done, total) => ctx.emit({ type: 'compose-progress', message: `wrote bullets for ${title}`, done, total }),
          onStream,
        });
        deck = r.deck;
        writeFixes.push(...r.fixes);
      }
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
