// The pure parts of the OCR pipeline: geometry of rotated boxes, CTC decoding, reading order and
// the CER measure, on small inputs whose right answer is known by construction.
import { describe, expect, it } from 'vitest';
import { convexHull, minAreaRect, perspectiveMap, rectCorners, unclip, type Point, type Quad } from '../../engine/models/ocr/geometry.js';
import { ctcDecode, joinPieces, sliceColumns, wordGapCuts, wordGaps } from '../../engine/models/ocr/recognize.js';
import { groupBlocks, type OcrLine } from '../../engine/models/ocr/layout.js';
import { characterErrorRate, editDistance, wordF1 } from '../../engine/models/ocr/metrics.js';
import { detInputSize } from '../../engine/models/ocr/detect.js';
import { halfWidthInLatin, type OcrPageResult } from '../../engine/models/ocr/pipeline.js';
import { ocrBlocks } from '../../engine/ingest/image/ocr-blocks.js';

function line(text: string, x0: number, y0: number, x1: number, y1: number): OcrLine {
  const quad: Quad = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
  return { text, confidence: 0.9, quad, bbox: [x0, y0, x1, y1] };
}

describe('geometry', () => {
  it('finds the rotated rectangle around points of a 30° box', () => {
    const a = Math.PI / 6;
    const pts: Point[] = [];
    for (let u = 0; u <= 100; u += 5) for (let v = 0; v <= 20; v += 5) pts.push([50 + u * Math.cos(a) - v * Math.sin(a), 80 + u * Math.sin(a) + v * Math.cos(a)]);
    const r = minAreaRect(convexHull(pts));
    expect(r.w).toBeCloseTo(100, 3);
    expect(r.h).toBeCloseTo(20, 3);
    expect(r.angle).toBeCloseTo(a, 3);
  });

  it('unclip grows every side by area × ratio / perimeter', () => {
    const r = unclip({ cx: 0, cy: 0, w: 100, h: 20, angle: 0 }, 1.5);
    const d = (100 * 20 * 1.5) / 240;
    expect(r.w).toBeCloseTo(100 + 2 * d);
    expect(r.h).toBeCloseTo(20 + 2 * d);
  });

  it('the perspective map sends the crop corners onto the quad', () => {
    const q = rectCorners({ cx: 100, cy: 50, w: 80, h: 20, angle: 0.3 });
    const map = perspectiveMap(q, 160, 40);
    const corners: [number, number][] = [[0, 0], [160, 0], [160, 40], [0, 40]];
    corners.forEach(([u, v], i) => {
      const [x, y] = map(u, v);
      expect(x).toBeCloseTo(q[i]![0], 6);
      expect(y).toBeCloseTo(q[i]![1], 6);
    });
  });

  it('detector input: longest side within the limit, both sides multiples of 32', () => {
    expect(detInputSize(10973, 3570, { limitSideLen: 2560, multipleOf: 32 })).toEqual([2560, 832]);
    expect(detInputSize(100, 30, { limitSideLen: 2560, multipleOf: 32 })).toEqual([96, 32]);
  });
});

describe('CTC greedy decoding', () => {
  it('merges repeats, drops blanks and keeps a repeated letter split by a blank', () => {
    const charset = ['', 'a', 'b', 'l', 'o', ' '];
    // Steps: b b _ o o l _ l _ blank  → "boll"
    const seq = [2, 2, 0, 4, 4, 3, 0, 3, 0];
    const C = charset.length;
    const data = new Float32Array(seq.length * C);
    seq.forEach((c, t) => {
      for (let k = 0; k < C; k++) data[t * C + k] = k === c ? 0.9 : 0.02;
    });
    const [d] = ctcDecode({ data, dims: [1, seq.length, C] }, charset);
    expect(d!.text).toBe('boll');
    expect(d!.confidence).toBeCloseTo(0.9, 5);
  });
});

describe('reading order', () => {
  it('reads a two-column page column by column, with the full-width title first', () => {
    const lines: OcrLine[] = [line('Title across both columns', 100, 20, 900, 60)];
    for (let i = 0; i < 6; i++) {
      lines.push(line(`left ${i}`, 100, 100 + i * 30, 480, 124 + i * 30));
      lines.push(line(`right ${i}`, 520, 100 + i * 30, 900, 124 + i * 30));
    }
    const text = groupBlocks(lines).map((b) => b.text).join('\n');
    expect(text.split('\n')).toEqual(['Title across both columns', ...[0, 1, 2, 3, 4, 5].map((i) => `left ${i}`), ...[0, 1, 2, 3, 4, 5].map((i) => `right ${i}`)]);
  });

  it('joins pieces on one baseline into one row and splits blocks at a paragraph gap', () => {
    const blocks = groupBlocks([line('Figure 1:', 100, 100, 200, 124), line('a caption', 215, 101, 400, 125), line('next paragraph', 100, 200, 400, 224)]);
    expect(blocks.map((b) => b.text)).toEqual(['Figure 1: a caption', 'next paragraph']);
  });

  it('keeps widely spaced lines (a CJK book page) in one block, but splits at a wider gap', () => {
    const rows = [0, 1, 2, 3].map((i) => line(`第${i}行`, 100, 100 + i * 40, 600, 124 + i * 40));
    rows.push(line('下一段', 100, 100 + 4 * 40 + 30, 600, 124 + 4 * 40 + 30));
    expect(groupBlocks(rows).map((b) => b.lines.length)).toEqual([4, 1]);
  });
});

describe('punctuation', () => {
  it('full-width punctuation becomes ASCII in Latin lines and stays in Chinese ones', () => {
    expect(halfWidthInLatin('Mandelin*， Mohammad（Intel）')).toBe('Mandelin*, Mohammad(Intel)');
    expect(halfWidthInLatin('适用人群：适合任何肌肤，')).toBe('适用人群：适合任何肌肤，');
  });
});

describe('spaces the recogniser dropped', () => {
  // Steps as the recogniser places characters: 2.5 steps per letter width (narrow 0.6, wide 1.5,
  // capitals 1.3), a space adding 3 steps; the space character itself is not emitted.
  const width = (c: string): number => ('iljtfrI1.,:;\'!|()[]'.includes(c) ? 0.6 : 'mwMW'.includes(c) ? 1.5 : /[A-Z]/.test(c) ? 1.3 : 1);
  function steps(line: string, jitter: number[] = []): { chars: string[]; first: number[] } {
    const chars: string[] = [];
    const first: number[] = [];
    let x = 0;
    let prev = '';
    for (const c of line) {
      if (c === ' ') {
        x += 3;
        continue;
      }
      if (prev) x += (2.5 * (width(prev) + width(c))) / 2;
      chars.push(c);
      first.push(Math.round(x + (jitter[chars.length - 1] ?? 0)));
      prev = c;
    }
    return { chars, first };
  }

  it('puts spaces back between words and after punctuation, from where the characters fall', () => {
    for (const line of ['it also suffers from two weaknesses', 'First, we demonstrate that, with the proper training setup.', 'A method for BM25 which runs in 4.2 ms']) {
      const { chars, first } = steps(line);
      expect(chars.join('')).not.toBe(line);
      expect(wordGaps(chars, first)).toBe(line);
    }
  });

  it('leaves numbers, all-caps words and tightly set letters alone', () => {
    const numbers = steps('it costs 1,000 or 3.14 each');
    expect(wordGaps(numbers.chars, numbers.first)).toBe('it costs 1,000 or 3.14 each');
    // Capitals next to each other are never split (nor joined back: their spaces are not seen).
    const caps = steps('Part COVERAGE AND DEFINITIONS');
    expect(wordGaps(caps.chars, caps.first)).toBe('Part COVERAGEANDDEFINITIONS');
    // One step of jitter in small type is not a space.
    const { chars, first } = steps('newspapers', [0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(wordGaps(chars, first)).toBe('newspapers');
  });
});

describe('word F1', () => {
  it('counts a missing space as a wrong word and joins words hyphenated over a line end', () => {
    expect(wordF1('it suffers from', 'it suffers from')).toBe(1);
    expect(wordF1('itsuffers from', 'it suffers from')).toBeCloseTo(0.4);
    expect(wordF1('we com-\npile it', 'we compile it')).toBe(1);
  });
});

describe('character error rate', () => {
  it('counts edits over the reference length, ignoring whitespace, ligatures and quote styles', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(characterErrorRate('the ﬁrst “quote”', 'the first\n"quote"')).toBe(0);
    expect(characterErrorRate('abcd', 'abce')).toBeCloseTo(0.25);
    expect(characterErrorRate('', 'abc')).toBe(1);
  });
});

describe('OCR block types', () => {
  const line = (text: string, y: number, h: number, confidence: number): OcrLine => ({ text, confidence, quad: [[100, y], [700, y], [700, y + h], [100, y + h]], bbox: [100, y, 700, y + h] });
  const types = (lines: OcrLine[]) => {
    const result = { width: 800, height: 1000, lines, blocks: groupBlocks(lines), text: '', timings: { detMs: 0, clsMs: 0, recMs: 0, totalMs: 0 }, providers: {} } as OcrPageResult;
    return ocrBlocks(result, { page: 1, scale: 1, idPrefix: 'b', findTitle: true }).map((b) => `${b.type}: ${b.text.slice(0, 12)}`);
  };
  const body = (y: number) => line('the body text of the page goes on in lines of this height', y, 14, 0.97);

  it('a caption is a caption; a large, clearly read line at the top is the title', () => {
    expect(types([line('A Unified Toolkit', 40, 30, 0.98), body(120), body(140), line('Table 1: Current layout detection models', 200, 14, 0.96), body(260), body(280)])).toEqual([
      'title: A Unified To',
      'paragraph: the body tex',
      'caption: Table 1: Cur',
      'paragraph: the body tex',
    ]);
  });

  it('small print the detector ran together, read at 0.80, is neither title nor heading however tall', () => {
    // layout-parser-paper-with-table.jpg: a table's footnote became the title "Fhdt, r lldi di sh Vs. …".
    const got = types([body(120), body(140), line('Fhdt, r lldi di sh Vs. computational st)F r b se model', 262, 32, 0.8), body(400), body(420)]);
    expect(got.filter((t) => /^(title|heading)/.test(t))).toEqual([]);
  });
});

describe('long lines read in pieces', () => {
  /** A 48-px line image: white paper, black ink over `ink` column ranges (rows 8–40). */
  function line(width: number, ink: [number, number][]): { width: number; height: number; data: Uint8ClampedArray } {
    const data = new Uint8ClampedArray(width * 48 * 4).fill(255);
    for (const [a, b] of ink) for (let y = 8; y < 40; y++) for (let x = a; x < b; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    return { width, height: 48, data };
  }
  // Words of six 8-px letters 2 px apart (58 px), 16 px between words.
  function words(n: number): [number, number][] {
    const out: [number, number][] = [];
    let x = 4;
    for (let w = 0; w < n; w++) {
      for (let l = 0; l < 6; l++) out.push([x + l * 10, x + l * 10 + 8]);
      x += 58 + 16;
    }
    return out;
  }

  it('leaves a line within the width whole', () => {
    expect(wordGapCuts(line(700, words(9)), 360, 720, 10)).toEqual([[0, 700, 0]]);
  });

  it('cuts a long line only in word gaps, each piece within the width', () => {
    const img = line(2000, words(27));
    const cuts = wordGapCuts(img, 360, 720, 10);
    expect(cuts.length).toBeGreaterThan(2);
    expect(cuts[0]![0]).toBe(0);
    expect(cuts.at(-1)![1]).toBe(2000);
    for (const [k, [a, b, gap]] of cuts.entries()) {
      expect(b - a).toBeLessThanOrEqual(720);
      if (k > 0) expect(a).toBe(cuts[k - 1]![1]);
      if (k < cuts.length - 1) {
        expect(gap).toBe(16);
        // The cut column is in the middle of a gap between words: no ink in it.
        const x = b;
        for (let y = 0; y < 48; y++) expect(img.data[(y * 2000 + x) * 4]).toBe(255);
      }
    }
    expect(sliceColumns(img, cuts[1]![0], cuts[1]![1]).width).toBe(cuts[1]![1] - cuts[1]![0]);
  });

  it('does not cut where there is no word gap (the piece grows), nor a blank strip', () => {
    // One long "word": letters with 2-px gaps only.
    const solid: [number, number][] = Array.from({ length: 150 }, (_, i) => [i * 10, i * 10 + 8]);
    expect(wordGapCuts(line(1500, solid), 360, 720, 10)).toEqual([[0, 1500, 0]]);
    expect(wordGapCuts(line(1500, []), 360, 720, 10)).toEqual([[0, 1500, 0]]);
  });

  it('joins pieces with a space, but none next to CJK text', () => {
    expect(joinPieces([{ text: 'the quick ', confidence: 0.9 }, { text: 'fox', confidence: 0.6 }])).toEqual({ text: 'the quick fox', confidence: (0.9 * 9 + 0.6 * 3) / 12 });
    expect(joinPieces([{ text: '中文', confidence: 1 }, { text: '文本', confidence: 1 }]).text).toBe('中文文本');
    expect(joinPieces([{ text: '', confidence: 0 }, { text: 'x', confidence: 0.5 }])).toEqual({ text: 'x', confidence: 0.5 });
  });
});
