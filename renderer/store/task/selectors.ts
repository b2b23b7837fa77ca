// Task slice selectors: the chosen skill, whether a run can start (and why not), the options it gets.
import type { SkillOptionInfo, SkillSummary } from '../../../electron/contract/contract.ts';
import type { OptionValue, TaskState } from './initial-state.ts';

export const taskSelectors = {
  skill(s: TaskState): SkillSummary | undefined {
    return s.skills.find((k) => k.id === s.skillId);
  },
  runnableSkills(s: TaskState): SkillSummary[] {
    return s.skills.filter((k) => k.status === 'ready');
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
  /** The value an option has now: what the person set, else the setting it follows, else its default. */
  optionValue(s: TaskState, o: SkillOptionInfo): OptionValue | undefined {
    const set = s.optionValues[s.skillId]?.[o.name];
    if (set !== undefined) return set;
    if (o.setting === 'deck-theme' && (o.type !== 'enum' || (o.values ?? []).includes(s.deckTheme))) return s.deckTheme;
    return o.default;
  },
  /** The options a run gets: every declared option that has a value (an empty one is left to the skill), numbers within their bounds. */
  options(s: TaskState): Record<string, OptionValue> {
    const out: Record<string, OptionValue> = {};
    for (const o of taskSelectors.skill(s)?.options ?? []) {
      const v = taskSelectors.optionValue(s, o);
      if (v === undefined || v === '') continue;
      out[o.name] = typeof v === 'number' ? Math.max(o.min ?? -Infinity, Math.min(o.max ?? Infinity, Math.round(v))) : v;
    }
    return out;
  },
  /** How a form names an option. */
  optionLabel(o: SkillOptionInfo): string {
    return o.label ?? o.name.charAt(0).toUpperCase() + o.name.slice(1).replace(/-/g, ' ');
  },
};
