// list_sources: what the run has to read (ids, titles, sections, figures and tables).
import { z } from 'zod';
import { tool } from './context.js';
import { docOf } from './pages.js';

export const listSources = tool({
  name: 'list_sources',
  description: 'List the sources of this run: ids, titles, page counts, section trees, figures and tables with captions.',
  schema: z.object({}),
  async run(_args, ctx) {
    const result = ctx.state.sources.map((s) => {
      const d = docOf(ctx, s.id);
      return {
        id: s.id,
        title: s.title,
        kind: s.kind,
        file: s.file,
        pages: d.pageCount,
        ...(d.abstract ? { abstract: d.abstract.slice(0, 600) } : {}),
        sections: d.sections.map((x) => ({ title: x.title, ...(x.number ? { number: x.number } : {}), level: x.level, page: x.page })),
        figures: d.figures.map((f) => ({ ref: f.id, label: f.label, page: f.page, caption: f.caption.slice(0, 160) })),
        tables: d.tables.map((t) => ({ ref: t.id, label: t.label, page: t.page, caption: t.caption.slice(0, 160) })),
      };
    });
    return { result: { sources: result }, summary: `${result.length} source${result.length === 1 ? '' : 's'}` };
  },
});
