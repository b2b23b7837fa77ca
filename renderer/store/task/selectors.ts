// Task slice selectors: the chosen skill, whether a run can start (and why not), the options it gets.
import type { SkillSummary } from '../../../electron/contract/contract.ts';
import type { TaskState } from './initial-state.ts';

export const taskSelectors = {
  skill(s: TaskState): SkillSummary | undefined {
    return s.skills.find((k) => k.id === s.skillId);
  },
  runnableSkills(s: TaskState): SkillSummary[] {
    return s.skills.filter((k) => k.status === 'ready');
  },
  usesSlides(s: TaskState): boolean {
    return taskSelectors.skill(s)?.options.some((o) => /slide/i.test(o.name) && o.type === 'number') ?? false;
  },
  usesTheme(s: TaskState): boolean {
    return taskSelectors.skill(s)?.options.some((o) => /theme/i.test(o.name)) ?? false;
  },
  /** Why the Run button is disabled, or null when a run can start. */
  blocker(s: TaskState, chosen: { ready: number; ticked: number }, running: boolean): string | null {
    const skill = taskSelectors.skill(s);
    if (running) return 'A run is in progress.';
    if (!skill) return s.skillsError ?? 'Choose a skill.';
    if (chosen.ready === 0) return 'Add a source and wait until it is ready.';
    if (chosen.ticked === 0) return 'Tick the sources this run should use.';
    if (chosen.ticked < skill.minInputs) return `${skill.name} needs at least ${skill.minInputs} sources; tick more.`;
    if (skill.maxInputs > 0 && chosen.ticked > skill.maxInputs) {
      return `${skill.name} takes ${skill.maxInputs === 1 ? 'one source' : `at most ${skill.maxInputs} sources`}; ${chosen.ticked} are ticked. Untick some, or use “Only this” on a source.`;
    }
    if (skill.goal === 'required' && !s.goal.trim()) return 'Write a goal first.';
    return null;
  },
  /** The skill's options: slide budget and theme from the task, the rest from their defaults. */
  options(s: TaskState): Record<string, string | number | boolean> {
    const out: Record<string, string | number | boolean> = {};
    for (const o of taskSelectors.skill(s)?.options ?? []) {
      if (/slide/i.test(o.name) && o.type === 'number') out[o.name] = s.slides;
      else if (/theme/i.test(o.name) && (o.type === 'string' || (o.type === 'enum' && (o.values ?? []).includes(s.theme)))) out[o.name] = s.theme;
      else if (o.default !== undefined) out[o.name] = o.default;
    }
    return out;
  },
};
