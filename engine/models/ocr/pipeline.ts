// The PP-OCR pipeline on one decoded image: detection → rotated crops → direction classification
// → batched recognition → lines grouped into blocks. It runs inside the model host's worker, next
// to the sessions; all parameters come from the models' manifests.
import { readFile } from 'node:fs/promises';
import { ModelError } from '../../errors.js';
import type { Tensor } from '../ort.js';
import { resizeRgba, type DecodedFrame, type RgbaImage } from '../raster/decode.js';
import { param, type ModelEntry, type ModelManifest } from '../registry.js';
import { dbBoxes, detInputSize, toTensor, type DetParams, type Normalise } from './detect.js';
import { quadBounds, type Point, type Quad } from './geometry.js';
import { groupBlocks, type OcrBlock, type OcrLine } from './layout.js';
import { batchTensor, cropLine, ctcDecode, isVertical, joinPieces, rotate180, sliceColumns, wordGapCuts, type Decoded } from './recognize.js';

export interface Runner {
  run(model: ModelEntry, feeds: Record<string, Tensor>): Promise<Record<string, Tensor>>;
  providerOf(model: ModelEntry): Promise<string>;
}

export interface OcrOptions {
  /** Use the direction classifier to turn upside-down lines (default true when installed). */
  cls?: boolean;
  /** Override the detector's longest-side limit (pixels). */
  detLimitSideLen?: number;
}

export interface OcrTimings {
  detMs: number;
  clsMs: number;
  recMs: number;
  totalMs: number;
}

export interface OcrPageResult {
  /** Size of the original image (upright), in pixels; all boxes are in these pixels. */
  width: number;
  height: number;
  lines: OcrLine[];
  blocks: OcrBlock[];
  /** Blocks in reading order, separated by blank lines. */
  text: string;
  timings: OcrTimings;
  providers: Record<string, string>;
}

/** Most lines read from one image; a page with more is almost certainly noise (halftone, texture). */
export const MAX_LINES = 3000;

export class OcrPipeline {
  private constructor(
    private readonly runner: Runner,
    private readonly det: ModelEntry,
    private readonly rec: ModelEntry,
    private readonly cls: ModelEntry | null,
    private readonly charset: string[],
  ) {}

  static async create(runner: Runner, det: ModelEntry, rec: ModelEntry, cls: ModelEntry | null): Promise<OcrPipeline> {
    const dictFile = rec.files.dict;
    if (!dictFile) throw new ModelError(`model "${rec.name}": files.dict (the character list) is required for recognition`);
    const keys = (await readFile(dictFile, 'utf8')).split(/\r?\n/);
    if (keys[keys.length - 1] === '') keys.pop();
    const charset = ['', ...keys];
    if (param(rec.manifest.postprocess, 'useSpaceChar', true)) charset.push(' ');
    return new OcrPipeline(runner, det, rec, cls, charset);
  }

  async run(frame: DecodedFrame, opts: OcrOptions = {}): Promise<OcrPageResult> {
    const t0 = performance.now();
    const img = frame.image;
    const dp = detParams(this.det.manifest, opts);
    const [rw, rh] = detInputSize(img.width, img.height, dp);
    const resized = rw === img.width && rh === img.height ? img : resizeRgba(frame.canvas, rw, rh);
    const detIn = this.det.manifest.inputs[0]!.name;
    const detOut = await this.runner.run(this.det, { [detIn]: toTensor(resized, normalise(this.det.manifest)) });
    const prob = firstOutput(detOut, this.det);
    const [, , mh, mw] = prob.dims as [number, number, number, number];
    let boxes = dbBoxes(prob.data, mw, mh, img.width / mw, img.height / mh, img.width, img.height, dp);
    if (boxes.length > MAX_LINES) boxes = boxes.sort((a, b) => b.score - a.score).slice(0, MAX_LINES);
    const t1 = performance.now();

    const recH = param(this.rec.manifest.preprocess, 'height', 48);
    const maxW = param(this.rec.manifest.preprocess, 'maxWidth', 3200);
    let crops = boxes.map((b) => cropLine(img, b.quad, recH, maxW));

    let clsMs = 0;
    if (this.cls && opts.cls !== false && crops.length > 0) {
      const c0 = performance.now();
      crops = await this.classify(crops, boxes.map((b) => isVertical(b.quad)));
      clsMs = performance.now() - c0;
    }

    const r0 = performance.now();
    const decoded = await this.recognise(crops);
    const t3 = performance.now();

    const drop = param(this.rec.manifest.postprocess, 'dropScore', 0.5);
    const inv = 1 / frame.scale;
    const lines: OcrLine[] = [];
    boxes.forEach((b, i) => {
      const d = decoded[i]!;
      const text = halfWidthInLatin(d.text).trim();
      if (!text || d.confidence < drop) return;
      const quad = b.quad.map(([x, y]) => [x * inv, y * inv] as Point) as Quad;
      lines.push({ text, confidence: d.confidence, quad, bbox: quadBounds(quad), ...(isVertical(b.quad) ? { vertical: true } : {}) });
    });
    const blocks = groupBlocks(lines);
    const providers: Record<string, string> = {
      detection: await this.runner.providerOf(this.det),
      recognition: await this.runner.providerOf(this.rec),
    };
    if (this.cls && opts.cls !== false) providers.direction = await this.runner.providerOf(this.cls);
    return {
      width: frame.width,
      height: frame.height,
      lines,
      blocks,
      text: blocks.map((b) => b.text).join('\n\n'),
      timings: { detMs: t1 - t0, clsMs, recMs: t3 - r0, totalMs: performance.now() - t0 },
      providers,
    };
  }

  /**
   * Turns upside-down lines. Vertical crops (whose direction is a guess) are always classified;
   * horizontal ones only when a sample of them says the image is upside down, which saves the
   * classifier's time on the common upright page.
   */
  private async classify(crops: RgbaImage[], vertical: boolean[]): Promise<RgbaImage[]> {
    const out = [...crops];
    const flip = async (ids: number[]): Promise<boolean[]> => {
      const flags = await this.flipped(ids.map((i) => crops[i]!));
      ids.forEach((i, k) => {
        if (flags[k]) out[i] = rotate180(crops[i]!);
      });
      return flags;
    };
    await flip(crops.map((_, i) => i).filter((i) => vertical[i]));
    const across = crops.map((_, i) => i).filter((i) => !vertical[i]);
    if (across.length === 0) return out;
    const step = Math.max(1, Math.floor(across.length / 16));
    const sample = across.filter((_, k) => k % step === 0).slice(0, 16);
    const flags = await flip(sample);
    const share = flags.filter(Boolean).length / flags.length;
    if (share >= 0.3) {
      await flip(across.filter((i) => !sample.includes(i)));
    } else {
      // An upright page: a sampled line that looked upside down was a misreading, not a flip.
      for (const i of sample) out[i] = crops[i]!;
    }
    return out;
  }

  private async flipped(crops: RgbaImage[]): Promise<boolean[]> {
    const m = this.cls!.manifest;
    const width = param(m.preprocess, 'width', 192);
    const bs = param(m.postprocess, 'batchSize', 16);
    const threshold = param(m.postprocess, 'threshold', 0.9);
    const norm = normalise(m);
    const input = m.inputs[0]!.name;
    const flags: boolean[] = [];
    for (let s = 0; s < crops.length; s += bs) {
      const batch = crops.slice(s, s + bs);
      const res = firstOutput(await this.runner.run(this.cls!, { [input]: batchTensor(batch, width, norm) }), this.cls!);
      const k = res.dims[1] ?? 2;
      batch.forEach((_, j) => {
        const p0 = res.data[j * k]!;
        const p1 = res.data[j * k + 1]!;
        flags.push(p1 > p0 && p1 > threshold);
      });
    }
    return flags;
  }

  private async recognise(crops: RgbaImage[]): Promise<Decoded[]> {
    const m = this.rec.manifest;
    // On CPU one line at a time was fastest in our measurements (bigger batches thrash the cache
    // and pay for padding); GPUs want batches.
    const onCpu = (await this.runner.providerOf(this.rec)) === 'cpu';
    const bs = onCpu ? param(m.postprocess, 'cpuBatchSize', 1) : param(m.postprocess, 'batchSize', 8);
    const recH = param(m.preprocess, 'height', 48);
    // One line at a time, a long line is read in pieces cut at word gaps (see wordGapCuts): DPR p. 2
    // (two columns, ~790 px lines) and a TAMReview page (one column, ~1460 px) at 48 px high.
    const pieceW = onCpu && bs === 1 ? param(m.postprocess, 'cpuPieceWidth', 720) : 0;
    const pieces: { line: number; img: RgbaImage }[] = [];
    crops.forEach((c, line) => {
      const cuts = pieceW > 0 ? wordGapCuts(c, pieceW / 2, pieceW, Math.round(recH * 0.2)) : [[0, c.width, 0] as const];
      for (const [x0, x1] of cuts) pieces.push({ line, img: cuts.length === 1 ? c : sliceColumns(c, x0, x1) });
    });
    const norm = normalise(m);
    const input = m.inputs[0]!.name;
    // Similar widths in one batch waste little padding. One at a time, a short piece is padded only
    // to a width the recogniser reads reliably (160 px: CER on DPR p. 2 and tracemonkey p. 1 as at 320).
    const minW = Math.round((recH * (bs === 1 ? 160 : 320)) / 48);
    const order = pieces.map((_, i) => i).sort((a, b) => pieces[a]!.img.width - pieces[b]!.img.width);
    const read = new Array<Decoded>(pieces.length);
    for (let s = 0; s < order.length; s += bs) {
      const ids = order.slice(s, s + bs);
      const batch = ids.map((i) => pieces[i]!.img);
      const width = Math.max(minW, ...batch.map((c) => c.width));
      const out = firstOutput(await this.runner.run(this.rec, { [input]: batchTensor(batch, width, norm) }), this.rec);
      const C = out.dims[2];
      if (C !== this.charset.length) {
        throw new ModelError(`model "${this.rec.name}": the model predicts ${C} classes but its dictionary gives ${this.charset.length} (blank + characters${param(m.postprocess, 'useSpaceChar', true) ? ' + space' : ''})`);
      }
      ctcDecode(out, this.charset).forEach((d, j) => (read[ids[j]!] = d));
    }
    const byLine: Decoded[][] = crops.map(() => []);
    pieces.forEach((p, i) => byLine[p.line]!.push(read[i]!));
    return byLine.map((ps) => (ps.length === 1 ? ps[0]! : joinPieces(ps)));
  }
}

/**
 * The recogniser was trained mostly on Chinese and sometimes writes full-width punctuation ("，")
 * in Latin text; a line without CJK characters gets the ASCII forms.
 */
export function halfWidthInLatin(text: string): string {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function firstOutput(outputs: Record<string, Tensor>, model: ModelEntry): Tensor {
  const want = model.manifest.outputs[0]!.name;
  const t = outputs[want] ?? Object.values(outputs)[0];
  if (!t) throw new ModelError(`model "${model.name}": no output (expected ${want})`);
  return t;
}

function detParams(m: ModelManifest, opts: OcrOptions): DetParams {
  const pre = m.preprocess;
  const post = m.postprocess;
  return {
    limitSideLen: opts.detLimitSideLen ?? param(pre, 'limitSideLen', 960),
    multipleOf: param(pre, 'multipleOf', 32),
    thresh: param(post, 'thresh', 0.3),
    boxThresh: param(post, 'boxThresh', 0.6),
    unclipRatio: param(post, 'unclipRatio', 1.5),
    minSize: param(post, 'minSize', 3),
    maxCandidates: param(post, 'maxCandidates', 3000),
  };
}

function normalise(m: ModelManifest): Normalise {
  const pre = m.preprocess;
  const order = param<string>(pre, 'colorOrder', 'rgb');
  const mean = param(pre, 'mean', [0.5, 0.5, 0.5]);
  const std = param(pre, 'std', [0.5, 0.5, 0.5]);
  if (mean.length !== 3 || std.length !== 3) throw new ModelError(`model "${m.name}": preprocess.mean and .std need 3 values`);
  return {
    colorOrder: order === 'bgr' ? 'bgr' : 'rgb',
    scale: param(pre, 'scale', 1 / 255),
    mean: mean as [number, number, number],
    std: std as [number, number, number],
  };
}

export type { OcrBlock, OcrLine };
