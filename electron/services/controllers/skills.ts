// Skills: the registry's list, as the UI sees it (no folder paths).
import type { SkillSummary } from '../../contract/contract.ts';
import { loadRegistry } from '../skills-api.ts';

export class SkillsController {
  async list(): Promise<SkillSummary[]> {
    const registry = await loadRegistry();
    const skills = await registry.listSkills();
    return skills.map(({ dir: _dir, documents: _documents, ...s }) => ({ ...s, error: s.error, options: s.options.map((o) => ({ ...o })) }));
  }

  /** Whether a skill takes the project's document folders (sources already read) instead of the original files. */
  async readsDocuments(id: string): Promise<boolean> {
    const registry = await loadRegistry();
    return (await registry.listSkills()).some((s) => s.id === id && s.documents);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.list()).some((s) => s.id === id && s.status !== 'broken');
  }
}
