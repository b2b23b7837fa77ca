// Hand-built hostile files for the fuzz suite: minimal PDFs with a given object graph, and images
// in every format Folio reads, written byte by byte so their headers can claim anything (bombs,
// invalid fields) without a library refusing to write them.
import { crc32, createDeflate, deflateSync } from 'node:zlib';

/** A PDF from its object bodies (object 1 is the catalog), with a correct xref table. */
export function pdfFromObjects(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
    parts.push(b);
    offset += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A stream object body with the given dictionary entries and (already encoded) data. */
export function pdfStream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
}

const HELV = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** A one-page PDF whose page content is `content` (font /F1 = Helvetica, XObjects as given). */
export function pdfPage(content: Buffer, extra: { xobjects?: Buffer[]; catalogExtra?: string } = {}): Buffer {
  const xo = extra.xobjects ?? [];
  const xoDict = xo.map((_, i) => `/Im${i + 1} ${6 + i} 0 R`).join(' ');
  return pdfFromObjects([
    `<< /Type /Catalog /Pages 2 0 R ${extra.catalogExtra ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> /XObject << ${xoDict} >> >> /Contents 4 0 R >>`,
    pdfStream('', content),
    HELV,
    ...xo,
  ]);
}

export function textContent(lines: string[]): Buffer {
  const ops = lines.map((l, i) => `BT /F1 12 Tf 72 ${720 - i * 16} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
  return Buffer.from(ops, 'latin1');
}

/** zlib-compresses `size` zero bytes, streaming, so a 1 GB flate bomb never sits in memory here. */
export async function deflateZeros(size: number): Promise<Buffer> {
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  const chunk = Buffer.alloc(Math.min(size, 4 << 20));
  for (let left = size; left > 0; left -= chunk.length) {
    const n = Math.min(left, chunk.length);
    if (!z.write(n === chunk.length ? chunk : chunk.subarray(0, n))) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

// ---------- images ----------

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/** A PNG with the given IHDR fields and raw (unfiltered, filter byte 0 per row) image data. */
export function png(opts: { width: number; height: number; bitDepth?: number; colorType?: number; rows?: (y: number) => Buffer; idat?: Buffer }): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(opts.width, 0);
  ihdr.writeUInt32BE(opts.height, 4);
  ihdr[8] = opts.bitDepth ?? 8;
  ihdr[9] = opts.colorType ?? 0;
  let idat = opts.idat;
  if (!idat) {
    const rows: Buffer[] = [];
    for (let y = 0; y < opts.height; y++) rows.push(Buffer.concat([Buffer.from([0]), opts.rows ? opts.rows(y) : Buffer.alloc(opts.width)]));
    idat = deflateSync(Buffer.concat(rows));
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Recomputes every chunk CRC of a PNG (so a mutation survives the checksum test and reaches the decoder). */
export function fixPngCrcs(b: Buffer): Buffer {
  const out = Buffer.from(b);
  let p = 8;
  while (p + 12 <= out.length) {
    const len = out.readUInt32BE(p);
    if (p + 12 + len > out.length) break;
    out.writeUInt32BE(crc32(out.subarray(p + 4, p + 8 + len)) >>> 0, p + 8 + len);
    p += 12 + len;
  }
  return out;
}

/** A 24-bit bottom-up BMP of a grey pattern. */
export function bmp(width: number, height: number, pixel: (x: number, y: number) => number = (x, y) => ((x ^ y) & 16 ? 0 : 255)): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + row * height;
  const b = Buffer.alloc(size);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(size, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = pixel(x, y);
      const o = 54 + (height - 1 - y) * row + x * 3;
      b[o] = v;
      b[o + 1] = v;
      b[o + 2] = v;
    }
  }
  return b;
}

/** A small uncompressed-LZW GIF (every code a literal, a clear code every 250 pixels). */
export function gif(width: number, height: number, pixel: (x: number, y: number) => number = (x, y) => ((x ^ y) & 8 ? 0 : 1)): Buffer {
  const head = Buffer.alloc(13);
  head.write('GIF89a', 0, 'latin1');
  head.writeUInt16LE(width, 6);
  head.writeUInt16LE(height, 8);
  head[10] = 0x80; // global colour table, 2 entries
  const palette = Buffer.from([0, 0, 0, 255, 255, 255]);
  const desc = Buffer.alloc(10);
  desc[0] = 0x2c;
  desc.writeUInt16LE(width, 5);
  desc.writeUInt16LE(height, 7);
  // LZW with minimum code size 2: codes are 3 bits (clear = 4, end = 5); emitting a clear code
  // every few literals keeps the code width at 3 bits.
  const codes: number[] = [4];
  let since = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      codes.push(pixel(x, y) & 1);
      if (++since === 2) {
        codes.push(4);
        since = 0;
      }
    }
  }
  codes.push(5);
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of codes) {
    acc |= c << bits;
    bits += 3;
    while (bits >= 8) {
      bytes.push(acc & 0xff);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) bytes.push(acc & 0xff);
  const blocks: Buffer[] = [Buffer.from([2])];
  for (let i = 0; i < bytes.length; i += 255) {
    const part = bytes.slice(i, i + 255);
    blocks.push(Buffer.from([part.length, ...part]));
  }
  blocks.push(Buffer.from([0]));
  return Buffer.concat([head, palette, desc, ...blocks, Buffer.from([0x3b])]);
}

/**
 * A little-endian TIFF of `frames` greyscale pages of width × height, every page pointing at the
 * same deflate-compressed strip (so a multi-page bomb is small on disk).
 */
export function tiff(opts: { width: number; height: number; frames?: number; compression?: 'deflate' | 'none'; strip?: Buffer }): Buffer {
  const { width, height } = opts;
  const frames = opts.frames ?? 1;
  const raw = opts.strip ?? Buffer.alloc(width * height, 0xff);
  const compressed = opts.compression === 'none' ? raw : deflateSync(raw, { level: 9 });
  const entries = (stripOffset: number, next: number): Buffer => {
    const tags: [number, number, number][] = [
      [256, 4, width],
      [257, 4, height],
      [258, 3, 8],
      [259, 3, opts.compression === 'none' ? 1 : 8],
      [262, 3, 1],
      [273, 4, stripOffset],
      [277, 3, 1],
      [278, 4, height],
      [279, 4, compressed.length],
    ];
    const b = Buffer.alloc(2 + tags.length * 12 + 4);
    b.writeUInt16LE(tags.length, 0);
    tags.forEach(([tag, type, value], i) => {
      const o = 2 + i * 12;
      b.writeUInt16LE(tag, o);
      b.writeUInt16LE(type, o + 2);
      b.writeUInt32LE(1, o + 4);
      if (type === 3) b.writeUInt16LE(value, o + 8);
      else b.writeUInt32LE(value, o + 8);
    });
    b.writeUInt32LE(next, 2 + tags.length * 12);
    return b;
  };
  const stripOffset = 8;
  const ifdSize = 2 + 9 * 12 + 4;
  let ifdStart = stripOffset + compressed.length + (compressed.length % 2);
  const head = Buffer.alloc(8);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(ifdStart, 4);
  const parts: Buffer[] = [head, compressed, Buffer.alloc(compressed.length % 2)];
  for (let f = 0; f < frames; f++) {
    const next = f + 1 < frames ? ifdStart + ifdSize : 0;
    parts.push(entries(stripOffset, next));
    ifdStart += ifdSize;
  }
  return Buffer.concat(parts);
}
