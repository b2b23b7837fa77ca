// Task slice: what the person asks for (goal, skill, provider, the skill's options) and the skills on offer.
import type { SkillSummary } from '../../../electron/contract/contract.ts';

export type OptionValue = string | number | boolean;

export interface TaskState {
  goal: string;
  skillId: string;
  providerId: string;
  /** Option values the person set, per skill id; the rest come from the skill's declared defaults. */
  optionValues: Record<string, Record<string, OptionValue>>;
  /** Settings → Default theme, for options declared `setting: deck-theme`. */
  deckTheme: string;
  skills: SkillSummary[];
  skillsError: string | null;
}

export const taskInitialState: TaskState = {
  goal: '',
  skillId: '',
  providerId: '',
  optionValues: {},
  deckTheme: 'paper',
  skills: [],
  skillsError: null,
};
