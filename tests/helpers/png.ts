// Decodes a PNG (via @napi-rs/canvas) and reports what a person would see at a glance.
import { createCanvas, loadImage } from '@napi-rs/canvas';

export async function decodePngStats(png: Uint8Array): Promise<{ width: number; height: number; distinctColours: number }> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const px = ctx.getImageData(0, 0, img.width, img.height).data;
  const colours = new Set<number>();
  const step = Math.max(1, Math.floor(px.length / 4 / 100_000));
  for (let i = 0; i < px.length && colours.size < 1000; i += 4 * step) {
    colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
  }
  return { width: img.width, height: img.height, distinctColours: colours.size };
}
