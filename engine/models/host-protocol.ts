// Messages between the ModelHost (the caller's side) and its host process, sent over the child
// process's IPC channel with serialization 'advanced' (structured clone). Plain data only: tensors
// travel as Float32Array, images as encoded bytes, errors as SerializedError.
import type { Reply, RequestOf } from '../rpc.js';
import type { ImageHeader } from './raster/header.js';
import type { OcrOptions, OcrPageResult } from './ocr/pipeline.js';
import type { ProviderAttempt, ProviderName, Tensor } from './ort.js';

/** The environment variable that carries the HostConfig (as JSON) to the host process. */
export const HOST_CONFIG_ENV = 'FOLIO_MODEL_HOST_CONFIG';

export interface HostConfig {
  /** Forced provider, or null to try the platform's GPU providers and fall back to CPU. */
  provider: ProviderName | null;
  userDir: string | null;
  threads?: number;
}

export interface OcrImageRequest extends OcrOptions {
  /** Read only the first frame (TIFF page). */
  firstOnly?: boolean;
  /** Also return each frame as PNG (upright, at working size) — the image ingest keeps it as the figure. */
  wantPng?: boolean;
}

export interface OcrFrame {
  index: number;
  width: number;
  height: number;
  /** working px / original px. */
  scale: number;
  png?: Uint8Array;
  result: OcrPageResult;
}

export interface OcrImageResult {
  header: ImageHeader;
  frames: OcrFrame[];
}

export interface LoadedModel {
  name: string;
  task: string;
  file: string;
  provider: ProviderName;
  attempts: ProviderAttempt[];
  loadMs: number;
}

/** Each operation of the host with what it is sent and what it answers (engine/rpc.ts). */
export type HostProtocol = {
  load: { request: { model: string }; reply: LoadedModel };
  infer: { request: { model: string; feeds: Record<string, Tensor> }; reply: Record<string, Tensor> };
  ocr: { request: { file: string; bytes: Uint8Array; options: OcrImageRequest }; reply: OcrImageResult };
};

export type HostRequest = RequestOf<HostProtocol>;

export type HostReply =
  | Reply
  /** A note for the person (a GPU provider fell back to CPU, and why). */
  | { log: string };
