// Reads the entries of a zip file (a .pptx) with node:zlib only: the end-of-central-directory record,
// the central directory, then each local entry (stored or deflated). Enough to inspect pptx XML.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export function readZip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtraLen;
    const compressedSize = buf.readUInt32LE(p + 24);
    const raw = buf.subarray(start, start + compressedSize);
    out.set(name, method === 0 ? Buffer.from(raw) : inflateRawSync(raw));
    if (method !== 0 && out.get(name)?.length !== size) throw new Error(`${file}: ${name}: size mismatch`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The slide XML files of a pptx in slide order. */
export function pptxSlides(zip: Map<string, Buffer>): string[] {
  return [...zip.keys()]
    .map((k) => /^ppt\/slides\/slide(\d+)\.xml$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => (zip.get(m[0]) as Buffer).toString('utf8'));
}
