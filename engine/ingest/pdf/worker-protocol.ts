// Messages between the page-worker pool and its workers.
import type { SerializedError } from '../../errors.js';
import type { BBox, Rotation } from '../types.js';

export type WorkerRequest =
  | { id: number; op: 'open'; file: string; path?: string; data?: Uint8Array; withInfo: boolean; purpose: 'read' | 'render' }
  | { id: number; op: 'page'; index: number; graphics: 'auto' | 'always' | 'never' }
  | { id: number; op: 'render'; index: number; bbox: BBox; dpi: number; rotation?: Rotation }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: SerializedError };
