// Projects: a project is a folder (project.json, sources/, runs/, exports/). Opening one restores its
// sources and runs; the recent list lives in the app data folder.
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ProjectInfo } from '../../contract/contract.ts';
import { ContractError } from '../../contract/wrapper.ts';
import type { EventBus } from '../event-bus.ts';
import { nowIso, readJson, writeJsonAtomic } from '../fs-util.ts';
import type { Host } from '../host.ts';

const ProjectFile = z.object({ schemaVersion: z.literal(1), name: z.string(), createdAt: z.string() });
const RecentFile = z.array(ProjectInfo);
const MAX_RECENT = 12;

export class ProjectsController {
  #current: ProjectInfo | null = null;
  readonly #host: Host;
  readonly #bus: EventBus;
  /** Called after the open project changed, before projects.changed is pushed (sources and runs reload). */
  onSwitch: (p: ProjectInfo) => Promise<void> = async () => undefined;

  constructor(host: Host, bus: EventBus) {
    this.#host = host;
    this.#bus = bus;
  }

  get dir(): string {
    if (!this.#current) throw new ContractError('NO_PROJECT', 'no project is open');
    return this.#current.dir;
  }

  current(): ProjectInfo {
    if (!this.#current) throw new ContractError('NO_PROJECT', 'no project is open');
    return this.#current;
  }

  async recent(): Promise<ProjectInfo[]> {
    return (await readJson(this.#recentFile(), RecentFile).catch(() => null)) ?? [];
  }

  /** Opens the folder as a project; a folder without project.json becomes one when create is set. */
  async openDir(dir: string, create?: { name: string }): Promise<ProjectInfo> {
    const abs = path.resolve(dir);
    const file = path.join(abs, 'project.json');
    let meta = await readJson(file, ProjectFile).catch((err: unknown) => {
      throw new ContractError('USER_INPUT', `${abs}: not a Folio project (${err instanceof Error ? err.message : String(err)})`);
    });
    if (!meta) {
      if (!create) {
        const exists = await stat(abs).then((s) => s.isDirectory(), () => false);
        if (!exists) throw new ContractError('USER_INPUT', `${abs}: folder not found`);
        const entries = await readdir(abs);
        // An empty folder may become a project; a folder full of other things is probably a mistake.
        if (entries.length > 0) throw new ContractError('USER_INPUT', `${abs}: not a Folio project (no project.json) and not empty`);
      }
      meta = { schemaVersion: 1, name: create?.name ?? path.basename(abs), createdAt: nowIso() };
      await mkdir(abs, { recursive: true });
      await writeJsonAtomic(file, meta);
    }
    for (const sub of ['sources', 'runs', 'exports']) await mkdir(path.join(abs, sub), { recursive: true });
    const info: ProjectInfo = { dir: abs, name: meta.name, createdAt: meta.createdAt };
    this.#current = info;
    const recent = [info, ...(await this.recent()).filter((r) => r.dir !== abs)].slice(0, MAX_RECENT);
    await writeJsonAtomic(this.#recentFile(), recent);
    await this.onSwitch(info);
    this.#bus.emit('projects.changed', info);
    return info;
  }

  async open(dir: string | undefined): Promise<ProjectInfo | null> {
    if (dir === undefined) {
      const picked = await this.#host.dialogs?.pickFolder('Open a Folio project');
      return picked ? this.openDir(picked) : null;
    }
    const known = (await this.recent()).some((r) => r.dir === path.resolve(dir));
    if (!known && !this.#host.allowTypedPaths) throw new ContractError('FORBIDDEN', 'choose the project folder in the dialog');
    return this.openDir(dir);
  }

  async create(name: string, dir: string | undefined): Promise<ProjectInfo | null> {
    let target = dir;
    if (target === undefined) {
      const parent = await this.#host.dialogs?.pickFolder('Where should the new project go?');
      if (!parent) return null;
      target = path.join(parent, name.replace(/[\\/:*?"<>|]+/g, '-'));
    } else if (!this.#host.allowTypedPaths) {
      throw new ContractError('FORBIDDEN', 'choose the project folder in the dialog');
    }
    const exists = await stat(path.join(target, 'project.json')).then(() => true, () => false);
    if (exists) throw new ContractError('USER_INPUT', `${target}: a project already exists there`);
    return this.openDir(target, { name });
  }

  #recentFile(): string {
    return path.join(this.#host.dataDir, 'recent-projects.json');
  }
}
