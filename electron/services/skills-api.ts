// The one place the app reaches the skills registry (skills/registry.ts: listSkills, runSkill).
import type { RunSkillRequest, SkillInfo, SkillResult } from '../../skills/types.ts';
import { ContractError } from '../contract/wrapper.ts';

interface Registry {
  listSkills(opts?: { userDir?: string }): Promise<SkillInfo[]>;
  runSkill(id: string, req: RunSkillRequest): Promise<SkillResult>;
}

let cached: Promise<Registry> | null = null;

export function loadRegistry(): Promise<Registry> {
  cached ??= (async () => {
    // Resolved at run time: the registry is written by another issue, and the app must still start
    // (sources, settings, projects) in a tree where it has not landed.
    const url = new URL('../../skills/registry.ts', import.meta.url).href;
    try {
      return (await import(url)) as Registry;
    } catch (err) {
      cached = null;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_MODULE_NOT_FOUND') throw new ContractError('UNAVAILABLE', 'the skills registry (skills/registry.ts) is not part of this build');
      throw err;
    }
  })();
  return cached;
}
