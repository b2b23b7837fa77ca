// doc-writing: documents → report.md (+ assets/), extractive offline.
import { z } from 'zod';
import { composeDocument } from '../../engine/compose/document.js';
import type { Report } from '../../engine/compose/types.js';
import { exportArtifacts } from '../../engine/export/index.js';
import { rewriteReport } from '../../engine/compose/model-writer.js';
import { prepareInputs, reportFixes } from '../lib/prepare.js';
import { modelProvider } from '../lib/vision.js';
import { defineSkill } from '../types.js';

const DENSITY = { short: 0.5, medium: 1, long: 1.8 } as const;
const PARAGRAPHS = { short: 1, medium: 2, long: 4 } as const;
/** Sections in the whole write-up, shared among the documents: a short blog post does not copy 23. */
const SECTIONS = { short: 4, medium: 8, long: undefined } as const;

export default defineSkill({
  id: 'doc-writing',
  inputSchema: z.object({
    length: z.enum(['short', 'medium', 'long']).default('medium'),
    audience: z.enum(['general', 'student', 'expert']).default('general'),
    tone: z.enum(['neutral', 'blog', 'formal']).default('neutral'),
  }),
  async run(ctx) {
    const docs = await prepareInputs(ctx);
    const total = SECTIONS[ctx.options.length];
    const per = total === undefined ? {} : { reportSections: Math.max(1, Math.round(total / docs.length)) };
    const reports = docs.map((d) =>
      composeDocument(d.doc, d.dir, { ...(ctx.goal ? { goal: ctx.goal } : {}), density: DENSITY[ctx.options.length], sourcePath: d.input, ...per }).report,
    );
    let report = reports.length === 1 ? reports[0]! : merge(reports, ctx.goal);
    const model = modelProvider(ctx.provider);
    const offline = model === null;
    const fixes: string[] = [];
    if (model) {
      ctx.emit({ type: 'compose', message: `Writing ${report.sections.length} sections with ${model.model} for ${ctx.options.audience} readers (${ctx.options.tone})` });
      const r = await rewriteReport(report, model, {
        audience: ctx.options.audience,
        tone: ctx.options.tone,
        paragraphs: PARAGRAPHS[ctx.options.length],
        ...(ctx.goal ? { goal: ctx.goal } : {}),
        signal: ctx.signal,
        onSection: (heading, done, total) => ctx.emit({ type: 'compose-progress', message: `wrote ${heading}`, done, total }),
        onStream: (u) => ctx.emit({ type: 'model-stream', ...u }),
      });
      report = r.report;
      fixes.push(...r.fixes);
    }
    report.subtitle = [
      report.subtitle,
      offline ? `Extractive write-up (${ctx.options.length}): sentences quoted from the source; audience and tone apply with a language model` : undefined,
    ]
      .filter(Boolean)
      .join(' — ');
    ctx.emit({ type: 'compose', message: `Wrote ${report.sections.length} sections with ${Object.keys(report.visuals).length} figures and tables` });
    const files = await exportArtifacts({ report, to: ['markdown'], outDir: ctx.outDir, signal: ctx.signal });
    reportFixes(ctx, [{ label: 'Write-up', fixes }, ...files]);
    return { outputs: [{ kind: 'markdown', path: files[0]!.path, label: files[0]!.label }], summary: `Write-up of ${docs.map((d) => d.doc.title).join('; ')}` };
  },
});

/** Several documents: one part per document, its sections beneath. */
function merge(reports: Report[], goal: string | undefined): Report {
  return {
    title: goal ? goal.charAt(0).toUpperCase() + goal.slice(1) : `Reading notes on ${reports.length} documents`,
    subtitle: reports.map((r) => r.title).join('; '),
    authors: [],
    date: reports[0]!.date,
    ...(goal ? { goal } : {}),
    sections: reports.flatMap((r, i) => [
      { id: `doc${i + 1}`, heading: r.title, level: 1 as const, paragraphs: r.abstract ? [r.abstract] : [], visuals: [] },
      ...r.sections.map((s) => ({ ...s, id: `doc${i + 1}-${s.id}`, level: 2 as const })),
    ]),
    sources: reports.flatMap((r) => r.sources),
    visuals: Object.assign({}, ...reports.map((r) => r.visuals)),
    citations: Object.assign({}, ...reports.map((r) => r.citations)),
    generator: reports[0]!.generator,
  };
}
