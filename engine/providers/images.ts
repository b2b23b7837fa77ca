// Keeps images inside a provider's limits (GLM-V: jpg/png ≤ 5 MB, ≤ 6000 px per side): downscales
// and re-encodes through @napi-rs/canvas only when needed, so small PNGs reach the model untouched.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { ProviderError } from '../errors.js';
import type { ContentPart, ProviderLimits } from './types.js';

type ImagePart = Extract<ContentPart, { type: 'image' }>;

export function imageSize(data: Uint8Array): { width: number; height: number } | null {
  // PNG: IHDR right after the signature.
  if (data.length >= 24 && data[0] === 0x89 && data[1] === 0x50) {
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return { width: v.getUint32(16), height: v.getUint32(20) };
  }
  // JPEG: walk the segments to the first SOFn.
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    let i = 2;
    while (i + 9 < data.length) {
      if (data[i] !== 0xff) return null;
      const marker = data[i + 1]!;
      const len = (data[i + 2]! << 8) | data[i + 3]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: (data[i + 5]! << 8) | data[i + 6]!, width: (data[i + 7]! << 8) | data[i + 8]! };
      }
      i += 2 + len;
    }
  }
  return null;
}

/** Returns the image unchanged when it fits, else downscaled/re-encoded (JPEG, then smaller) until it does. */
export async function fitImage(part: ImagePart, limits: ProviderLimits): Promise<ImagePart> {
  const size = imageSize(part.data);
  if (size && part.data.length <= limits.maxImageBytes && Math.max(size.width, size.height) <= limits.maxImageSide) return part;
  let img;
  try {
    img = await loadImage(Buffer.from(part.data));
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
    const jpeg = new Uint8Array(await canvas.encode('jpeg', 85));
    if (jpeg.length <= limits.maxImageBytes) return { ...part, mime: 'image/jpeg', data: jpeg };
    scale *= Math.sqrt(limits.maxImageBytes / jpeg.length) * 0.9;
  }
  throw new ProviderError(`image ${part.label ?? ''} could not be brought under ${limits.maxImageBytes} bytes`);
}
