// The main side of the app, host-independent: builds the controllers, opens a project and maps every
// contract channel to its controller. Electron main and the browser-mode bridge both run this.
import { readFile } from 'node:fs/promises';
import { listThemes } from '../../engine/compose/theme.ts';
import { PRESETS } from '../../engine/providers/index.ts';
import type { AppInfo, ProjectInfo } from '../contract/contract.ts';
import { ContractError, createDispatcher, type Dispatch, type Handlers, type Sender } from '../contract/wrapper.ts';
import { ExportController } from './controllers/export.ts';
import { ProjectsController } from './controllers/projects.ts';
import { ResearchController } from './controllers/research.ts';
import { SettingsController } from './controllers/settings.ts';
import { SkillsController } from './controllers/skills.ts';
import { SourcesController } from './controllers/sources.ts';
import { EventBus } from './event-bus.ts';
import type { Host } from './host.ts';
import { JobRunner, type JobRunnerOptions } from './jobs.ts';

export interface AppServicesOptions {
  host: Host;
  /** The project to open at start (created when the folder is empty or missing). */
  projectDir: string;
  isTrustedSender: (s: Sender) => boolean;
  jobs?: JobRunnerOptions;
}

export class AppServices {
  readonly bus = new EventBus();
  readonly jobs: JobRunner;
  readonly host: Host;
  readonly projects: ProjectsController;
  readonly settings: SettingsController;
  readonly skills = new SkillsController();
  readonly sources: SourcesController;
  readonly research: ResearchController;
  readonly exports: ExportController;
  readonly dispatch: Dispatch;

  private constructor(opts: AppServicesOptions) {
    this.host = opts.host;
    this.jobs = new JobRunner({
      ...opts.jobs,
      onCrash: (message) => this.bus.emit('app.notice', { level: 'error', message: `${message}. That job failed; everything else carries on.` }),
    });
    this.projects = new ProjectsController(opts.host, this.bus);
    this.settings = new SettingsController(opts.host, this.bus);
    const ctx = {
      host: opts.host,
      bus: this.bus,
      jobs: this.jobs,
      projectDir: () => this.projects.dir,
      jobEnv: async () => ({ ...process.env, FOLIO_EP: (await this.settings.get()).executionProvider }),
      fetchPolicy: () => this.settings.fetchPolicy(),
    };
    this.sources = new SourcesController(ctx);
    this.research = new ResearchController(ctx, { sources: this.sources, settings: this.settings, skills: this.skills });
    this.exports = new ExportController(ctx, this.research);
    this.projects.onSwitch = async () => {
      await this.sources.load();
      await this.research.load();
    };
    this.dispatch = createDispatcher(this.#handlers(), {
      isTrustedSender: opts.isTrustedSender,
      onInternalError: (channel, err) => console.error(`folio: ${channel} failed:`, err),
    });
  }

  static async start(opts: AppServicesOptions): Promise<AppServices> {
    const s = new AppServices(opts);
    await s.projects.openDir(opts.projectDir, { name: 'My research' }).catch(async (err: unknown) => {
      // A folder that is not a project (and not empty) is refused; say so rather than start blank.
      throw err instanceof ContractError ? new Error(err.message) : err;
    });
    return s;
  }

  async close(): Promise<void> {
    await this.research.close();
    await this.sources.close();
    await this.jobs.close();
  }

  async #info(): Promise<AppInfo> {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return {
      mode: this.host.mode,
      version: pkg.version ?? '0.0.0',
      nativeDialogs: this.host.dialogs !== null,
      themes: await listThemes(),
      presets: Object.values(PRESETS).map((p) => ({ id: p.id, label: p.label, baseUrl: p.baseUrl, ...(p.model ? { model: p.model } : {}) })),
    };
  }

  #handlers(): Handlers {
    return {
      'app.info': () => this.#info(),
      'projects.current': async () => this.projects.current(),
      'projects.recent': () => this.projects.recent(),
      'projects.open': ({ dir }) => this.projects.open(dir),
      'projects.create': ({ name, dir }) => this.projects.create(name, dir),
      'sources.list': async () => this.sources.list(),
      'sources.pick': () => this.sources.pick(),
      'sources.upload': ({ name, data }) => this.sources.upload(name, data),
      'sources.addUrl': async ({ url }) => this.sources.addUrl(url, await this.settings.fetchPolicy()),
      'sources.remove': async ({ id }) => ({ removed: await this.sources.remove(id) }),
      'sources.get': ({ id }) => this.sources.detail(id),
      'sources.page': ({ id, page, size }) => this.sources.page(id, page, size),
      'sources.asset': ({ id, asset }) => this.sources.asset(id, asset),
      'skills.list': () => this.skills.list(),
      'research.start': (input) => this.research.start(input),
      'research.cancel': ({ runId }) => this.research.cancel(runId),
      'research.resume': ({ runId }) => this.research.resume(runId),
      'research.list': async () => this.research.list(),
      'research.trace': ({ runId }) => this.research.trace(runId),
      'research.evidence': ({ runId }) => this.research.evidence(runId),
      'export.preview': ({ runId }) => this.exports.preview(runId),
      'export.slide': ({ runId, index }) => this.exports.slide(runId, index),
      'export.file': ({ runId, kind }) => this.exports.file(runId, kind),
      'export.reveal': ({ path }) => this.exports.reveal(path),
      'settings.get': () => this.settings.get(),
      'settings.set': (patch) => this.settings.set(patch),
      'settings.saveProvider': ({ provider, apiKey, onConflict }) => this.settings.saveProvider(provider, apiKey, onConflict),
      'settings.testProvider': ({ provider, apiKey }) => this.settings.testProvider(provider, apiKey),
      'settings.removeProvider': ({ id }) => this.settings.removeProvider(id),
    };
  }
}

export type { ProjectInfo };
