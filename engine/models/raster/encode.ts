// Encoding a canvas to PNG or JPEG without a use-after-free. @napi-rs/canvas 0.1.x encodes on the
// libuv thread pool from a raw pointer to the canvas's Skia surface and keeps nothing alive: when the
// JS canvas is garbage-collected during the encode (V8 drops a local from a suspended async frame
// once nothing reads it after the await), the surface is freed under the encoder and the whole
// process dies with SIGSEGV (Brooooooklyn/canvas#1312, fixed in 1.x, which pdf.js's declared 0.1.x
// range excludes). It happened here in 2 of 4 full test runs, always while a research run rendered
// pages. Every encode in the engine goes through this function, which reads the canvas after the
// await (transcode-child.mjs, plain JavaScript, holds its canvas in a module-level binding instead).
import type { Canvas } from '@napi-rs/canvas';

export async function encodeCanvas(canvas: Canvas, format: 'png'): Promise<Uint8Array>;
export async function encodeCanvas(canvas: Canvas, format: 'jpeg', quality: number): Promise<Uint8Array>;
export async function encodeCanvas(canvas: Canvas, format: 'png' | 'jpeg', quality?: number): Promise<Uint8Array> {
  try {
    const bytes = format === 'png' ? await canvas.encode('png') : await canvas.encode('jpeg', quality);
    // A copy with an ArrayBuffer of its own, which callers may transfer to another thread.
    return new Uint8Array(bytes);
  } finally {
    keepAlive(canvas);
  }
}

/** A read of the canvas the engine cannot drop: the canvas stays reachable until this runs. */
function keepAlive(canvas: Canvas): void {
  if (canvas.width < 0) throw new Error('unreachable: a canvas has a non-negative width');
}
