// Task slice: skill choice, why Run is disabled, and the options a run gets.
import { describe, expect, it } from 'vitest';
import type { SkillSummary, SourceInfo } from '../../electron/contract/contract.ts';
import { taskSelectors } from '../../renderer/store/task/selectors.ts';
import { fakeStore } from './fake-client.ts';

const ppt: SkillSummary = {
  id: 'pdf-to-ppt', name: 'PDF to PPT', description: '', status: 'ready', inputs: ['pdf'], minInputs: 1, maxInputs: 1, outputs: ['pptx'], provider: 'optional', goal: 'optional',
  options: [
    { name: 'slides', type: 'number', min: 4, max: 60, description: '' },
    { name: 'theme', type: 'enum', values: ['paper', 'midnight'], default: 'paper', setting: 'deck-theme', description: '' },
  ],
};
const report: SkillSummary = {
  ...ppt, id: 'research-report', name: 'Report', maxInputs: 0, goal: 'required',
  options: [
    { name: 'depth', type: 'number', default: 3, description: '' },
    { name: 'outputs', type: 'set', values: ['md', 'html', 'pptx', 'slides'], default: 'md', description: '' },
  ],
};
const broken: SkillSummary = { ...ppt, id: 'zz', name: 'Broken', status: 'broken', error: 'SKILL.md missing' };

describe('task slice', () => {
  it('loads skills and picks pdf-to-ppt by default', async () => {
    const { store } = fakeStore({ 'skills.list': () => [broken, report, ppt] });
    await store.getState().loadSkills();
    expect(store.getState().skillId).toBe('pdf-to-ppt');
    expect(taskSelectors.runnableSkills(store.getState()).map((s) => s.id)).toEqual(['research-report', 'pdf-to-ppt']);
  });

  it('says why a run cannot start', async () => {
    const { store } = fakeStore({ 'skills.list': () => [ppt, report] });
    await store.getState().loadSkills();
    const st = () => store.getState();
    expect(taskSelectors.blocker(st(), { ready: 0, ticked: 0 }, false)).toMatch(/Add a source/);
    expect(taskSelectors.blocker(st(), { ready: 2, ticked: 0 }, false)).toMatch(/Tick the sources/);
    expect(taskSelectors.blocker(st(), { ready: 4, ticked: 2 }, false)).toMatch(/takes one source; 2 are ticked/);
    expect(taskSelectors.blocker(st(), { ready: 4, ticked: 1 }, false)).toBeNull();
    expect(taskSelectors.blocker(st(), { ready: 1, ticked: 1 }, true)).toMatch(/in progress/);
    expect(taskSelectors.blocker(st(), { ready: 1, ticked: 1 }, false)).toBeNull();
    st().setSkill('research-report');
    expect(taskSelectors.blocker(st(), { ready: 3, ticked: 3 }, false)).toMatch(/goal/);
    st().setGoal('why');
    expect(taskSelectors.blocker(st(), { ready: 3, ticked: 3 }, false)).toBeNull();
  });

  it('gives the run every option from the skill\'s declaration: set values, defaults, the theme setting, bounds', async () => {
    const { store } = fakeStore({ 'skills.list': () => [ppt, report] });
    await store.getState().loadSkills();
    const st = () => store.getState();
    expect(taskSelectors.options(st())).toEqual({ theme: 'paper' });
    store.setState({ deckTheme: 'midnight' });
    expect(taskSelectors.options(st())).toEqual({ theme: 'midnight' });
    st().setOption('slides', 500);
    expect(taskSelectors.options(st())).toEqual({ slides: 60, theme: 'midnight' });
    st().setOption('slides', 2);
    st().setOption('theme', 'paper');
    expect(taskSelectors.options(st())).toEqual({ slides: 4, theme: 'paper' });
    st().setOption('nonsense', 1);
    st().setSkill('research-report');
    expect(taskSelectors.options(st())).toEqual({ depth: 3, outputs: 'md' });
    st().setOption('outputs', 'md,html,slides');
    expect(taskSelectors.options(st())).toEqual({ depth: 3, outputs: 'md,html,slides' });
    // Each skill keeps its own values.
    st().setSkill('pdf-to-ppt');
    expect(taskSelectors.options(st())).toEqual({ slides: 4, theme: 'paper' });
    expect(taskSelectors.optionLabel({ name: 'max-steps', type: 'number', description: '' })).toBe('Max steps');
  });

  it('keeps the skill list empty with the reason when the registry is unavailable', async () => {
    const { store } = fakeStore({});
    await store.getState().loadSkills();
    expect(store.getState().skills).toEqual([]);
    expect(store.getState().skillsError).toMatch(/unexpected call skills\.list/);
  });

  it('remembers the last skill, goal, option values and the sources left out across a reload', async () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
    const first = fakeStore({ 'skills.list': () => [ppt, report] }, { storage }).store;
    await first.getState().loadSkills();
    first.getState().setSkill('research-report');
    first.getState().setGoal('Compare the two evaluations');
    first.getState().setOption('outputs', 'md,pptx');
    const again = fakeStore({ 'skills.list': () => [ppt, report] }, { storage }).store;
    await again.getState().loadSkills();
    expect(again.getState()).toMatchObject({ skillId: 'research-report', goal: 'Compare the two evaluations' });
    expect(taskSelectors.options(again.getState())).toEqual({ depth: 3, outputs: 'md,pptx' });
    // The sources left out stay left out, for the sources still in the project.
    first.getState().tickSource('src-b', false);
    first.getState().tickSource('src-gone', false);
    const sources: SourceInfo[] = [
      { id: 'src-a', name: 'a.pdf', kind: 'pdf', status: 'ready', addedAt: '2026-01-01T00:00:00Z' },
      { id: 'src-b', name: 'b.pdf', kind: 'pdf', status: 'ready', addedAt: '2026-01-01T00:00:00Z' },
    ];
    const third = fakeStore({ 'sources.list': () => sources }, { storage }).store;
    await third.getState().loadSources();
    expect(third.getState().unticked).toEqual({ 'src-b': true });
    // A damaged entry is ignored, not fatal.
    saved.set('folio.task', '{not json');
    expect(fakeStore({}, { storage }).store.getState().goal).toBe('');
  });
});
