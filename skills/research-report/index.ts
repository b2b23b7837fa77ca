// research-report: sources + goal → research loop → report (+ site/deck) from one state.
import path from 'node:path';
import { z } from 'zod';
import { readFile } from 'node:fs/promises';
import { resumeResearch, runResearch, STATE_FILE } from '../../engine/agent/index.js';
import { UserInputError } from '../../engine/errors.js';
import { composeResearch } from '../../engine/compose/research.js';
import { exportArtifacts, parseTargets } from '../../engine/export/index.js';
import type { ProviderConfig } from '../../engine/providers/index.js';
import { reportFixes } from '../lib/prepare.js';
import { defineSkill } from '../types.js';

export default defineSkill({
  id: 'research-report',
  inputSchema: z.object({
    outputs: z.string().default('md'),
    'max-steps': z.coerce.number().int().min(1).max(500).optional(),
    slides: z.coerce.number().int().min(4).max(60).optional(),
    theme: z.string().regex(/^[a-z0-9-]+$/).default('paper'),
  }),
  async run(ctx) {
    const targets = parseTargets(ctx.options.outputs);
    const runDir = path.join(ctx.outDir, 'run');
    const onEvent = (e: unknown) => ctx.emit(e as Parameters<typeof ctx.emit>[0]);
    const budget = ctx.options['max-steps'] ? { budget: { steps: ctx.options['max-steps'] } } : {};
    // The same request into the same folder continues the saved run (a cancelled or killed run
    // resumes from its last step; a finished one is exported again). Another goal is refused.
    const saved = await readFile(path.join(runDir, STATE_FILE), 'utf8').then((t) => JSON.parse(t) as { goal?: string }, () => null);
    if (saved && saved.goal !== (ctx.goal ?? '')) throw new UserInputError(`${ctx.outDir}: holds a research run for another goal ("${saved.goal}"); choose another --out folder`);
    const state = saved
      ? await resumeResearch(runDir, { provider: ctx.provider as ProviderConfig, signal: ctx.signal, onEvent, ...budget })
      : await runResearch({
      goal: ctx.goal ?? '',
      sources: ctx.inputs,
      runDir,
      provider: ctx.provider as ProviderConfig,
      network: ctx.network,
      signal: ctx.signal,
      ...budget,
      onEvent,
    });
    const { report, deck, site } = composeResearch(state, runDir, { theme: ctx.options.theme, ...(ctx.options.slides ? { slides: ctx.options.slides } : {}) });
    ctx.emit({ type: 'compose', message: `Composed ${report.sections.length} sections, ${Object.keys(report.visuals).length} visuals, ${Object.keys(report.citations).length} citations` });
    const files = await exportArtifacts({ report, deck, site, to: targets, outDir: ctx.outDir, theme: ctx.options.theme, signal: ctx.signal });
    reportFixes(ctx, files);
    const kind = { md: 'report', html: 'site', pptx: 'pptx', slides: 'slides' } as const;
    return {
      outputs: [
        ...files.map((f) => ({ kind: kind[f.target], path: f.path, label: f.label })),
        { kind: 'state' as const, path: path.join(runDir, 'state.json'), label: 'Research state' },
      ],
      summary: `${state.notes.length} notes and ${state.visuals.length} visuals from ${state.sources.length} source${state.sources.length === 1 ? '' : 's'} (${state.status})`,
    };
  },
});
