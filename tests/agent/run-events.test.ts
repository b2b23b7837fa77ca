// Run events are one zod union shared by the engine and the contract (issue 25): every event a real
// run sends is one of its members, and the contract's trace reader keeps what the app adds to them.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TraceEvent } from '../../electron/contract/contract.ts';
import { runResearch } from '../../engine/agent/index.js';
import { RunEvent } from '../../engine/vocabulary/run-events.ts';
import { corpus, outputDir } from '../helpers/corpus.js';

const runDir = path.join(outputDir, 'agent-run-events');
const events: unknown[] = [];

beforeAll(async () => {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  await runResearch({
    goal: 'How does tracing pick the loops it compiles?',
    sources: [corpus('papers/pdfjs_tracemonkey.pdf')],
    runDir,
    provider: { kind: 'offline' },
    budget: { steps: 8 },
    // Through JSON, as trace.jsonl and the app's IPC carry them.
    onEvent: (e) => events.push(JSON.parse(JSON.stringify(e))),
  });
}, 120_000);

describe('run events', () => {
  it('every event of an offline run is a member of the union, and a trace event as the contract reads it', () => {
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) {
      const r = RunEvent.safeParse(e);
      expect(r.success, `${JSON.stringify(e).slice(0, 200)}: ${r.error?.message ?? ''}`).toBe(true);
      expect(TraceEvent.safeParse(e).success).toBe(true);
    }
    const types = new Set(events.map((e) => (e as { type: string }).type));
    for (const t of ['run-start', 'plan', 'step-start', 'tool-call', 'tool-result', 'finish']) expect(types, t).toContain(t);
  });

  it('keeps the fields the app adds, refuses a run event without its own fields, and takes skills\' own events', () => {
    const read = events.find((e) => (e as { type: string }).type === 'tool-call') as Record<string, unknown>;
    expect(TraceEvent.parse({ ...read, appSourceId: 'src-1' })).toMatchObject({ appSourceId: 'src-1' });
    expect(TraceEvent.safeParse({ type: 'plan', runId: 'r', step: 1, t: 0, message: 'plan' }).success).toBe(false);
    expect(TraceEvent.safeParse({ type: 'compose', runId: 'r', message: 'Composed 4 sections' }).success).toBe(true);
    // A writer's stream update comes from a skill, outside any step.
    expect(TraceEvent.safeParse({ type: 'model-stream', runId: 'r', message: 'text: …', request: 'write:s1', phase: 'text', delta: 'Tra', waitedMs: 10, reasoningChars: 0, textChars: 3 }).success).toBe(true);
  });
});
