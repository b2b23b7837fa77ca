// The fuzz suite's inputs: mutated copies of corpus files (bit flips, byte overwrites,
// truncations, splices, deleted and repeated ranges), hand-built hostile PDFs (deep nesting,
// circular page trees, broken numbers and xrefs), broken images in every format Folio reads, hostile
// HTML (an unclosed comment to the end of the file, deep nesting, payloads) and bombs (pixel,
// multi-frame TIFF, PDF image and flate, a huge one-paragraph page). Everything follows from the seed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { Rng } from './random.js';
import { bmp, deflateZeros, fixPngCrcs, gif, pdfFromObjects, pdfPage, pdfStream, png, textContent, tiff } from './make.js';

export type Family = 'pdf' | 'pdf-hostile' | 'image' | 'html' | 'bomb';

export interface FuzzInput {
  /** File name to write it under (the name `folio ingest` must report in errors). */
  name: string;
  family: Family;
  /** What was done, for the report ("bitflip×12 of tracemonkey.pdf"). */
  recipe: string;
  bytes: Buffer;
}

/** Corpus files the mutations start from: small ones, so that an input costs seconds, not minutes. */
export const CORPUS_PDFS = [
  'annotated/docling/2305.03393v1-pg9.pdf',
  'annotated/pdffigures2/498bb0efad6ec15dd09d941fb309aa18d6df9f5f.pdf',
  'annotated/docling/picture_classification.pdf',
  'annotated/docling/normal_4pages.pdf',
  'papers/debian_r-strucchange_intro.pdf',
  'scanned/docling_ocr_test.pdf',
];
export const CORPUS_IMAGES = ['images/unstructured_chi_sim_image.jpeg', 'images/pek_table_001.png', 'images/unstructured_layout-parser-paper-with-table.jpg'];
export const CORPUS_HTML = [
  'html/readability_medium-1/source.html',
  'html/readability_keep-images/source.html',
  'html/readability_wikipedia/source.html',
  'html/readability_qq/source.html',
];

export interface GenerateOptions {
  n: number;
  seed: number;
  corpusDir: string;
  /** Leave out the bomb family (the fast slice `npm test` runs). */
  bombs?: boolean;
  /** Only these corpus files (relative to corpusDir) as bases; default: the lists above. */
  pdfs?: string[];
}

const FAMILY_WEIGHTS: [Family, number][] = [
  ['pdf', 34],
  ['pdf-hostile', 10],
  ['image', 28],
  ['html', 22],
  ['bomb', 6],
];

export async function generateInputs(opts: GenerateOptions): Promise<FuzzInput[]> {
  const rng = new Rng(opts.seed);
  const read = (rel: string): Buffer => readFileSync(path.join(opts.corpusDir, rel));
  const pdfs = (opts.pdfs ?? CORPUS_PDFS).map((p) => ({ name: path.basename(p), bytes: read(p) }));
  const images = [...CORPUS_IMAGES.map((p) => ({ name: path.basename(p), bytes: read(p) })), ...synthesizedImages()];
  const htmls = CORPUS_HTML.map((p) => ({ name: path.basename(path.dirname(p)), bytes: read(p) }));
  const weights = opts.bombs === false ? FAMILY_WEIGHTS.filter(([f]) => f !== 'bomb') : FAMILY_WEIGHTS;
  const out: FuzzInput[] = [];
  for (let i = 0; i < opts.n; i++) {
    const family = rng.weighted(weights);
    const id = String(i).padStart(4, '0');
    let made: { recipe: string; bytes: Buffer; ext: string };
    switch (family) {
      case 'pdf': {
        const base = rng.pick(pdfs);
        const m = mutate(rng, base.bytes, rng.pick(pdfs).bytes, pdfTokens);
        made = { recipe: `${m.recipe} of ${base.name}`, bytes: m.bytes, ext: 'pdf' };
        break;
      }
      case 'pdf-hostile':
        made = { ...hostilePdf(rng), ext: 'pdf' };
        break;
      case 'image': {
        const base = rng.pick(images);
        const ext = path.extname(base.name).slice(1);
        const m = mutateImage(rng, base.bytes, ext);
        made = { recipe: `${m.recipe} of ${base.name}`, bytes: m.bytes, ext };
        break;
      }
      case 'html': {
        const base = rng.pick(htmls);
        const m = mutateHtml(rng, base.bytes);
        made = { recipe: `${m.recipe} of ${base.name}`, bytes: m.bytes, ext: 'html' };
        break;
      }
      case 'bomb':
        made = await bomb(rng);
        break;
    }
    const slug = made.recipe.split(' ')[0]!.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    out.push({ name: `${id}-${family}-${slug}.${made.ext}`, family, recipe: made.recipe, bytes: made.bytes });
  }
  return out;
}

// ---------- byte-level mutations (any format) ----------

const pdfTokens = ['[', ']', '<<', '>>', '(', ')', '/', '0', '-', '.', 'R', 'obj', 'endobj', 'stream', 'endstream', '9999999999', '-1', 'G', '\0', '%'];

function mutate(rng: Rng, bytes: Buffer, other: Buffer, tokens: string[]): { recipe: string; bytes: Buffer } {
  const kind = rng.weighted<string>([
    ['bitflip', 30],
    ['bytes', 15],
    ['tokens', 15],
    ['truncate', 12],
    ['truncate-eof', 8],
    ['splice', 8],
    ['delete', 6],
    ['repeat', 6],
  ]);
  const b = Buffer.from(bytes);
  const at = (): number => rng.int(0, Math.max(0, b.length - 1));
  switch (kind) {
    case 'bitflip': {
      const k = rng.int(1, 64);
      for (let j = 0; j < k; j++) {
        const p = at();
        b[p] = b[p]! ^ (1 << rng.int(0, 7));
      }
      return { recipe: `bitflip×${k}`, bytes: b };
    }
    case 'bytes': {
      const k = rng.int(1, 16);
      for (let j = 0; j < k; j++) b[at()] = rng.pick([0, 0xff, 0x7f, 0x80, rng.int(0, 255)]);
      return { recipe: `bytes×${k}`, bytes: b };
    }
    case 'tokens': {
      const k = rng.int(1, 12);
      let cur = b;
      for (let j = 0; j < k; j++) {
        const p = rng.int(0, cur.length);
        const t = Buffer.from(rng.pick(tokens).repeat(rng.pick([1, 1, 2, 50, 5000])), 'latin1');
        cur = Buffer.concat([cur.subarray(0, p), t, cur.subarray(p)]);
      }
      return { recipe: `tokens×${k}`, bytes: cur };
    }
    case 'truncate': {
      const n = rng.int(1, b.length - 1);
      return { recipe: `truncate@${n}`, bytes: b.subarray(0, n) };
    }
    case 'truncate-eof': {
      // Cut, then put an end marker back: gets past the cheap "truncated" checks into the parser.
      const n = rng.int(Math.floor(b.length / 10), b.length - 1);
      return { recipe: `truncate-eof@${n}`, bytes: Buffer.concat([b.subarray(0, n), Buffer.from('\n%%EOF\n')]) };
    }
    case 'splice': {
      const n = rng.int(1, b.length - 1);
      const m = rng.int(0, other.length - 1);
      return { recipe: `splice@${n}+${m}`, bytes: Buffer.concat([b.subarray(0, n), other.subarray(m)]) };
    }
    case 'delete': {
      const p = at();
      const len = rng.int(1, Math.min(65536, b.length - p));
      return { recipe: `delete@${p}+${len}`, bytes: Buffer.concat([b.subarray(0, p), b.subarray(p + len)]) };
    }
    default: {
      const p = at();
      const len = rng.int(1, Math.min(4096, b.length - p));
      const times = rng.int(2, 64);
      const piece = b.subarray(p, p + len);
      return { recipe: `repeat@${p}+${len}×${times}`, bytes: Buffer.concat([b.subarray(0, p), ...Array.from({ length: times }, () => piece), b.subarray(p + len)]) };
    }
  }
}

// ---------- hostile PDFs ----------

function hostilePdf(rng: Rng): { recipe: string; bytes: Buffer } {
  const kind = rng.pick(['nested-arrays', 'nested-dicts', 'circular-pages', 'invalid-number', 'bad-xref', 'huge-count', 'self-xobject', 'bad-font', 'broken-image']);
  const text = textContent(['Hostile input test', 'Folio must answer with a typed error or a document.']);
  switch (kind) {
    case 'nested-arrays': {
      const depth = rng.pick([1000, 10000, 100000]);
      return { recipe: `nested-arrays depth ${depth}`, bytes: pdfPage(text, { catalogExtra: `/X ${'['.repeat(depth)}${']'.repeat(depth)}` }) };
    }
    case 'nested-dicts': {
      const depth = rng.pick([1000, 10000, 50000]);
      return { recipe: `nested-dicts depth ${depth}`, bytes: pdfPage(text, { catalogExtra: `/X ${'<< /A '.repeat(depth)}1${' >>'.repeat(depth)}` }) };
    }
    case 'circular-pages':
      return {
        recipe: 'circular-pages',
        bytes: pdfFromObjects([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 2 >>',
          '<< /Type /Pages /Kids [2 0 R 4 0 R] /Parent 2 0 R /Count 2 >>',
          '<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>',
          pdfStream('', text),
        ]),
      };
    case 'invalid-number': {
      const bad = rng.pick(['-G', '.G', '--1', '1.2.3.4', '+-.']);
      return { recipe: `invalid-number ${bad}`, bytes: pdfPage(Buffer.from(`BT /F1 12 Tf ${bad} 700 Td (x) Tj ET\n${text.toString('latin1')}`, 'latin1'), { catalogExtra: `/Y ${bad}` }) };
    }
    case 'bad-xref': {
      const good = pdfPage(text);
      const s = good.toString('latin1').replace(/(\d{10}) 00000 n/g, () => `${String(rng.int(0, good.length * 2)).padStart(10, '0')} 00000 n`);
      return { recipe: 'bad-xref', bytes: Buffer.from(s, 'latin1') };
    }
    case 'huge-count': {
      const good = pdfPage(text).toString('latin1').replace('/Count 1', `/Count ${rng.pick(['1000000000', '-5', '99999'])}`);
      return { recipe: 'huge-count', bytes: Buffer.from(good, 'latin1') };
    }
    case 'self-xobject': {
      // A form XObject that draws itself: unbounded recursion in a naive renderer.
      const form = pdfStream('/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /Im1 6 0 R >> >>', Buffer.from('q 0.9 0 0 0.9 5 5 cm /Im1 Do Q'));
      return { recipe: 'self-xobject', bytes: pdfPage(Buffer.from(`${text.toString('latin1')}\nq 5 0 0 5 100 100 cm /Im1 Do Q`, 'latin1'), { xobjects: [form] }) };
    }
    case 'bad-font': {
      const s = pdfPage(text).toString('latin1').replace('/Subtype /Type1 /BaseFont /Helvetica', '/Subtype /TrueType /BaseFont /Broken /FontFile2 99 0 R /Widths [1 2 3] /FirstChar -5 /LastChar 999999');
      return { recipe: 'bad-font', bytes: Buffer.from(s, 'latin1') };
    }
    default: {
      const w = rng.int(1, 64);
      const h = rng.int(1, 64);
      const data = Buffer.alloc(rng.int(0, w * h * 3));
      const filter = rng.pick(['/FlateDecode', '/DCTDecode', '/JPXDecode', '/CCITTFaxDecode', '/JBIG2Decode', '/LZWDecode', '/RunLengthDecode']);
      const img = pdfStream(`/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter ${filter}`, data);
      return { recipe: `broken-image ${filter.slice(1)}`, bytes: pdfPage(Buffer.from(`${text.toString('latin1')}\nq 300 0 0 300 100 100 cm /Im1 Do Q`, 'latin1'), { xobjects: [img] }) };
    }
  }
}

// ---------- images ----------

/** Small valid images in every format Folio reads, made here (the corpus has only PNG and JPEG). */
function synthesizedImages(): { name: string; bytes: Buffer }[] {
  const w = 320;
  const h = 96;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#000';
  ctx.font = '28px sans-serif';
  ctx.fillText('Folio fuzz 2026', 12, 58);
  const rgba = ctx.getImageData(0, 0, w, h).data;
  const grey = Buffer.alloc(w * h);
  for (let i = 0; i < w * h; i++) grey[i] = rgba[i * 4]!;
  return [
    { name: 'synth.png', bytes: canvas.encodeSync('png') },
    { name: 'synth.jpg', bytes: canvas.encodeSync('jpeg', 85) },
    { name: 'synth.webp', bytes: canvas.encodeSync('webp', 80) },
    { name: 'synth.gif', bytes: gif(w, h, (x, y) => (grey[y * w + x]! > 127 ? 1 : 0)) },
    { name: 'synth.bmp', bytes: bmp(w, h, (x, y) => grey[y * w + x]!) },
    { name: 'synth.tif', bytes: tiff({ width: w, height: h, strip: grey }) },
    { name: 'synth2.tif', bytes: tiff({ width: w, height: h, strip: grey, frames: 3, compression: 'none' }) },
  ];
}

function mutateImage(rng: Rng, bytes: Buffer, ext: string): { recipe: string; bytes: Buffer } {
  const kind = rng.weighted<string>([
    ['bytes', 40],
    ['header', 25],
    ['png-ihdr', ext === 'png' ? 15 : 0],
    ['png-crc-kept', ext === 'png' ? 15 : 0],
  ]);
  if (kind === 'bytes') return mutate(rng, bytes, bytes, ['\0', '\xff', 'IDAT', 'IEND', '\xff\xd9', '\xff\xda', 'VP8 ', 'II*\0']);
  const b = Buffer.from(bytes);
  if (kind === 'header') {
    // The first 64 bytes hold the size fields of every format.
    const k = rng.int(1, 6);
    for (let j = 0; j < k; j++) b[rng.int(0, Math.min(63, b.length - 1))] = rng.pick([0, 0xff, rng.int(0, 255)]);
    return { recipe: `header×${k}`, bytes: ext === 'png' && rng.next() < 0.5 ? fixPngCrcs(b) : b };
  }
  if (kind === 'png-ihdr') {
    // IHDR fields (bit depth, colour type, compression, filter, interlace) with valid CRCs.
    const field = rng.int(24, 28);
    b[field] = rng.pick([0, 1, 2, 3, 5, 7, 9, 16, 255]);
    return { recipe: `png-ihdr@${field}=${b[field]}`, bytes: fixPngCrcs(b) };
  }
  const k = rng.int(1, 32);
  for (let j = 0; j < k; j++) b[rng.int(33, b.length - 1)] = rng.int(0, 255);
  return { recipe: `png-crc-kept×${k}`, bytes: fixPngCrcs(b) };
}

// ---------- HTML ----------

const htmlPayloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<math><mi><table><mglyph><style><img src=x onerror=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/">',
  '<![CDATA[ ]]>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [ <!ENTITY a "aaaaaaaaaa"> ]>',
  '&#0;&#xD800;&#x110000;&amp&lt;&#99999999999;',
  '\u0000\ufffd\ud800',
];

function mutateHtml(rng: Rng, bytes: Buffer): { recipe: string; bytes: Buffer } {
  const kind = rng.weighted<string>([
    ['unclosed-comment', 14],
    ['unclosed-tag', 10],
    ['payloads', 14],
    ['deep-nesting', 10],
    ['bad-encoding', 8],
    ['bytes', 24],
    ['truncate', 10],
    ['long-attribute', 5],
  ]);
  const s = bytes.toString('latin1');
  const at = rng.int(0, s.length);
  const cut = (ins: string): Buffer => Buffer.from(s.slice(0, at) + ins + s.slice(at), 'latin1');
  switch (kind) {
    case 'unclosed-comment':
      // `<!--` to the end of the file: everything after it is one comment.
      return { recipe: `unclosed-comment@${at}`, bytes: Buffer.from(s.slice(0, at) + rng.pick(['<!--', '<!-', '<!--->', '<!', '<!-- --!']) + s.slice(at).replace(/-->/g, '- ->'), 'latin1') };
    case 'unclosed-tag': {
      const tag = rng.pick(['<script>', '<style>', '<textarea>', '<title>', '<xmp>', '<noscript>', '<template>', '<svg>', '<math>', '<table>', '<select>', '<plaintext>', '<a href="', '<div class="']);
      return { recipe: `unclosed-tag ${tag.replace(/\W/g, '')}@${at}`, bytes: cut(tag) };
    }
    case 'payloads': {
      const k = rng.int(1, 8);
      const ins = Array.from({ length: k }, () => rng.pick(htmlPayloads)).join('');
      return { recipe: `payloads×${k}`, bytes: Buffer.from(s.slice(0, at) + ins + s.slice(at), 'utf8') };
    }
    case 'deep-nesting': {
      const depth = rng.pick([500, 5000, 50000]);
      const tag = rng.pick(['div', 'b', 'table', 'ul', 'span']);
      return { recipe: `deep-nesting ${tag}×${depth}`, bytes: cut(`<${tag}>`.repeat(depth) + 'deep text' + (rng.next() < 0.5 ? `</${tag}>`.repeat(depth) : '')) };
    }
    case 'bad-encoding': {
      const meta = rng.pick(['<meta charset="utf-16">', '<meta charset="x-nonsense">', '<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">', '\ufeff\ufeff']);
      const junk = Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0x80, 0xff)));
      return { recipe: 'bad-encoding', bytes: Buffer.concat([Buffer.from(meta, 'utf8'), Buffer.from(s.slice(0, at), 'latin1'), junk, Buffer.from(s.slice(at), 'latin1')]) };
    }
    case 'long-attribute':
      return { recipe: 'long-attribute', bytes: cut(`<p title="${'x'.repeat(rng.pick([1e5, 2e6]))}">t</p>`) };
    case 'truncate':
      return { recipe: `truncate@${at}`, bytes: Buffer.from(s.slice(0, at), 'latin1') };
    default:
      return mutate(rng, bytes, bytes, ['<', '>', '<!--', '-->', '"', '&', '</', '<![CDATA[']);
  }
}

// ---------- bombs ----------

const zeroCache = new Map<number, Buffer>();
async function zeros(size: number): Promise<Buffer> {
  let z = zeroCache.get(size);
  if (!z) zeroCache.set(size, (z = await deflateZeros(size)));
  return z;
}

async function bomb(rng: Rng): Promise<{ recipe: string; bytes: Buffer; ext: string }> {
  const kind = rng.pick(['png-pixels', 'tiff-frames', 'tiff-pixels', 'pdf-image', 'pdf-flate', 'html-paragraph', 'gif-claims', 'bmp-claims']);
  switch (kind) {
    case 'png-pixels': {
      // 10,000² grey: under the per-image pixel limit, 100 MB of pixels from ~100 KB.
      const side = 10_000;
      const idat = await zeros(side * (side + 1));
      return { recipe: `png-pixels ${side}²`, bytes: png({ width: side, height: side, idat }), ext: 'png' };
    }
    case 'tiff-frames': {
      // Each frame is under the per-image limit; together they are not.
      const frames = rng.pick([8, 20]);
      return { recipe: `tiff-frames ${frames}×81MP`, bytes: tiff({ width: 9000, height: 9000, frames, strip: Buffer.alloc(9000 * 9000) }), ext: 'tif' };
    }
    case 'tiff-pixels':
      return { recipe: 'tiff-pixels 120MP', bytes: tiff({ width: 12_000, height: 10_000, strip: Buffer.alloc(12_000 * 10_000) }), ext: 'tif' };
    case 'pdf-image': {
      // A 20,000² RGB image (1.2 GB of pixels) in ~1 MB of flate.
      const side = 20_000;
      const img = pdfStream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode`, await zeros(side * side * 3));
      return { recipe: `pdf-image ${side}² RGB`, bytes: pdfPage(Buffer.from(`${textContent(['Image bomb']).toString('latin1')}\nq 400 0 0 400 100 100 cm /Im1 Do Q`, 'latin1'), { xobjects: [img] }), ext: 'pdf' };
    }
    case 'pdf-flate': {
      // A 1 GB content stream of zeros (pdf.js inflates the whole stream before parsing it).
      const size = 1 << 30;
      const obj = pdfFromObjects([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 5 0 R] >>',
        pdfStream('', textContent(['Flate bomb'])),
        pdfStream('/Filter /FlateDecode', await zeros(size)),
      ]);
      return { recipe: 'pdf-flate 1GB', bytes: obj, ext: 'pdf' };
    }
    case 'html-paragraph': {
      // ~19 MB of words in one <p>.
      const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ';
      return { recipe: 'html-paragraph 19MB', bytes: Buffer.from(`<!doctype html><html><head><title>One paragraph</title></head><body><article><h1>One paragraph</h1><p>${words.repeat(Math.ceil(19e6 / words.length))}</p></article></body></html>`), ext: 'html' };
    }
    case 'gif-claims': {
      const g = gif(16, 16);
      g.writeUInt16LE(65535, 6);
      g.writeUInt16LE(65535, 8);
      return { recipe: 'gif-claims 65535²', bytes: g, ext: 'gif' };
    }
    default: {
      const b = bmp(16, 16);
      b.writeInt32LE(40000, 18);
      b.writeInt32LE(-40000, 22);
      return { recipe: 'bmp-claims 40000²', bytes: b, ext: 'bmp' };
    }
  }
}
