// research-report: sources + goal → research loop → report (+ site/deck) from one state.
import path from 'node:path';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { resumeResearch, runResearch, STATE_FILE } from '../../engine/agent/index.js';
import { UserInputError } from '../../engine/errors.js';
import { composeResearch } from '../../engine/compose/research.js';
import { exportArtifacts, parseTargets } from '../../engine/export/index.js';
import { webSearchFrom, type ProviderConfig } from '../../engine/providers/index.js';
import { rewriteDeck, rewriteReport } from '../../engine/compose/model-writer.js';
import type { Report, Site } from '../../engine/compose/types.js';
import { reportFixes } from '../lib/prepare.js';
import { modelProvider } from '../lib/vision.js';
import { defineSkill } from '../types.js';
import { SLIDE_MAX, SLIDE_MIN } from '../../engine/compose/slide-budget.js';

export default defineSkill({
  id: 'research-report',
  inputSchema: z.object({
    outputs: z.string().default('markdown'),
    'max-steps': z.coerce.number().int().min(1).max(500).optional(),
    slides: z.coerce.number().int().min(SLIDE_MIN).max(SLIDE_MAX).optional(),
    theme: z.string().regex(/^[a-z0-9-]+$/).default('paper'),
    /** Web search for the agent (with --network): searxng (give search-url), brave or tavily. */
    search: z.enum(['searxng', 'brave', 'tavily']).optional(),
    'search-url': z.string().url().optional(),
  }),
  async run(ctx) {
    const targets = parseTargets(ctx.options.outputs);
    const runDir = path.join(ctx.outDir, 'run');
    const onEvent = (e: unknown) => ctx.emit(e as Parameters<typeof ctx.emit>[0]);
    const budget = ctx.options['max-steps'] ? { budget: { steps: ctx.options['max-steps'] } } : {};
    const webSearch = webSearchFrom(ctx.options.search, ctx.options['search-url']);
    if (webSearch && !ctx.network) throw new UserInputError('research-report: --search needs --network (web search reaches the internet)');
    const search = webSearch ? { webSearch } : {};
    // The same request into the same folder continues the saved run (a cancelled or killed run
    // resumes from its last step; a finished one is exported again). Another goal is refused.
    const saved = await readFile(path.join(runDir, STATE_FILE), 'utf8').then((t) => JSON.parse(t) as { goal?: string }, () => null);
    if (saved && saved.goal !== (ctx.goal ?? '')) throw new UserInputError(`${ctx.outDir}: holds a research run for another goal ("${saved.goal}"); choose another --out folder`);
    const state = saved
      ? await resumeResearch(runDir, { provider: ctx.provider as ProviderConfig, signal: ctx.signal, onEvent, ...budget, ...search })
      : await runResearch({
      goal: ctx.goal ?? '',
      sources: ctx.inputs,
      runDir,
      provider: ctx.provider as ProviderConfig,
      network: ctx.network,
      signal: ctx.signal,
      ...budget,
      ...search,
      onEvent,
    });
    const sent = state.log.map((l) => l.bytes).filter((b): b is number => b !== undefined);
    if (sent.length) {
      const kb = (b: number): string => `${Math.round(b / 1024)} KiB`;
      ctx.emit({ type: 'model-usage', message: `sent to the model: ${kb(sent.reduce((a, b) => a + b, 0))} over ${sent.length} steps (per step: ${sent.map(kb).join(', ')})`, bytes: sent });
    }
    const composed = await composeResearch(state, runDir, { theme: ctx.options.theme, ...(ctx.options.slides ? { slides: ctx.options.slides } : {}) });
    let { report, deck, site } = composed;
    ctx.emit({ type: 'compose', message: `Composed ${report.sections.length} sections, ${Object.keys(report.visuals).length} visuals, ${Object.keys(report.citations).length} citations` });
    for (const p of composed.problems) ctx.emit({ type: 'notice', message: p });
    // With a model, the model writes: each section from the run's quoted evidence and the images of
    // the visuals it places; every sentence cites a quote that resolves to a page.
    const model = modelProvider(ctx.provider);
    const writeFixes: string[] = [];
    if (model && state.notes.length > 0) {
      ctx.emit({ type: 'compose', message: `Writing ${report.sections.length} sections with ${model.model}` });
      const r = await rewriteReport(report, model, {
        audience: 'general',
        tone: 'clear, precise research-report',
        paragraphs: 3,
        ...(state.goal ? { goal: state.goal } : {}),
        signal: ctx.signal,
        onSection: (heading, done, total) => ctx.emit({ type: 'compose-progress', message: `wrote ${heading}`, done, total }),
        onStream: (u) => ctx.emit({ type: 'model-stream', ...u }),
      });
      report = r.report;
      writeFixes.push(...r.fixes);
      site = withSections(site, report);
      if (targets.includes('pptx') || targets.includes('slides')) {
        const d = await rewriteDeck(deck, model, {
          ...(state.goal ? { goal: state.goal } : {}),
          signal: ctx.signal,
          onSlide: (title, done, total) => ctx.emit({ type: 'compose-progress', message: `wrote bullets for ${title}`, done, total }),
          onStream: (u) => ctx.emit({ type: 'model-stream', ...u }),
        });
        deck = d.deck;
        writeFixes.push(...d.fixes);
      }
    }
    const files = await exportArtifacts({ report, deck, site, to: targets, outDir: ctx.outDir, theme: ctx.options.theme, signal: ctx.signal });
    reportFixes(ctx, [{ label: 'Text', fixes: writeFixes }, ...files]);
    return {
      outputs: [
        ...files.map((f) => ({ kind: f.target, path: f.path, label: f.label })),
        { kind: 'state' as const, path: path.join(runDir, 'state.json'), label: 'Research state' },
      ],
      summary: `${state.notes.length} notes and ${state.visuals.length} visuals from ${state.sources.length} source${state.sources.length === 1 ? '' : 's'} (${state.status})`,
    };
  },
});

/** The site's section blocks take the model-written paragraphs of the report section with the same heading. */
function withSections(site: Site, report: Report): Site {
  const byHeading = new Map(report.sections.map((s) => [s.heading, s.paragraphs]));
  return {
    ...site,
    pages: site.pages.map((p) => ({ ...p, blocks: p.blocks.map((b) => (b.kind === 'text' && byHeading.get(b.heading)?.length ? { ...b, paragraphs: byHeading.get(b.heading)! } : b)) })),
    generator: report.generator,
  };
}
