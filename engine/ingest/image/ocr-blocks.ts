// OCR result → SourceDocument blocks: pixel boxes mapped to page units, lines of a block joined
// (hyphenated line ends re-joined), block types guessed from text size, every block marked
// textSource "ocr" with its confidence. Shared by image ingest and the OCR of scanned PDF pages.
import type { OcrPageResult } from '../../models/ocr/pipeline.js';
import type { BBox, Block } from '../types.js';
import { matchCaption } from '../pdf/blocks.js';

/**
 * Titles and headings are large, clear type, read with confidence: small print whose lines the
 * detector ran together (a table's footnote, read at 0.78–0.80) only looks tall.
 */
const CLEAR = 0.9;

export interface OcrBlockOptions {
  page: number;
  /** Page units per OCR pixel (1 for images; 72 / dpi for a rendered PDF page). */
  scale: number;
  /** Block id prefix, unique within the document. */
  idPrefix: string;
  /** Mark the largest text near the top as the page's title (images; PDF titles come from analysis). */
  findTitle: boolean;
}

export function ocrBlocks(result: OcrPageResult, opts: OcrBlockOptions): Block[] {
  // Body text size: the median height of all lines (most lines on a page are body text).
  const heights = result.lines.filter((l) => !l.vertical).map((l) => l.bbox[3] - l.bbox[1]).sort((a, b) => a - b);
  const body = heights[Math.floor((heights.length - 1) / 2)] ?? 0;
  const titleIdx = opts.findTitle ? titleBlock(result, body) : -1;
  return result.blocks.map((b, i): Block => {
    const single = b.lines.length === 1;
    // "Figure 1: Conceptual model for …" is a caption, however large; no longer than one (a table's
    // caption that OCR ran into its cells stays a paragraph).
    const caption = b.text.length <= 400 && matchCaption(b.text) !== null;
    const type: Block['type'] =
      i === titleIdx ? 'title' : caption ? 'caption' : single && b.lineHeight >= 1.3 * body && b.text.length <= 120 && body > 0 && b.confidence >= CLEAR ? 'heading' : 'paragraph';
    const s = opts.scale;
    const bbox: BBox = [round(b.bbox[0] * s), round(b.bbox[1] * s), round(b.bbox[2] * s), round(b.bbox[3] * s)];
    return {
      id: `${opts.idPrefix}${i + 1}`,
      type,
      page: opts.page,
      bbox,
      text: joinLines(b.lines),
      ...(type === 'heading' ? { level: 1 } : {}),
      textSource: 'ocr',
      confidence: Math.round(b.confidence * 1000) / 1000,
    };
  });
}

/** The block that reads as a title: one or two rows, clearly larger than body text, in the top third. */
export function titleBlock(result: OcrPageResult, bodyHeight: number): number {
  let best = -1;
  let bestH = 0;
  result.blocks.forEach((b, i) => {
    if (b.lines.length > 2 || b.text.length > 160 || b.text.replace(/[\s\d\W]/gu, '').length < 2) return;
    if (b.bbox[1] > result.height / 3) return;
    if (b.confidence < CLEAR) return;
    const bigger = result.blocks.length === 1 || b.lineHeight >= 1.25 * bodyHeight;
    if (bigger && b.lineHeight > bestH) {
      best = i;
      bestH = b.lineHeight;
    }
  });
  return best;
}

/** Joins OCR rows into running text: "exam-" + "ple" → "example"; CJK rows join without a space. */
export function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    if (!out) {
      out = line;
    } else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line)) {
      out = out.slice(0, -1) + line;
    } else if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}，。；：！？、）]$/u.test(out) && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}（]/u.test(line)) {
      out += line;
    } else {
      out += ' ' + line;
    }
  }
  return out;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
