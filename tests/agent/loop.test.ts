// Loop parts in isolation: stop conditions as predicates, and what prepareStep sends (images from
// the latest step only, within the per-request and budget limits, the rest named, old results cut).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, budgetSpent, hasToolCall, newState, stepCount, type ResearchState } from '../../engine/agent/index.js';
import { prepareStep, type LoopContext } from '../../engine/agent/loop.js';
import { OfflineProvider } from '../../engine/providers/index.js';
import { SourceIndex } from '../../engine/search/index.js';
import { outputDir } from '../helpers/corpus.js';

function baseState(): ResearchState {
  return newState({ runId: 'r', goal: 'g', createdAt: new Date().toISOString(), provider: { kind: 'offline' }, network: false, sources: [], warnings: [], limits: { ...DEFAULT_BUDGET } });
}

describe('stop conditions', () => {
  it('are plain predicates: finish called, step count, any budget spent', () => {
    const s = baseState();
    expect(hasToolCall('finish')(s, { step: 1, toolNames: ['add_note'] })).toBeNull();
    expect(hasToolCall('finish')(s, { step: 1, toolNames: ['add_note', 'finish'] })).toEqual({ status: 'finished', reason: 'finish called' });
    // Tools are keyed by name: a misspelt stop condition does not compile (tsc -b checks this line).
    // @ts-expect-error 'finsh' is no tool's name
    expect(hasToolCall('finsh')(s, { step: 1, toolNames: ['finish'] })).toBeNull();
    s.step = 5;
    expect(stepCount(6)(s, { step: 5, toolNames: [] })).toBeNull();
    expect(stepCount(5)(s, { step: 5, toolNames: [] })?.status).toBe('budget-exhausted');
    expect(budgetSpent(s, { step: 5, toolNames: [] })).toBeNull();
    s.budget.used.tokens = s.budget.limits.tokens;
    expect(budgetSpent(s, { step: 5, toolNames: [] })?.reason).toMatch(/^tokens budget spent/);
  });
});

describe('prepareStep', () => {
  it('attaches only the latest step’s images, within limits, names the others and shortens old results', async () => {
    const runDir = path.join(outputDir, 'agent-loop');
    mkdirSync(path.join(runDir, 'images'), { recursive: true });
    const c = createCanvas(8, 8);
    const png = c.toBuffer('image/png');
    for (const n of ['a', 'b', 'c', 'd']) writeFileSync(path.join(runDir, 'images', `${n}.png`), png);
    const s = baseState();
    s.step = 12;
    s.budget.used.steps = 12;
    s.budget.used.images = DEFAULT_BUDGET.images - 2;
    s.transcript = [
      { role: 'user', step: 0, content: [{ type: 'text', text: 'Goal: g' }] },
      { role: 'assistant', step: 1, content: '', toolCalls: [{ id: 'c1', name: 'read_page', args: {} }] },
      { role: 'tool', step: 1, toolCallId: 'c1', name: 'read_page', content: [{ type: 'text', text: 'x'.repeat(2000) }, { type: 'image', path: 'images/a.png', label: 'old page' }] },
      { role: 'assistant', step: 12, content: '', toolCalls: [{ id: 'c8', name: 'read_page', args: {} }] },
      {
        role: 'tool',
        step: 12,
        toolCallId: 'c8',
        name: 'read_page',
        content: [
          { type: 'text', text: 'y'.repeat(2000) },
          { type: 'image', path: 'images/b.png', label: 'p1' },
          { type: 'image', path: 'images/c.png', label: 'p2' },
          { type: 'image', path: 'images/d.png', label: 'p3' },
        ],
      },
    ];
    const ctx: LoopContext = { state: s, provider: new OfflineProvider(), docs: new Map(), index: new SourceIndex([]), runDir, signal: new AbortController().signal, stopWhen: [], emit: () => {} };
    const p = await prepareStep(ctx);
    // Two images left in the budget: the newest two of the latest step.
    expect(p.images).toBe(2);
    const parts = p.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content));
    expect(parts.filter((x) => x.type === 'image').map((x) => (x.type === 'image' ? x.label : ''))).toEqual(['p2', 'p3']);
    const texts = parts.filter((x) => x.type === 'text').map((x) => (x.type === 'text' ? x.text : ''));
    expect(texts).toContain('[image: old page — not attached this step; open it again to look]');
    expect(texts).toContain('[image: p1 — not attached this step; open it again to look]');
    expect(texts.find((t) => t.startsWith('xxx'))).toMatch(/^x{500}… \[shortened/);
    expect(texts.find((t) => t.startsWith('yyy'))).toHaveLength(2000);
    // Old results are shortened in batches (at steps 12, 18, …): at step 11 the step-1 result was still whole.
    s.step = 11;
    const before = await prepareStep(ctx);
    const beforeTexts = before.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content)).map((x) => (x.type === 'text' ? x.text : ''));
    expect(beforeTexts.find((t) => t.startsWith('xxx'))).toHaveLength(2000);
    s.step = 12;
    // The changing state is the last message; the system prompt stays the same across a run.
    const last = p.messages.at(-1)!;
    expect(last.role).toBe('user');
    expect(JSON.stringify(last.content)).toMatch(/Budget left: 48 steps/);
    expect(p.system).not.toMatch(/Budget left/);
    s.step += 1;
    s.budget.used.steps += 1;
    const q = await prepareStep(ctx);
    expect(q.system).toBe(p.system);
  });
});
