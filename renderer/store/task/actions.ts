// Task slice actions.
import { messageOf, type Get, type Set, type StoreDeps } from '../types.ts';
import type { OptionValue } from './initial-state.ts';
import { taskSelectors } from './selectors.ts';
export type { OptionValue, TaskState } from './initial-state.ts';

export interface TaskActions {
  loadSkills(): Promise<void>;
  setGoal(goal: string): void;
  setSkill(id: string): void;
  setProvider(id: string): void;
  /** Sets one of the current skill's options. */
  setOption(name: string, value: OptionValue): void;
}

export function createTaskActions(set: Set, get: Get, { client }: StoreDeps): TaskActions {
  return {
    async loadSkills() {
      try {
        const skills = await client.call('skills.list');
        const runnable = skills.filter((s) => s.status === 'ready');
        const keep = runnable.some((s) => s.id === get().skillId);
        set({ skills, skillsError: null, ...(keep ? {} : { skillId: runnable.find((s) => s.id === 'pdf-to-ppt')?.id ?? runnable[0]?.id ?? '' }) });
      } catch (err) {
        set({ skills: [], skillsError: messageOf(err) });
      }
    },
    setGoal: (goal) => set({ goal }),
    setSkill: (skillId) => set({ skillId }),
    setProvider: (providerId) => set({ providerId }),
    setOption(name, value) {
      const st = get();
      const opt = taskSelectors.skill(st)?.options.find((o) => o.name === name);
      if (!opt) return;
      if (typeof value === 'number' && !Number.isFinite(value)) return;
      // Kept as typed (clamping "1" on the way to "12" would fight the person); bounds apply when a run starts.
      set({ optionValues: { ...st.optionValues, [st.skillId]: { ...st.optionValues[st.skillId], [name]: value } } });
    },
  };
}
