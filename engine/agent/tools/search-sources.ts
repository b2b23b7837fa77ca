// search_sources: ranked passages and the figures and tables that match them.
import { z } from 'zod';
import { mentionedLabels } from '../../search/index.js';
import { PlanRef, tool } from './context.js';
import { docOf } from './pages.js';

export const searchSources = tool({
  name: 'search_sources',
  description: 'Ranked passages (BM25 over text blocks and captions) and the figures/tables that match by caption or are mentioned in those passages.',
  schema: z.object({
    query: z.string().min(1),
    sourceId: z.string().optional(),
    section: z.string().optional().describe('Only this section (title, with or without its number) and its subsections'),
    type: z.enum(['code']).optional().describe('Only code listings (the commands a how-to question asks for)'),
    k: z.number().int().min(1).max(30).default(8),
    planItem: PlanRef,
  }),
  async run(args, ctx) {
    if (args.sourceId) docOf(ctx, args.sourceId);
    const scope = { ...(args.sourceId ? { sourceId: args.sourceId } : {}), ...(args.section ? { section: args.section } : {}) };
    const passages = ctx.index.search(args.query, { k: args.k, ...scope, ...(args.type ? { type: args.type } : {}) });
    const wide = ctx.index.search(args.query, { k: 25, ...scope });
    const visuals = ctx.index.searchVisuals(args.query, { k: 6, passages: wide, ...(args.sourceId ? { sourceId: args.sourceId } : {}) });
    return {
      result: {
        passages: passages.map((p) => ({
          sourceId: p.sourceId,
          page: p.page,
          blockId: p.blockId,
          type: p.type,
          ...(p.section ? { section: p.section } : {}),
          ...(p.sectionPath && p.sectionPath.length > 1 ? { topSection: p.sectionPath[0] } : {}),
          text: p.text.length > 1200 ? `${p.text.slice(0, 1200)}…` : p.text,
          score: Math.round(p.score * 100) / 100,
          ...(mentionedLabels(p.text).length ? { mentions: mentionedLabels(p.text) } : {}),
        })),
        visuals: visuals.map((v) => ({
          sourceId: v.sourceId,
          ref: v.ref,
          kind: v.kind,
          label: v.label,
          page: v.page,
          caption: v.caption.slice(0, 300),
          score: Math.round(v.score * 100) / 100,
          mentionedOnPages: [...new Set(v.mentionedIn.map((m) => m.page))],
        })),
      },
      summary: `${passages.length} passages, ${visuals.length} figures/tables for "${args.query.slice(0, 60)}"`,
    };
  },
});
