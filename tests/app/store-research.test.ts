// Research slice: start with the task's options, live trace, cancel and resume, progress and reads.
import { describe, expect, it } from 'vitest';
import type { RunInfo, SourceInfo, TraceEvent } from '../../electron/contract/contract.ts';
import { sourcesSelectors } from '../../renderer/store/sources/selectors.ts';
import { researchSelectors } from '../../renderer/store/research/selectors.ts';
import { fakeStore } from './fake-client.ts';

const run = (status: RunInfo['status'], extra: Partial<RunInfo> = {}): RunInfo => ({
  id: 'run-1', skillId: 'pdf-to-ppt', goal: '', sourceIds: ['a'], options: {}, providerId: 'offline', status, startedAt: '2026-01-01T00:00:00.000Z', attempts: 1, outputs: [], ...extra,
});
const ready: SourceInfo = { id: 'a', name: 'a.pdf', kind: 'pdf', status: 'ready', addedAt: '2026-01-01T00:00:00Z' };
const ev = (type: string, extra: Record<string, unknown> = {}): TraceEvent => ({ type, message: type, runId: 'run-1', ...extra });

describe('research slice', () => {
  it('starts a run over the ready sources and mirrors its trace', async () => {
    const { store, calls } = fakeStore({ 'research.start': () => run('running'), 'sources.get': () => ({ source: ready, pages: [], figures: [], tables: [] }) });
    store.getState().applySourceChanged(ready);
    store.getState().applySourceChanged({ ...ready, id: 'b', status: 'failed' });
    store.setState({ skillId: 'pdf-to-ppt', goal: 'explain' });
    await store.getState().startRun();
    expect(calls.find((c) => c.channel === 'research.start')?.input).toMatchObject({ skillId: 'pdf-to-ppt', goal: 'explain', sourceIds: ['a'] });
    expect(researchSelectors.activeRun(store.getState())?.status).toBe('running');
    for (const e of [ev('plan'), ev('read', { appSourceId: 'a', sourceId: 'doc', pages: [2, 3] }), ev('state-update', { planDone: 1, planTotal: 4, budget: { limits: { steps: 60 }, used: { steps: 2 } } })]) store.getState().applyTraceEvent(e);
    const trace = researchSelectors.activeTrace(store.getState());
    expect(researchSelectors.phaseCounts(trace)).toEqual({ plan: 1, read: 1, state: 1 });
    expect(researchSelectors.progress(researchSelectors.activeRun(store.getState()), trace)).toBe(0.25);
    const budgetOnly = [ev('state-update', { planDone: 0, planTotal: 0, budget: { limits: { steps: 60 }, used: { steps: 15 } } })];
    expect(researchSelectors.progress(researchSelectors.activeRun(store.getState()), budgetOnly)).toBe(0.25);
    expect(researchSelectors.readRef(trace[1]!)).toEqual({ sourceId: 'a', pages: [2, 3], figures: [] });
  });

  it('runs over the ticked sources only; "only this" ticks one, and a removed source is forgotten', async () => {
    const { store, calls } = fakeStore({ 'research.start': () => run('running'), 'sources.get': () => ({ source: ready, pages: [], figures: [], tables: [] }), 'sources.remove': () => ({ removed: true }) });
    for (const id of ['a', 'b', 'c', 'd']) store.getState().applySourceChanged({ ...ready, id });
    store.setState({ skillId: 'pdf-to-ppt', goal: '' });
    expect(sourcesSelectors.chosenIds(store.getState())).toEqual(['a', 'b', 'c', 'd']);
    store.getState().tickSource('b', false);
    expect(sourcesSelectors.chosenCounts(store.getState())).toEqual({ ready: 4, ticked: 3 });
    store.getState().tickOnly('c');
    expect(sourcesSelectors.chosenIds(store.getState())).toEqual(['c']);
    await store.getState().startRun();
    expect(calls.find((c) => c.channel === 'research.start')?.input).toMatchObject({ sourceIds: ['c'] });
    store.getState().tickSource('a', true);
    await store.getState().removeSource('a');
    expect(store.getState().unticked).toEqual({ b: true, d: true });
    store.getState().applySourceChanged({ ...ready, id: 'e' });
    expect(sourcesSelectors.chosenIds(store.getState())).toEqual(['c', 'e']);
  });

  it('cancels and resumes the active run', async () => {
    const { store, calls } = fakeStore({
      'research.cancel': () => run('cancelled', { error: { code: 'ABORTED', message: 'cancelled' } }),
      'research.resume': () => run('running', { attempts: 2 }),
    });
    store.setState({ runs: { 'run-1': run('running') }, activeRunId: 'run-1' });
    expect(researchSelectors.isRunning(store.getState())).toBe(true);
    await store.getState().cancelRun();
    expect(researchSelectors.activeRun(store.getState())?.status).toBe('cancelled');
    await store.getState().cancelRun(); // nothing running: no call
    await store.getState().resumeRun();
    expect(researchSelectors.activeRun(store.getState())?.attempts).toBe(2);
    expect(calls.map((c) => c.channel)).toEqual(['research.cancel', 'research.resume']);
  });

  it('shows a refused start as the run error', async () => {
    const { store } = fakeStore({});
    await store.getState().startRun();
    expect(store.getState().runError).toMatch(/research\.start/);
  });

  it('measures elapsed time to the end of a finished run', () => {
    const r = run('done', { endedAt: '2026-01-01T00:01:05.000Z' });
    expect(researchSelectors.elapsedMs(r, Date.parse('2026-01-02T00:00:00Z'))).toBe(65_000);
    expect(researchSelectors.progress(r, [])).toBe(1);
  });
});

describe('trace batching', () => {
  it('collapses a stream of progress events into one moving line, keeping order', async () => {
    const { appendTrace } = await import('../../renderer/store/research/actions.ts');
    const p = (n: number): TraceEvent => ({ type: 'ingest-progress', message: `page ${n}/14`, runId: 'run-1' });
    const trace = appendTrace([ev('run-queued')], [p(1), p(2), p(3), ev('compose'), p(4)]);
    expect(trace.map((e) => e.message)).toEqual(['run-queued', 'page 3/14', 'compose', 'page 4/14']);
  });

  it('folds a model request\'s stream into one live line per step that keeps what came so far', async () => {
    const { appendTrace } = await import('../../renderer/store/research/actions.ts');
    const m = (step: number, phase: string, delta: string, message: string): TraceEvent => ({ type: 'model-stream', message, runId: 'run-1', step, phase, delta, waitedMs: 0, reasoningChars: 0, textChars: 0 });
    const trace = appendTrace(
      [ev('step-start', { step: 1 })],
      [m(1, 'waiting', '', 'waiting for the model (5 s)…'), m(1, 'reasoning', 'Let me ', 'reasoning: Let me'), m(1, 'reasoning', 'look.', 'reasoning: look.'), m(1, 'text', 'The answer', 'text: The answer'), m(1, 'text', ' is 42.', 'text:  is 42.'), m(1, 'done', '', 'model answered in 1.2 s'), ev('tool-call', { step: 1 }), m(2, 'text', 'Next.', 'text: Next.')],
    );
    expect(trace.map((e) => e.type)).toEqual(['step-start', 'model-stream', 'tool-call', 'model-stream']);
    expect(trace[1]).toMatchObject({ phase: 'done', message: 'model answered in 1.2 s', reasoning: 'Let me look.', text: 'The answer is 42.' });
    expect(trace[3]).toMatchObject({ step: 2, text: 'Next.', reasoning: '' });
  });

  it('a writer\'s requests (no step) are one line each, by their request id', async () => {
    const { appendTrace } = await import('../../renderer/store/research/actions.ts');
    const w = (request: string, phase: string, delta: string): TraceEvent => ({ type: 'model-stream', message: `${phase}: ${delta}`, runId: 'run-1', request, phase, delta, waitedMs: 0, reasoningChars: 0, textChars: 0 });
    const trace = appendTrace([], [w('write:summary', 'text', 'The paper '), w('write:summary', 'text', 'finds X.'), w('write:summary', 'done', ''), w('write:s1', 'text', 'Method.'), w('write:s1', 'done', '')]);
    expect(trace).toHaveLength(2);
    expect(trace[0]).toMatchObject({ request: 'write:summary', text: 'The paper finds X.', phase: 'done' });
    expect(trace[1]).toMatchObject({ request: 'write:s1', text: 'Method.' });
  });

  it('mirrors pushed events in batches', async () => {
    const { store, client, emit } = fakeStore({});
    const { connectEvents } = await import('../../renderer/store/index.ts');
    const off = connectEvents(store, { client });
    for (let i = 0; i < 5; i++) emit('research.event', ev('step-start', { step: i }));
    expect(store.getState().traces['run-1']).toBeUndefined();
    await new Promise((r) => setTimeout(r, 150));
    expect(store.getState().traces['run-1']).toHaveLength(5);
    off();
  });
});
