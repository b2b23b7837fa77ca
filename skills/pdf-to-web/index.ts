// pdf-to-web: one paper → project-page site.
import { z } from 'zod';
import { composeDocument } from '../../engine/compose/document.js';
import { exportArtifacts } from '../../engine/export/index.js';
import { prepareInputs, reportFixes } from '../lib/prepare.js';
import { defineSkill } from '../types.js';

export default defineSkill({
  id: 'pdf-to-web',
  inputSchema: z.object({ theme: z.string().regex(/^[a-z0-9-]+$/).default('paper') }),
  async run(ctx) {
    const [src] = await prepareInputs(ctx);
    const { site } = composeDocument(src!.doc, src!.dir, { ...(ctx.goal ? { goal: ctx.goal } : {}), theme: ctx.options.theme, sourcePath: src!.input });
    ctx.emit({ type: 'compose', message: `Planned a project page with ${Object.keys(site.visuals).length} figures and tables` });
    const files = await exportArtifacts({ site, to: ['html'], outDir: ctx.outDir, theme: ctx.options.theme, signal: ctx.signal });
    reportFixes(ctx, files);
    return { outputs: [{ kind: 'site', path: files[0]!.path, label: files[0]!.label }], summary: `Project page for ${src!.doc.title}` };
  },
});
