// Outputs slice: previews open on a tab that has content; exports record what was written.
import { describe, expect, it } from 'vitest';
import { RunInfo } from '../../electron/contract/contract.ts';
import { outputsSelectors } from '../../renderer/store/outputs/selectors.ts';
import { fakeStore } from './fake-client.ts';

// Parsed as the app reads a saved run.json: an older run's 'report' is read as 'markdown'.
const done = (kinds: string[]): RunInfo => RunInfo.parse({
  id: 'run-1', skillId: 'x', goal: '', sourceIds: ['a'], options: {}, providerId: 'offline', status: 'done', startedAt: '2026-01-01T00:00:00Z', attempts: 1,
  outputs: kinds.map((k) => ({ kind: k, label: k, path: `runs/run-1/out/${k}`, name: k })),
});

describe('outputs slice', () => {
  it('switches to a tab with content when the preview arrives', async () => {
    const { store } = fakeStore({ 'export.preview': () => ({ report: '# Title' }) });
    await store.getState().loadPreview('run-1');
    expect(store.getState().outputTab).toBe('report');
    expect(outputsSelectors.hasPreview(outputsSelectors.preview(store.getState(), 'run-1'))).toBe(true);
    expect(outputsSelectors.hasPreview(outputsSelectors.preview(store.getState(), 'run-2'))).toBe(false);
  });

  it('offers the exports the run made', () => {
    expect(outputsSelectors.exportKinds(done(['pptx', 'slides']))).toEqual(['pptx', 'slides']);
    expect(outputsSelectors.exportKinds(done(['report', 'site']))).toEqual(['markdown', 'site']);
    expect(outputsSelectors.exportKinds({ ...done(['pptx']), status: 'running' })).toEqual([]);
  });

  it('records an export, and a failed export as the error', async () => {
    let n = 0;
    const { store } = fakeStore({
      'export.file': () => {
        if (n++ > 0) throw new Error('this run made no report');
        return { path: 'exports/x.pptx', name: 'x.pptx', savedTo: null };
      },
    });
    expect(await store.getState().exportFile('run-1', 'pptx')).toEqual({ runId: 'run-1', kind: 'pptx', path: 'exports/x.pptx', name: 'x.pptx', savedTo: null });
    expect(await store.getState().exportFile('run-1', 'markdown')).toBeNull();
    expect(store.getState().outputsError).toBe('this run made no report');
    expect(store.getState().exporting).toBeNull();
  });
});
