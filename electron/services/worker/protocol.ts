// Messages between the services and a job worker thread. Plain data only: errors travel as
// {code, message} and are rebuilt on the services' side.
import type { SourceKind } from '../../../engine/ingest/kind.ts';
import type { ReplyValue } from '../../../engine/rpc.ts';
import type { SkillResult } from '../../../skills/types.ts';

export interface IngestJob {
  kind: 'ingest';
  /** The source file (a copy inside the project folder) or an http(s) URL. */
  input: string;
  /** Folder the document folder is written into (<outDir>/<docId>/). */
  outDir: string;
  docId: string;
  /** Where page thumbnails go (thumb-<n>.png). */
  thumbsDir: string;
  thumbDpi: number;
  /** Thumbnails drawn at ingest: pages 1..thumbPages (the rest are drawn when first asked for). */
  thumbPages?: number;
  /** For a URL: whether its page's remote images may be fetched (the network setting). */
  network?: boolean;
  /** For a URL: whether loopback and private addresses may be read (the "allow local network" setting). */
  allowPrivate?: boolean;
}

export interface RenderJob {
  kind: 'render';
  file: string;
  page: number;
  dpi: number;
  outFile: string;
  /** Longest side in pixels (default 2400). */
  maxSide?: number;
}

export interface SkillJob {
  kind: 'skill';
  skillId: string;
  inputs: string[];
  goal?: string;
  options: Record<string, string | number | boolean>;
  outDir: string;
  provider: unknown;
  network: boolean;
  runId: string;
}

export type Job = IngestJob | RenderJob | SkillJob;

export interface IngestResultSummary {
  kind: SourceKind;
  title: string;
  pageCount: number;
  figureCount: number;
  tableCount: number;
  thumbs: number;
}

export interface RenderResult {
  width: number;
  height: number;
  pointWidth: number;
  pointHeight: number;
}

/**
 * Each kind of job with what it is given and what it answers (engine/rpc.ts's Protocol shape): the
 * runner's handle and the worker's `done` are typed from this one map. One job per thread, so a job
 * needs no id.
 */
export type JobProtocol = {
  ingest: { request: Omit<IngestJob, 'kind'>; reply: IngestResultSummary };
  render: { request: Omit<RenderJob, 'kind'>; reply: RenderResult };
  skill: { request: Omit<SkillJob, 'kind'>; reply: SkillResult };
};
export type JobKind = Job['kind'];
export type JobResult<K extends JobKind = JobKind> = ReplyValue<JobProtocol, K>;

export type ToWorker = { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'event'; event: { type: string; message: string; runId: string; [k: string]: unknown } }
  | { type: 'done'; result: JobResult }
  | { type: 'failed'; error: { code: string; message: string } };
