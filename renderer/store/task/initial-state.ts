// Task slice: what the person asks for (goal, skill, provider, slide budget, theme) and the skills on offer.
import type { SkillSummary } from '../../../electron/contract/contract.ts';

export interface TaskState {
  goal: string;
  skillId: string;
  providerId: string;
  slides: number;
  theme: string;
  skills: SkillSummary[];
  skillsError: string | null;
}

export const taskInitialState: TaskState = {
  goal: '',
  skillId: '',
  providerId: '',
  // A paper makes a 10–15 slide talk; the composer shares this budget among its sections.
  slides: 12,
  theme: 'paper',
  skills: [],
  skillsError: null,
};
