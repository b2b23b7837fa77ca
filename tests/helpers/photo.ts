// A small synthetic picture for tests that need image bytes: a green field with a white box.
import { createCanvas } from '@napi-rs/canvas';

export async function testPhoto(format: 'png' | 'jpeg' | 'webp', width = 300, height = 200): Promise<Buffer> {
  const c = createCanvas(width, height);
  const g = c.getContext('2d');
  g.fillStyle = '#2a6';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#fff';
  g.fillRect(width / 10, height * 0.15, width / 3, height * 0.3);
  return Buffer.from(format === 'png' ? await c.encode('png') : await c.encode(format, 80));
}
