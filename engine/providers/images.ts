// Keeps images inside a provider's limits (GLM-V: jpg/png ≤ 5 MB, ≤ 6000 px per side): downscales
// and re-encodes through @napi-rs/canvas only when needed, so small PNGs reach the model untouched.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { ProviderError } from '../errors.js';
import { readImageHeader } from '../models/raster/header.js';
import { loadImageSafe, transcodeToPng } from '../models/raster/safe-load.js';
import type { ContentPart, ProviderLimits } from './types.js';
import { encodeCanvas } from '../models/raster/encode.js';

type ImagePart = Extract<ContentPart, { type: 'image' }>;

export function imageSize(data: Uint8Array): { width: number; height: number } | null {
  try {
    const h = readImageHeader(data, 'image');
    return { width: h.width, height: h.height };
  } catch {
    // Not an image header we know: the caller re-encodes it through the canvas.
    return null;
  }
}

/** Returns the image unchanged when it fits, else downscaled/re-encoded (JPEG, then smaller) until it does. */
export async function fitImage(part: ImagePart, limits: ProviderLimits): Promise<ImagePart> {
  const size = imageSize(part.data);
  if (size && part.data.length <= limits.maxImageBytes && Math.max(size.width, size.height) <= limits.maxImageSide) return part;
  let img;
  try {
    // Out of process unless a checksummed PNG: corrupt image data can crash the canvas decoder.
    const name = part.label ?? 'image';
    img = size ? (await loadImageSafe(part.data, name)).image : await loadImage(Buffer.from((await transcodeToPng(part.data, name)).png));
  } catch (err) {
    throw new ProviderError(`image ${part.label ?? ''} cannot be decoded for the model`.replace('  ', ' '), { cause: err });
  }
  let scale = Math.min(1, limits.maxImageSide / Math.max(img.width, img.height));
  for (let attempt = 0; attempt < 6; attempt++) {
    const w = Math.max(1, Math.floor(img.width * scale));
    const h = Math.max(1, Math.floor(img.height * scale));
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img, 0, 0, w, h);
    const jpeg = await encodeCanvas(canvas, 'jpeg', 85);
    if (jpeg.length <= limits.maxImageBytes) return { ...part, mime: 'image/jpeg', data: jpeg };
    scale *= Math.sqrt(limits.maxImageBytes / jpeg.length) * 0.9;
  }
  throw new ProviderError(`image ${part.label ?? ''} could not be brought under ${limits.maxImageBytes} bytes`);
}
