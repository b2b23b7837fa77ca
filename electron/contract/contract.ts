// The one typed contract between the main side (Electron main or the browser-mode bridge) and the
// renderer: every channel `domain.method` with its zod input and output schema, and every pushed event.
// Types come from z.infer; nothing is typed twice. Imports zod only, so the renderer can load it.
import { z } from 'zod';
import { ExportKind, OutputKind } from '../../engine/vocabulary/outputs.ts';
import { TraceEvent } from '../../engine/vocabulary/run-events.ts';
import { InputKind } from '../../engine/vocabulary/sources.ts';

export { EXPORT_KINDS, EXPORT_LABELS, ExportKind, OUTPUT_KINDS, OutputKind, outputKindOf } from '../../engine/vocabulary/outputs.ts';
export { FILE_PICKER_ACCEPT } from '../../engine/vocabulary/sources.ts';

// ---------- shared shapes ----------

/** [x0, y0, x1, y1] in PDF points (or image pixels), top-left origin. */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

const Id = z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

export const ErrorInfo = z.object({ code: z.string(), message: z.string() });
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** What a source was added as (a file's kind, or url). */
export const SourceKind = InputKind;
export const SourceStatus = z.enum(['ingesting', 'ready', 'failed']);

export const SourceInfo = z.object({
  id: Id,
  name: z.string(),
  kind: SourceKind,
  status: SourceStatus,
  progress: z.object({ phase: z.string(), done: z.number(), total: z.number() }).optional(),
  error: ErrorInfo.optional(),
  title: z.string().optional(),
  pageCount: z.number().int().optional(),
  figureCount: z.number().int().optional(),
  tableCount: z.number().int().optional(),
  addedAt: z.string(),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

export const PageSize = z.object({ index: z.number().int(), width: z.number(), height: z.number() });
export const FigureInfo = z.object({
  id: z.string(),
  label: z.string(),
  caption: z.string(),
  page: z.number().int(),
  bbox: BBox,
  asset: z.string().optional(),
});
export type FigureInfo = z.infer<typeof FigureInfo>;

export const SourceDetail = z.object({
  source: SourceInfo,
  pages: z.array(PageSize),
  figures: z.array(FigureInfo),
  tables: z.array(FigureInfo),
});
export type SourceDetail = z.infer<typeof SourceDetail>;

export const ImageData = z.object({
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/gif']),
  /** Base64 of the bytes; the renderer shows it as a data: URL (the CSP allows data: images only). */
  base64: z.string(),
});
export type ImageData = z.infer<typeof ImageData>;

export const PageImage = ImageData.extend({
  page: z.number().int(),
  width: z.number(),
  height: z.number(),
  /** Page size in the units of the boxes (PDF points), so a box maps to pixels. */
  pointWidth: z.number(),
  pointHeight: z.number(),
});
export type PageImage = z.infer<typeof PageImage>;

/** A skill option as its SKILL.md declares it; the UI draws its form from these alone. */
export const SkillOptionInfo = z.object({
  name: z.string(),
  /** set: several of `values`, sent comma-separated. */
  type: z.enum(['string', 'number', 'boolean', 'enum', 'set']),
  values: z.array(z.string()).optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string(),
  label: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  setting: z.enum(['deck-theme']).optional(),
});
export type SkillOptionInfo = z.infer<typeof SkillOptionInfo>;
export const SkillSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(['ready', 'prompt-only', 'broken']),
  error: z.string().optional(),
  inputs: z.array(z.string()),
  minInputs: z.number().int(),
  maxInputs: z.number().int(),
  outputs: z.array(z.string()),
  provider: z.enum(['none', 'optional', 'required']),
  goal: z.enum(['none', 'optional', 'required']),
  options: z.array(SkillOptionInfo),
});
export type SkillSummary = z.infer<typeof SkillSummary>;

export const OptionValue = z.union([z.string().max(2000), z.number(), z.boolean()]);
export const RunStatus = z.enum(['running', 'done', 'failed', 'cancelled']);

export const OutputInfo = z.object({
  /** Runs saved by earlier versions say report/md/html/deck: read as their current names. */
  kind: OutputKind,
  label: z.string(),
  /** Path relative to the project folder. */
  path: z.string(),
  name: z.string(),
});
export type OutputInfo = z.infer<typeof OutputInfo>;

export const RunInfo = z.object({
  id: Id,
  skillId: z.string(),
  goal: z.string(),
  sourceIds: z.array(z.string()),
  options: z.record(z.string(), OptionValue),
  providerId: z.string(),
  status: RunStatus,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** How many times this run was started (1 + resumes). */
  attempts: z.number().int(),
  error: ErrorInfo.optional(),
  summary: z.string().optional(),
  outputs: z.array(OutputInfo),
});
export type RunInfo = z.infer<typeof RunInfo>;

/** One trace event of a run: the engine's RunEvents, checked by type, and the events skills and the app add (engine/vocabulary/run-events.ts). */
export { TraceEvent } from '../../engine/vocabulary/run-events.ts';

export const EvidenceRef = z.object({ sourceId: z.string(), page: z.number().int(), bbox: BBox.optional() });
export type EvidenceRef = z.infer<typeof EvidenceRef>;
export const Evidence = z.object({
  notes: z.array(z.object({ id: z.string(), text: z.string(), refs: z.array(EvidenceRef) })),
  visuals: z.array(
    z.object({ id: z.string(), caption: z.string(), ref: EvidenceRef, image: ImageData.optional() }),
  ),
});
export type Evidence = z.infer<typeof Evidence>;

export const Preview = z.object({
  /** Report Markdown with its images already inlined as data: URLs. */
  report: z.string().optional(),
  /**
   * The run's site, served file by file (its own pages, images and CSS, under a CSP) at a capability
   * address: `key` names this run's site folder and nothing else; `page` is the entry page. The
   * transport turns them into a URL (sitePreviewPath in the browser, the folio-site: scheme in Electron).
   */
  site: z.object({ key: z.string().regex(/^[0-9a-f]{32}$/), page: z.string().min(1) }).optional(),
  /** How many HTML slides the run made; each comes with export.slide (they are large: one at a time). */
  slideCount: z.number().int().min(0).optional(),
});
export type Preview = z.infer<typeof Preview>;

/** The browser-mode bridge's address of a file of a previewed site (relative links inside the site resolve under it). */
export function sitePreviewPath(key: string, page: string): string {
  return `/site/${key}/${page.split('/').map(encodeURIComponent).join('/')}`;
}
/** The Electron window's scheme for the same files (registered by electron/main). */
export const SITE_SCHEME = 'folio-site';

// export.file's kinds are the vocabulary's ExportKind: pptx: the deck; markdown: one .md with images
// inlined; site and slides: a .zip of the whole folder (every page, image and linked source), which
// works offline wherever it is unpacked.

export const ProviderSettings = z.object({
  id: Id,
  label: z.string().min(1).max(100),
  kind: z.enum(['offline', 'openai-compatible']),
  preset: z.string().max(100).optional(),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  model: z.string().max(200).optional(),
});
export type ProviderSettings = z.infer<typeof ProviderSettings>;

/** What "Test connection" found: the server's model list or one-token answer, or why there was none. */
export const ProviderCheck = z.object({
  ok: z.boolean(),
  /** Why not (ok false): the network setting, no answer, no answer in time, the key refused, another HTTP status, an answer that is not the API's. */
  code: z.enum(['NETWORK_OFF', 'UNREACHABLE', 'TIMEOUT', 'AUTH', 'HTTP', 'BAD_ANSWER']).optional(),
  status: z.number().int().optional(),
  message: z.string(),
  /** Model ids the server lists (the first 50). */
  models: z.array(z.string()).optional(),
  /** Whether the configured model is among them (or answered). */
  modelListed: z.boolean().optional(),
  ms: z.number(),
});
export type ProviderCheck = z.infer<typeof ProviderCheck>;

export const Settings = z.object({
  appearance: z.enum(['system', 'light', 'dark']),
  deckTheme: z.string(),
  network: z.boolean(),
  /** Whether URL sources on loopback or private (intranet) addresses may be read; off by default, like the CLI's --allow-private. */
  allowLocalNetwork: z.boolean().default(false),
  executionProvider: z.enum(['cpu', 'cuda', 'auto']),
  activeProviderId: z.string(),
  /** hasKey says whether a key is stored; the key itself never crosses to the renderer. */
  providers: z.array(ProviderSettings.extend({ hasKey: z.boolean() })),
});
export type Settings = z.infer<typeof Settings>;

export const ProjectInfo = z.object({ dir: z.string(), name: z.string(), createdAt: z.string() });
export type ProjectInfo = z.infer<typeof ProjectInfo>;

export const AppInfo = z.object({
  mode: z.enum(['electron', 'browser']),
  version: z.string(),
  /** Whether the host can show native dialogs (pick files, folders, save as). */
  nativeDialogs: z.boolean(),
  themes: z.array(z.string()),
  presets: z.array(z.object({ id: z.string(), label: z.string(), baseUrl: z.string(), model: z.string().optional() })),
});
export type AppInfo = z.infer<typeof AppInfo>;

// ---------- channels ----------

const ch = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({}).strict();

/** Upper bound of one upload (the bridge refuses bigger bodies before parsing). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export const channels = {
  'app.info': ch(none, AppInfo),

  'projects.current': ch(none, ProjectInfo),
  'projects.recent': ch(none, z.array(ProjectInfo)),
  /** Without dir: the host shows a folder picker (Electron). With dir: only a recent project or, in browser mode, a typed path. */
  'projects.open': ch(z.object({ dir: z.string().max(4096).optional() }).strict(), ProjectInfo.nullable()),
  'projects.create': ch(z.object({ name: z.string().trim().min(1).max(120), dir: z.string().max(4096).optional() }).strict(), ProjectInfo.nullable()),

  'sources.list': ch(none, z.array(SourceInfo)),
  /** Native file picker (Electron); the chosen files are the only paths the main side reads. */
  'sources.pick': ch(none, z.array(SourceInfo)),
  /** Bytes of a dropped or uploaded file; written into the project's sources folder, then ingested. */
  'sources.upload': ch(
    z.object({ name: z.string().trim().min(1).max(255), data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0, 'the file is empty').refine((d) => d.byteLength <= MAX_UPLOAD_BYTES, 'the file is larger than 512 MB') }).strict(),
    SourceInfo,
  ),
  'sources.addUrl': ch(z.object({ url: z.url({ protocol: /^https?$/ }) }).strict(), SourceInfo),
  'sources.remove': ch(z.object({ id: Id }).strict(), z.object({ removed: z.boolean() })),
  'sources.get': ch(z.object({ id: Id }).strict(), SourceDetail),
  'sources.page': ch(z.object({ id: Id, page: z.number().int().min(1), size: z.enum(['thumb', 'view']) }).strict(), PageImage),
  'sources.asset': ch(z.object({ id: Id, asset: z.string().regex(/^assets\/[A-Za-z0-9._-]+$/) }).strict(), ImageData),

  'skills.list': ch(none, z.array(SkillSummary)),

  'research.start': ch(
    z
      .object({
        skillId: Id,
        goal: z.string().max(4000),
        sourceIds: z.array(Id).min(1, 'add at least one ready source'),
        options: z.record(z.string(), OptionValue).default({}),
        providerId: Id.optional(),
      })
      .strict(),
    RunInfo,
  ),
  'research.cancel': ch(z.object({ runId: Id }).strict(), RunInfo),
  'research.resume': ch(z.object({ runId: Id }).strict(), RunInfo),
  'research.list': ch(none, z.array(RunInfo)),
  'research.trace': ch(z.object({ runId: Id }).strict(), z.array(TraceEvent)),
  'research.evidence': ch(z.object({ runId: Id }).strict(), Evidence),

  'export.preview': ch(z.object({ runId: Id }).strict(), Preview),
  /** One slide as a self-contained page (its styles and images inlined), for a sandboxed iframe. */
  'export.slide': ch(z.object({ runId: Id, index: z.number().int().min(0) }).strict(), z.object({ html: z.string() })),
  /** Makes the export file; Electron asks where to save it, the browser mode downloads `path`. */
  'export.file': ch(
    z.object({ runId: Id, kind: ExportKind }).strict(),
    z.object({ path: z.string(), name: z.string(), savedTo: z.string().nullable() }),
  ),
  'export.reveal': ch(z.object({ path: z.string().max(4096) }).strict(), z.object({ shown: z.boolean(), path: z.string() })),

  'settings.get': ch(none, Settings),
  'settings.set': ch(Settings.omit({ providers: true }).partial().strict(), Settings),
  'settings.saveProvider': ch(
    z
      .object({
        provider: ProviderSettings,
        apiKey: z.string().max(500).nullable().optional(),
        /** A provider of the same id or name exists: replace it (the default, and what Edit does) or refuse with CONFLICT, so the UI can ask first. */
        onConflict: z.enum(['replace', 'refuse']).optional(),
      })
      .strict(),
    Settings,
  ),
  /** Tests a provider's endpoint (saved or a draft): apiKey undefined uses the key stored for provider.id. */
  'settings.testProvider': ch(z.object({ provider: ProviderSettings, apiKey: z.string().max(500).nullable().optional() }).strict(), ProviderCheck),
  'settings.removeProvider': ch(z.object({ id: Id }).strict(), Settings),
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.infer<Channels[C]['output']>;

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}

// ---------- pushed events ----------

export const events = {
  'sources.changed': SourceInfo,
  'sources.removed': z.object({ id: z.string() }),
  'research.changed': RunInfo,
  'research.event': TraceEvent,
  'projects.changed': ProjectInfo,
  'settings.changed': Settings,
  /** Something the person should know that belongs to no request (a worker crashed and was restarted). */
  'app.notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
  /** A command from the native menu, carried out by the page as its own shortcut would be. */
  'app.command': z.object({ command: z.enum(['add-sources', 'run', 'cancel', 'settings']) }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

// ---------- results ----------

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };
