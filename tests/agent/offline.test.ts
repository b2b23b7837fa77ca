// The offline research run on two real papers, checked the way a reader would check it: the run
// finishes within budget, every note's quote is on the cited page of the cited source (against
// pdftotext, an independent reader), figures and tables were chosen, and the trace tells the story.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResearchState, runResearch, type RunEvent } from '../../engine/agent/index.js';
import { SourceDocument } from '../../engine/ingest/types.js';
import { corpus, outputDir, pdftotext } from '../helpers/corpus.js';

const GOAL = 'Compare how the two papers evaluate their systems';
const FILES = { 'pdfjs-tracemonkey': 'papers/pdfjs_tracemonkey.pdf', 'unstructured-multi-column-dpr': 'papers/unstructured_multi-column_DPR.pdf' } as const;
const runDir = path.join(outputDir, 'agent-offline');

/**
 * Letters and digits only, accents stripped: line breaks, hyphenation, spacing and where a reader
 * attaches a floating accent ("m̃" in a formula) differ between PDF readers; the words do not.
 */
function letters(s: string): string {
  return s.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

let state: ResearchState;
const events: RunEvent[] = [];

beforeAll(async () => {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  state = await runResearch({
    goal: GOAL,
    sources: Object.values(FILES).map((f) => corpus(f)),
    runDir,
    provider: { kind: 'offline' },
    budget: { steps: 40 },
    onEvent: (e) => events.push(e),
  });
});

describe('offline research on TraceMonkey + DPR', () => {
  it('finishes by calling finish, within budget, and the saved state is the returned state', () => {
    expect(state.status).toBe('finished');
    expect(state.stopReason).toBe('finish called');
    for (const k of ['steps', 'tokens', 'images', 'seconds'] as const) expect(state.budget.used[k]).toBeLessThan(state.budget.limits[k]);
    const saved = ResearchState.parse(JSON.parse(readFileSync(path.join(runDir, 'state.json'), 'utf8')));
    expect(saved).toEqual(JSON.parse(JSON.stringify(state)));
    expect(state.log).toHaveLength(state.step);
    expect(state.sources.map((s) => s.id).sort()).toEqual(Object.keys(FILES).sort());
  });

  it('plans from both papers’ sections plus the goal as a sub-question per paper, and closes every item', () => {
    const items = state.plan.items;
    for (const id of Object.keys(FILES)) expect(items.some((p) => p.kind === 'section' && p.sourceIds?.includes(id))).toBe(true);
    // Issue 23: the goal is broken into one sub-question per source, so each paper is answered (or
    // said to be silent) on its own, instead of one question across both.
    for (const id of Object.keys(FILES)) expect(items.some((p) => p.kind === 'question' && p.sourceIds?.length === 1 && p.sourceIds[0] === id)).toBe(true);
    for (const p of items) {
      expect(p.status).not.toBe('open');
      expect(p.why).toBeTruthy();
    }
    // The evaluation sections are what the goal asks about.
    expect(items.some((p) => p.section === 'Evaluation')).toBe(true);
    expect(items.some((p) => /^Experiments/.test(p.section ?? ''))).toBe(true);
  });

  it('every note quotes the cited page of the cited source exactly, inside the cited block', () => {
    expect(state.notes.length).toBeGreaterThanOrEqual(8);
    const docs = new Map(state.sources.map((s) => [s.id, SourceDocument.parse(JSON.parse(readFileSync(path.join(s.docDir, 'document.json'), 'utf8')))]));
    const pageText = new Map<string, string>();
    for (const n of state.notes) {
      expect(n.evidence.length).toBeGreaterThan(0);
      for (const e of n.evidence) {
        const rel = FILES[e.sourceId as keyof typeof FILES];
        expect(rel, `unknown source ${e.sourceId}`).toBeDefined();
        const key = `${e.sourceId}:${e.page}`;
        if (!pageText.has(key)) pageText.set(key, letters(pdftotext(corpus(rel), { first: e.page, last: e.page })));
        expect(pageText.get(key), `${n.id}: "${e.quote}" not on ${rel} p. ${e.page}`).toContain(letters(e.quote));
        const block = docs.get(e.sourceId)!.pages[e.page - 1]!.blocks.find((b) => b.id === e.blockId);
        expect(block?.bbox).toEqual(e.bbox);
        expect(block?.text).toContain(e.quote);
      }
    }
    // Both papers are quoted.
    expect(new Set(state.notes.flatMap((n) => n.evidence.map((e) => e.sourceId))).size).toBe(2);
  });

  it('selects at least one figure and one table, each real and explained', () => {
    const figures = state.visuals.filter((v) => v.kind === 'figure');
    const tables = state.visuals.filter((v) => v.kind === 'table');
    expect(figures.length).toBeGreaterThanOrEqual(1);
    expect(tables.length).toBeGreaterThanOrEqual(1);
    for (const v of state.visuals) {
      const s = state.sources.find((x) => x.id === v.sourceId)!;
      const doc = SourceDocument.parse(JSON.parse(readFileSync(path.join(s.docDir, 'document.json'), 'utf8')));
      const item = [...doc.figures, ...doc.tables].find((f) => f.id === v.ref);
      expect(item?.page).toBe(v.page);
      expect(v.why.length).toBeGreaterThan(10);
    }
    // The DPR results table the experiments section discusses is among them.
    expect(tables.some((t) => t.sourceId === 'unstructured-multi-column-dpr' && /^Table [24]$/.test(t.label ?? ''))).toBe(true);
  });

  it('pushes every kind of event with the run id, small and JSON-serialisable, and mirrors them in trace.jsonl', () => {
    const types = new Set(events.map((e) => e.type));
    for (const t of ['run-start', 'plan', 'step-start', 'tool-call', 'tool-result', 'read', 'state-update', 'finish'] as const) expect(types.has(t), t).toBe(true);
    for (const e of events) {
      expect(e.runId).toBe(state.runId);
      expect(JSON.stringify(e).length).toBeLessThan(20_000);
    }
    const trace = readFileSync(path.join(runDir, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
    expect(trace.map((e) => e.type)).toEqual(events.map((e) => e.type));
    const reads = events.filter((e): e is Extract<RunEvent, { type: 'read' }> => e.type === 'read');
    expect(reads.every((r) => r.pages.length > 0)).toBe(true);
    // Pages were looked at as images too: read_page renders them into the run folder.
    expect(state.budget.used.images).toBeGreaterThan(0);
  });
});
