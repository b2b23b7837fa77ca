// Messages between the page-worker pool and its workers: each operation with its request and its
// reply (engine/rpc.ts), so pool.ts and worker.ts are checked against the same declaration.
import type { Reply, RequestOf } from '../../rpc.js';
import type { BBox, Rotation } from '../types.js';
import type { PageLayout } from './page-layout.js';
import type { PdfInfo, RenderedRegion } from './pdfjs.js';

export type PageWorkerProtocol = {
  /** Always sent first, with id 0; answers the document's info when asked for it. */
  open: { request: { file: string; path?: string; data?: Uint8Array; withInfo: boolean; purpose: 'read' | 'render' }; reply: PdfInfo | null };
  page: { request: { index: number; graphics: 'auto' | 'always' | 'never' }; reply: PageLayout };
  render: { request: { index: number; bbox: BBox; dpi: number; rotation?: Rotation }; reply: RenderedRegion };
  close: { request: object; reply: null };
};

export type WorkerRequest = RequestOf<PageWorkerProtocol>;
export type WorkerReply = Reply;
