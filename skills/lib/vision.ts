// Helpers for the image skills: the configured vision-language model (when there is one) and a
// PNG/JPEG of the input to send it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createProvider, type ProviderConfig } from '../../engine/providers/index.js';
import type { ContentPart, Provider } from '../../engine/providers/types.js';

export function modelProvider(config: unknown): Provider | null {
  const c = (config ?? { kind: 'offline' }) as ProviderConfig;
  if (c.kind === 'offline') return null;
  return createProvider(c);
}

/** The image as a content part: PNG/JPEG as they are; other formats from the OCR frame's PNG. */
export async function imagePart(file: string, pngFallback: Uint8Array | undefined): Promise<ContentPart> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.png' || ext === '.jpg' || ext === '.jpeg') {
    return { type: 'image', mime: ext === '.png' ? 'image/png' : 'image/jpeg', data: new Uint8Array(await readFile(file)), label: path.basename(file) };
  }
  if (!pngFallback) throw new Error(`${path.basename(file)}: no PNG rendering to send to the model`);
  return { type: 'image', mime: 'image/png', data: pngFallback, label: path.basename(file) };
}
