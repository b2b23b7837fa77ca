// Task slice actions.
import { messageOf, type Get, type Set, type StoreDeps } from '../types.ts';
export type { TaskState } from './initial-state.ts';

export interface TaskActions {
  loadSkills(): Promise<void>;
  setGoal(goal: string): void;
  setSkill(id: string): void;
  setProvider(id: string): void;
  setSlides(n: number): void;
  setTheme(theme: string): void;
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
    setSlides: (n) => set({ slides: Math.max(1, Math.min(60, Math.round(Number.isFinite(n) ? n : 8))) }),
    setTheme: (theme) => set({ theme }),
  };
}
