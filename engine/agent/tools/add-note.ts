// add_note: a finding with its evidence; every quote is checked against the cited page.
import { z } from 'zod';
import { Page, PlanRef, SourceId, ToolError, tool } from './context.js';
import { docOf, nextId, pageOf, squash } from './pages.js';

export const addNote = tool({
  name: 'add_note',
  description: 'Record a finding with its evidence. Every quote must be exact text from the cited page of the cited source (checked).',
  schema: z.object({
    text: z.string().min(1).describe('The finding, in your words or quoted'),
    planItem: PlanRef,
    evidence: z
      .array(z.object({ sourceId: SourceId, page: Page, quote: z.string().min(3), blockId: z.string().optional() }))
      .min(1),
  }),
  async run(args, ctx) {
    const evidence = args.evidence.map((e) => {
      const doc = docOf(ctx, e.sourceId);
      const p = pageOf(doc, e.page);
      const q = squash(e.quote);
      const block = p.blocks.find((b) => (e.blockId === undefined || b.id === e.blockId) && squash(b.text).includes(q)) ?? p.blocks.find((b) => squash(b.text).includes(q));
      if (!block && !squash(p.blocks.map((b) => b.text).join(' ')).includes(q)) {
        throw new ToolError(`quote not found on page ${e.page} of ${doc.file}: "${e.quote.slice(0, 80)}" (quote the page text exactly)`);
      }
      return { sourceId: e.sourceId, page: e.page, quote: e.quote, ...(block ? { blockId: block.id, bbox: block.bbox } : {}) };
    });
    if (args.planItem && !ctx.state.plan.items.some((p) => p.id === args.planItem)) throw new ToolError(`no plan item "${args.planItem}"`);
    const id = nextId('n', ctx.state.notes);
    ctx.state.notes.push({ id, text: args.text, ...(args.planItem ? { planItem: args.planItem } : {}), evidence, step: ctx.step });
    return { result: { noteId: id }, summary: `${id}: ${args.text.slice(0, 60)}` };
  },
});
