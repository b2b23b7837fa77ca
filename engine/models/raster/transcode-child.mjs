// Child process of safe-load.ts: decodes one image (bytes on stdin) with @napi-rs/canvas and writes
// it back as PNG, at most argv[2] px on its longer side. stdout: the decoded width and height
// (4 bytes each, big-endian, before any downscale), then the PNG. If the decoder crashes on corrupt
// data, only this process dies. Plain JavaScript, so it starts without tsx.
import { createCanvas, loadImage } from '@napi-rs/canvas';

const maxSide = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 1e9;
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
let img;
try {
  img = await loadImage(Buffer.concat(chunks));
} catch (err) {
  process.stderr.write(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
const width = Math.round(img.width);
const height = Math.round(img.height);
if (!(width > 0 && height > 0)) {
  process.stderr.write('it decodes to no pixels');
  process.exit(2);
}
const scale = Math.min(1, maxSide / Math.max(width, height));
const w = Math.max(1, Math.round(width * scale));
const h = Math.max(1, Math.round(height * scale));
const canvas = createCanvas(w, h);
const ctx = canvas.getContext('2d');
ctx.imageSmoothingQuality = 'high';
ctx.drawImage(img, 0, 0, w, h);
const head = Buffer.alloc(8);
head.writeUInt32BE(width, 0);
head.writeUInt32BE(height, 4);
process.stdout.write(Buffer.concat([head, await canvas.encode('png')]));
