// The one place the app reaches the skills registry (skills/registry.ts: listSkills, runSkill).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../engine/project-root.ts';
import type { RunSkillRequest, SkillInfo, SkillResult } from '../../skills/types.ts';

interface Registry {
  listSkills(opts?: { userDir?: string }): Promise<SkillInfo[]>;
  runSkill(id: string, req: RunSkillRequest): Promise<SkillResult>;
}

let cached: Promise<Registry> | null = null;

export function loadRegistry(): Promise<Registry> {
  cached ??= (async () => {
    // Loaded on first use: skills are TypeScript modules imported at run time (built-in and the
    // user's own), so the thread that runs them needs the tsx loader; a job worker started from a
    // bundle registers it here. Found from the project root because this module may be bundled.
    if (!import.meta.url.endsWith('.ts')) (await import('tsx/esm/api')).register();
    const url = pathToFileURL(path.join(projectRoot(), 'skills/registry.ts')).href;
    try {
      return (await import(url)) as Registry;
    } catch (err) {
      cached = null;
      throw err;
    }
  })();
  return cached;
}
