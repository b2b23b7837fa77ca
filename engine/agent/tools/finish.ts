// finish: ends the research with a summary and the questions left open (a stop condition).
import { z } from 'zod';
import { tool } from './context.js';

export const finish = tool({
  name: 'finish',
  description: 'End the research: a short summary of what was found (name the notes it rests on as [n1][n2]), and the questions left open.',
  schema: z.object({ summary: z.string().min(1), openQuestions: z.array(z.string()).default([]) }),
  async run(args, ctx) {
    ctx.state.summary = args.summary;
    for (const q of args.openQuestions) if (!ctx.state.openQuestions.includes(q)) ctx.state.openQuestions.push(q);
    return { result: { ok: true }, summary: 'finished' };
  },
});
