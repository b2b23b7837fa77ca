// `folio research`: runs the deep-research agent over sources from a terminal, with a live trace and
// a progress bar on stderr; writes <out>/state.json and <out>/trace.jsonl. `--resume <dir>` continues.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BudgetExceeded, UserInputError } from '../../engine/errors.js';
import { resumeResearch, runResearch, type ResearchState, type RunEvent } from '../../engine/agent/index.js';
import { webSearchFrom } from '../../engine/providers/index.js';
import { providerFromFlags } from './provider-flags.js';
import { ModelStatus } from './model-status.js';
import { Progress } from './progress.js';

export async function researchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      goal: { type: 'string', short: 'g' },
      out: { type: 'string', short: 'o' },
      resume: { type: 'string' },
      provider: { type: 'string' },
      preset: { type: 'string' },
      'base-url': { type: 'string' },
      model: { type: 'string' },
      'api-key-env': { type: 'string' },
      thinking: { type: 'boolean' },
      'no-thinking': { type: 'boolean' },
      'max-steps': { type: 'string' },
      'max-tokens': { type: 'string' },
      timeout: { type: 'string' },
      search: { type: 'string' },
      'search-url': { type: 'string' },
      network: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
    },
  });
  const maxSteps = values['max-steps'] !== undefined ? Number(values['max-steps']) : undefined;
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps >= 1)) {
    throw new UserInputError(`research: --max-steps must be a whole number of at least 1 (got ${values['max-steps']})`);
  }
  const maxTokens = values['max-tokens'] !== undefined ? Number(values['max-tokens']) : undefined;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens >= 1)) {
    throw new UserInputError(`research: --max-tokens must be a whole number of at least 1 (got ${values['max-tokens']})`);
  }
  const budget = { ...(maxSteps !== undefined ? { steps: maxSteps } : {}), ...(maxTokens !== undefined ? { tokens: maxTokens } : {}) };
  const hasBudget = Object.keys(budget).length > 0;
  const provider = providerFromFlags(values, 'research');
  // Web search is off unless asked for, and only with network access.
  const webSearch = webSearchFrom(values.search, values['search-url']);
  if (webSearch && values.network !== true && values.resume === undefined) throw new UserInputError('research: --search needs --network (web search reaches the internet)');
  const quiet = values.quiet === true;
  const progress = new Progress(process.stderr, quiet);
  const status = new ModelStatus(process.stderr, quiet);
  const onEvent = (e: RunEvent): void => {
    if (status.handle(e) && e.type !== 'step-start') return;
    if (!quiet) process.stderr.write(traceLine(e));
    if (e.type === 'finish' || e.type === 'error') status.stop();
    if (e.type === 'step-start' || e.type === 'state-update') progress.update('research', e.budget.used.steps, e.budget.limits.steps);
  };
  const ac = new AbortController();
  const onSigint = (): void => ac.abort(new Error('interrupted (Ctrl-C); continue with --resume'));
  process.once('SIGINT', onSigint);
  let state: ResearchState;
  try {
    if (values.resume !== undefined) {
      if (positionals.length) throw new UserInputError('research: --resume continues a run; give no sources with it');
      state = await resumeResearch(values.resume, {
        ...(provider ? { provider } : {}),
        ...(hasBudget ? { budget } : {}),
        ...(webSearch ? { webSearch } : {}),
        signal: ac.signal,
        onEvent,
      });
    } else {
      if (values.goal === undefined) throw new UserInputError('research: --goal "…" is required');
      if (!values.out) throw new UserInputError('research: --out <dir> is required');
      if (!quiet && positionals.length && values.goal.trim()) process.stderr.write(`reading ${positionals.length} source${positionals.length === 1 ? '' : 's'}…\n`);
      state = await runResearch({
        goal: values.goal,
        sources: positionals,
        runDir: values.out,
        provider: provider ?? { kind: 'offline' },
        ...(hasBudget ? { budget } : {}),
        network: values.network === true,
        ...(webSearch ? { webSearch } : {}),
        signal: ac.signal,
        onEvent,
      });
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  const dir = path.resolve(values.resume ?? values.out ?? '.');
  process.stdout.write(
    `${path.join(dir, 'state.json')}  (${state.status}: ${state.stopReason ?? ''}; ${state.plan.items.length} plan items, ${state.notes.length} notes, ${state.visuals.length} visuals, ${state.step} steps)\n${path.join(dir, 'trace.jsonl')}\n`,
  );
  const sent = state.log.map((l) => l.bytes).filter((b): b is number => b !== undefined);
  if (sent.length && !quiet) {
    // What each step sent the model: with old results shortened and old images named, this grows about linearly.
    const kb = (b: number): string => `${Math.round(b / 1024)} KiB`;
    process.stderr.write(`sent to the model: ${kb(sent.reduce((a, b) => a + b, 0))} over ${sent.length} steps (per step: ${sent.map(kb).join(', ')})\n`);
  }
  if (state.status === 'finished' && state.notes.length === 0) {
    process.stderr.write(`folio: warning: the run found no evidence for the goal in these sources (see the plan in ${path.join(dir, 'state.json')})\n`);
  }
  if (state.status === 'interrupted') {
    process.stderr.write(`folio: research interrupted at step ${state.step}; continue with: folio research --resume ${dir}\n`);
    return 130;
  }
  if (state.status === 'budget-exhausted') {
    // Advise raising what ran out: steps, tokens, or (images, seconds) the run's own limits.
    const reason = state.stopReason ?? 'budget spent';
    const more = /^tokens /.test(reason)
      ? `--max-tokens ${state.budget.limits.tokens * 2}`
      : /^(images|seconds) /.test(reason)
        ? `(the ${reason.split(' ')[0]} budget is spent; raise it in the run's budget settings)`
        : `--max-steps ${state.budget.limits.steps * 2}`;
    throw new BudgetExceeded(`research stopped: ${reason}; what was found so far is saved. Continue with: folio research --resume ${dir} ${more}`);
  }
  return 0;
}

function traceLine(e: RunEvent): string {
  const clear = process.stderr.isTTY ? '\r\x1b[K' : '';
  const step = String(e.step).padStart(3);
  switch (e.type) {
    case 'run-start':
      return `${clear}${e.resumed ? 'resumed' : 'research'}: ${e.goal}  [${e.provider}; ${e.sources.map((s) => s.id).join(', ')}]\n`;
    case 'plan':
      // The whole plan when it is made; after that only its progress (the tool results say what changed).
      if (e.items.some((p) => p.status !== 'open')) return '';
      return `${clear}${step}  plan:\n${e.items.map((p) => `       [ ] ${p.id} ${p.title}`).join('\n')}\n`;
    case 'tool-result':
      return `${clear}${step}  ${e.ok ? '' : '! '}${e.message}\n`;
    case 'finish':
      return `${clear}${step}  ${e.status} (${e.reason}): ${e.notes} notes, ${e.visuals} visuals\n`;
    case 'error':
      return `${clear}${step}  error: ${e.message}\n`;
    default:
      // step-start, tool-call, read and state-update are shown by the bar and the tool results.
      return '';
  }
}
