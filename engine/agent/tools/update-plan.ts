// update_plan: the plan's items (report sections or questions) and their status.
import { z } from 'zod';
import type { PlanItem } from '../state.js';
import { tool } from './context.js';
import { nextId } from './pages.js';

const PlanInput = z.object({
  id: z.string().optional().describe('Existing item id to update; omit to add a new item'),
  title: z.string().min(1),
  question: z.string().optional(),
  kind: z.enum(['section', 'question']).default('question'),
  status: z.enum(['open', 'done', 'dropped']).default('open'),
  why: z.string().optional().describe('Why the item was added, finished or dropped'),
  sourceIds: z.array(z.string()).optional(),
  section: z.string().optional().describe('For section items: the source section it covers'),
});

export const updatePlan = tool({
  name: 'update_plan',
  description: 'Add plan items (sections of the eventual report, or questions to answer) or change their status (open, done, dropped, with why).',
  schema: z.object({ items: z.array(PlanInput).min(1) }),
  async run(args, ctx) {
    const plan = ctx.state.plan.items;
    for (const it of args.items) {
      const existing = it.id ? plan.find((p) => p.id === it.id) : undefined;
      if (existing) {
        existing.title = it.title;
        existing.status = it.status;
        existing.kind = it.kind;
        if (it.question !== undefined) existing.question = it.question;
        if (it.why !== undefined) existing.why = it.why;
        if (it.sourceIds !== undefined) existing.sourceIds = it.sourceIds;
        if (it.section !== undefined) existing.section = it.section;
      } else {
        const item: PlanItem = {
          id: it.id ?? nextId('p', plan),
          title: it.title,
          kind: it.kind,
          status: it.status,
          ...(it.question !== undefined ? { question: it.question } : {}),
          ...(it.why !== undefined ? { why: it.why } : {}),
          ...(it.sourceIds !== undefined ? { sourceIds: it.sourceIds } : {}),
          ...(it.section !== undefined ? { section: it.section } : {}),
        };
        plan.push(item);
      }
    }
    const done = plan.filter((p) => p.status !== 'open').length;
    ctx.emit('plan', { message: `plan: ${done}/${plan.length} items done`, items: plan.map((p) => ({ ...p })) });
    return { result: { plan: plan.map((p) => ({ id: p.id, title: p.title, status: p.status })) }, summary: `${plan.length} items, ${done} done` };
  },
});
