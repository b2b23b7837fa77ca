// The bundled sample paper: a short illustrated paper about Folio, written out as PDF syntax from
// scratch so that the demo needs no binary in the repository and no download. This module owns
// the PDF writer (objects, xref, trailer), a small typesetter (standard-14 font metrics, line
// breaking, one- and two-column flow with floating figures) and the paper's content.
import { createHash } from 'node:crypto';

const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN = 72;
const GUTTER = 18;
const BODY_SIZE = 10;
const BODY_LEADING = 12;

// ---------------------------------------------------------------------------------------------
// Fonts: the standard 14 are referenced by name (every PDF reader has them), so nothing is embedded.

type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Times-Roman' | 'Courier';

const FONT_KEYS: Record<FontName, string> = {
  Helvetica: 'F1',
  'Helvetica-Bold': 'F2',
  'Times-Roman': 'F3',
  Courier: 'F4',
};

// Font descriptors without font files: the AFM header values. PDF 1.5 deprecated leaving them out
// even for the standard 14, and readers do use them: pdf.js 5 reports no ascent for a bare
// Times-Roman, which leaves a text extractor without line heights.
const FONT_DESCRIPTORS: Record<FontName, string> = {
  Helvetica: '/Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /XHeight 523 /StemV 88',
  'Helvetica-Bold': '/Flags 32 /FontBBox [-170 -228 1003 962] /ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /XHeight 532 /StemV 140',
  'Times-Roman': '/Flags 34 /FontBBox [-168 -218 1000 898] /ItalicAngle 0 /Ascent 683 /Descent -217 /CapHeight 662 /XHeight 450 /StemV 84',
  Courier: '/Flags 35 /FontBBox [-23 -250 715 805] /ItalicAngle 0 /Ascent 629 /Descent -157 /CapHeight 562 /XHeight 426 /StemV 51',
};

// Advance widths (1/1000 em) of ASCII 32–126 from the Adobe Core 14 AFM files. Readers lay these
// fonts out with the same numbers, so a line measured here is exactly as wide when drawn.
const ASCII_WIDTHS: Record<Exclude<FontName, 'Courier'>, readonly number[]> = {
  Helvetica: [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
  ],
  'Helvetica-Bold': [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
  ],
  'Times-Roman': [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
    500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
  ],
};

/** The few characters outside ASCII that the paper uses: WinAnsi code and width per font. */
const EXTRA_CHARS: Record<string, { code: number; widths: Record<Exclude<FontName, 'Courier'>, number> }> = {
  '–': { code: 0x96, widths: { Helvetica: 556, 'Helvetica-Bold': 556, 'Times-Roman': 500 } },
  '—': { code: 0x97, widths: { Helvetica: 1000, 'Helvetica-Bold': 1000, 'Times-Roman': 1000 } },
  '’': { code: 0x92, widths: { Helvetica: 222, 'Helvetica-Bold': 278, 'Times-Roman': 333 } },
  '“': { code: 0x93, widths: { Helvetica: 333, 'Helvetica-Bold': 500, 'Times-Roman': 444 } },
  '”': { code: 0x94, widths: { Helvetica: 333, 'Helvetica-Bold': 500, 'Times-Roman': 444 } },
  '·': { code: 0xb7, widths: { Helvetica: 278, 'Helvetica-Bold': 278, 'Times-Roman': 250 } },
};

function charWidth(font: FontName, ch: string): number {
  if (font === 'Courier') return 600;
  const code = ch.codePointAt(0) ?? 32;
  const ascii = code >= 32 && code <= 126 ? ASCII_WIDTHS[font][code - 32] : undefined;
  if (ascii !== undefined) return ascii;
  const extra = EXTRA_CHARS[ch];
  // Only reachable by editing the content below; failing loudly beats a silently wrong glyph.
  if (!extra) throw new Error(`make-sample-pdf: no WinAnsi glyph for ${JSON.stringify(ch)}`);
  return extra.widths[font];
}

function textWidth(s: string, font: FontName, size: number): number {
  let w = 0;
  for (const ch of s) w += charWidth(font, ch);
  return (w * size) / 1000;
}

/** A PDF literal string in WinAnsiEncoding; bytes outside printable ASCII are octal-escaped so the file stays 7-bit. */
function pdfString(s: string): string {
  let out = '(';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 32;
    const code = cp >= 32 && cp <= 126 ? cp : EXTRA_CHARS[ch]?.code;
    if (code === undefined) throw new Error(`make-sample-pdf: no WinAnsi code for ${JSON.stringify(ch)}`);
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch;
    else if (code < 32 || code > 126) out += '\\' + code.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + ')';
}

function num(v: number): string {
  return String(Number(v.toFixed(2)));
}

// ---------------------------------------------------------------------------------------------
// Drawing. Layout code thinks in top-left coordinates (y grows downwards, like the engine's boxes);
// the canvas flips to PDF's bottom-left origin when it writes operators.

type RGB = readonly [number, number, number];

interface Paint {
  fill?: RGB;
  stroke?: RGB;
  lineWidth?: number;
  dash?: readonly number[];
}

interface Run {
  text: string;
  font: FontName;
}

const INK: RGB = [0, 0, 0];

class Canvas {
  private readonly ops: string[] = [];

  content(): string {
    return this.ops.join('\n') + '\n';
  }

  text(x: number, baseline: number, s: string, font: FontName, size: number, color: RGB = INK, wordSpacing = 0): void {
    this.runs(x, baseline, [{ text: s, font }], size, color, wordSpacing);
  }

  /** Runs set one after another on one baseline; each Tj advances the pen by the run's width. */
  runs(x: number, baseline: number, runs: readonly Run[], size: number, color: RGB = INK, wordSpacing = 0): void {
    const parts = [`BT ${rgb(color)} rg ${num(wordSpacing)} Tw 1 0 0 1 ${num(x)} ${num(PAGE_H - baseline)} Tm`];
    let font: FontName | null = null;
    for (const r of runs) {
      if (r.font !== font) parts.push(`/${FONT_KEYS[r.font]} ${num(size)} Tf`);
      font = r.font;
      parts.push(`${pdfString(r.text)} Tj`);
    }
    parts.push('ET');
    this.ops.push(parts.join(' '));
  }

  textCentered(cx: number, baseline: number, s: string, font: FontName, size: number, color: RGB = INK): void {
    this.text(cx - textWidth(s, font, size) / 2, baseline, s, font, size, color);
  }

  textRight(right: number, baseline: number, s: string, font: FontName, size: number, color: RGB = INK): void {
    this.text(right - textWidth(s, font, size), baseline, s, font, size, color);
  }

  rect(x: number, y: number, w: number, h: number, paint: Paint): void {
    this.path(`${num(x)} ${num(PAGE_H - y - h)} ${num(w)} ${num(h)} re`, paint);
  }

  roundRect(x: number, y: number, w: number, h: number, r: number, paint: Paint): void {
    // Quarter circles as cubic Béziers: the control points sit k·r from each corner's tangent points.
    const k = 0.5523 * r;
    const X = (v: number): string => num(v);
    const Y = (v: number): string => num(PAGE_H - v);
    const x1 = x + w;
    const y1 = y + h;
    this.path(
      [
        `${X(x + r)} ${Y(y)} m`,
        `${X(x1 - r)} ${Y(y)} l`,
        `${X(x1 - r + k)} ${Y(y)} ${X(x1)} ${Y(y + r - k)} ${X(x1)} ${Y(y + r)} c`,
        `${X(x1)} ${Y(y1 - r)} l`,
        `${X(x1)} ${Y(y1 - r + k)} ${X(x1 - r + k)} ${Y(y1)} ${X(x1 - r)} ${Y(y1)} c`,
        `${X(x + r)} ${Y(y1)} l`,
        `${X(x + r - k)} ${Y(y1)} ${X(x)} ${Y(y1 - r + k)} ${X(x)} ${Y(y1 - r)} c`,
        `${X(x)} ${Y(y + r)} l`,
        `${X(x)} ${Y(y + r - k)} ${X(x + r - k)} ${Y(y)} ${X(x + r)} ${Y(y)} c`,
        'h',
      ].join(' '),
      paint,
    );
  }

  polyline(points: readonly (readonly [number, number])[], paint: Paint, close = false): void {
    const segs = points.map(([px, py], i) => `${num(px)} ${num(PAGE_H - py)} ${i === 0 ? 'm' : 'l'}`);
    this.path(segs.join(' ') + (close ? ' h' : ''), paint);
  }

  line(x1: number, y1: number, x2: number, y2: number, color: RGB, width: number): void {
    this.polyline(
      [
        [x1, y1],
        [x2, y2],
      ],
      { stroke: color, lineWidth: width },
    );
  }

  /** A polyline whose last segment ends in a filled arrow head at the last point. */
  arrow(points: readonly (readonly [number, number])[], color: RGB, width = 0.9, head = 5): void {
    const tip = points[points.length - 1];
    const from = points[points.length - 2];
    if (!tip || !from) return;
    const len = Math.hypot(tip[0] - from[0], tip[1] - from[1]);
    if (len === 0) return;
    const ux = (tip[0] - from[0]) / len;
    const uy = (tip[1] - from[1]) / len;
    // The shaft stops inside the head so its square end does not poke out of the point.
    const shaftEnd: [number, number] = [tip[0] - ux * head * 0.8, tip[1] - uy * head * 0.8];
    this.polyline([...points.slice(0, -1), shaftEnd], { stroke: color, lineWidth: width });
    const bx = tip[0] - ux * head;
    const by = tip[1] - uy * head;
    const half = head * 0.5;
    this.polyline(
      [
        [tip[0], tip[1]],
        [bx - uy * half, by + ux * half],
        [bx + uy * half, by - ux * half],
      ],
      { fill: color },
      true,
    );
  }

  private path(geometry: string, paint: Paint): void {
    const state: string[] = ['q'];
    if (paint.fill) state.push(`${rgb(paint.fill)} rg`);
    if (paint.stroke) state.push(`${rgb(paint.stroke)} RG ${num(paint.lineWidth ?? 1)} w`);
    if (paint.dash) state.push(`[${paint.dash.map(num).join(' ')}] 0 d`);
    const op = paint.fill && paint.stroke ? 'B' : paint.fill ? 'f' : 'S';
    this.ops.push(`${state.join(' ')} ${geometry} ${op} Q`);
  }
}

function rgb(c: RGB): string {
  return c.map(num).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Line breaking.

interface Word {
  text: string;
  font: FontName;
}

interface Line {
  words: Word[];
  /** Width at normal word spacing. */
  natural: number;
  /** Space characters in the line: each one stretches when the line is justified. */
  spaces: number;
}

/**
 * Splits text into unbreakable units. A reference ("in Figure 2", "cites [3]") travels with the
 * word before it: a line that began with "Figure 2." or "[3]" would read as a caption or a
 * reference entry, to people and to document readers alike.
 */
function units(text: string, font: FontName): Word[] {
  const out: Word[] = [];
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  for (let i = 0; i < tokens.length; i++) {
    let t = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (/^\(?(Figure|Table|Section)$/.test(t) && next !== undefined && /^\d/.test(next)) {
      t = `${t} ${next}`;
      i++;
    }
    const prev = out[out.length - 1];
    if (prev && (/^\(?(Figure|Table|Section) \d/.test(t) || /^[[–—]/.test(t))) prev.text += ' ' + t;
    else out.push({ text: t, font });
  }
  return out;
}

function wrap(words: readonly Word[], size: number, width: number, firstIndent = 0): Line[] {
  const lines: Line[] = [];
  let cur: Line = { words: [], natural: 0, spaces: 0 };
  let avail = width - firstIndent;
  for (const w of words) {
    const ww = textWidth(w.text, w.font, size);
    const inner = w.text.split(' ').length - 1;
    const gap = cur.words.length > 0 ? textWidth(' ', w.font, size) : 0;
    if (cur.words.length > 0 && cur.natural + gap + ww > avail) {
      lines.push(cur);
      cur = { words: [], natural: 0, spaces: 0 };
      avail = width;
    }
    cur.natural += (cur.words.length > 0 ? gap : 0) + ww;
    cur.spaces += inner + (cur.words.length > 0 ? 1 : 0);
    cur.words.push(w);
  }
  if (cur.words.length > 0) lines.push(cur);
  return lines;
}

/** Groups a line's words into runs of one font; the space before a word belongs to the word's run. */
function lineRuns(line: Line): Run[] {
  const runs: Run[] = [];
  line.words.forEach((w, i) => {
    const text = (i > 0 ? ' ' : '') + w.text;
    const last = runs[runs.length - 1];
    if (last && last.font === w.font) last.text += text;
    else runs.push({ text, font: w.font });
  });
  return runs;
}

/**
 * Word spacing that makes a line fill `avail`. Past half an em of extra space the line stays
 * ragged: the gaps would gape, and text extractors start reading them as column gutters.
 */
function justify(line: Line, avail: number, size: number): number {
  if (line.spaces === 0) return 0;
  const extra = (avail - line.natural) / line.spaces;
  return extra > 0.5 * size ? 0 : Math.max(0, extra);
}

// ---------------------------------------------------------------------------------------------
// Page flow: frames (one full-width column, or two columns) filled top to bottom. A figure or table
// that does not fit where it is mentioned floats to the top of the next frame, as in LaTeX.

interface Frame {
  x: number;
  w: number;
  top: number;
  bottom: number;
}

interface Float {
  height(w: number): number;
  draw(c: Canvas, x: number, y: number, w: number): void;
}

const FLOAT_GAP_ABOVE = 10;
const FLOAT_GAP_BELOW = 14;

class Flow {
  readonly pages: Canvas[] = [];
  private frames: Frame[] = [];
  private fi = 0;
  private y = 0;
  private columns: 1 | 2 = 1;
  private pending: Float[] = [];

  newPage(columns: 1 | 2): void {
    this.columns = columns;
    this.pages.push(new Canvas());
    const top = MARGIN;
    const bottom = PAGE_H - MARGIN;
    const full = PAGE_W - 2 * MARGIN;
    if (columns === 1) this.frames = [{ x: MARGIN, w: full, top, bottom }];
    else {
      const w = (full - GUTTER) / 2;
      this.frames = [
        { x: MARGIN, w, top, bottom },
        { x: MARGIN + w + GUTTER, w, top, bottom },
      ];
    }
    this.fi = 0;
    this.y = top;
    this.placePending();
  }

  /** Finishes the page: floats still waiting get frames of their own. */
  finish(): void {
    while (this.pending.length > 0) this.nextFrame();
  }

  private get frame(): Frame {
    const f = this.frames[this.fi];
    if (!f) throw new Error('make-sample-pdf: no frame (call newPage first)');
    return f;
  }

  private get canvas(): Canvas {
    const c = this.pages[this.pages.length - 1];
    if (!c) throw new Error('make-sample-pdf: no page (call newPage first)');
    return c;
  }

  private atTop(): boolean {
    return this.y <= this.frame.top + 0.01;
  }

  private nextFrame(): void {
    if (this.fi + 1 < this.frames.length) {
      this.fi++;
      this.y = this.frame.top;
      this.placePending();
    } else this.newPage(this.columns);
  }

  private placePending(): void {
    const waiting = this.pending;
    this.pending = [];
    for (const f of waiting) {
      const h = f.height(this.frame.w);
      if (this.y + h <= this.frame.bottom || this.atTop()) this.putFloat(f, h);
      else this.pending.push(f);
    }
  }

  private putFloat(f: Float, h: number): void {
    if (!this.atTop()) this.y += FLOAT_GAP_ABOVE;
    f.draw(this.canvas, this.frame.x, this.y, this.frame.w);
    this.y += h + FLOAT_GAP_BELOW;
  }

  /** A fixed block spanning the frame (the title block). */
  block(height: number, draw: (c: Canvas, x: number, y: number, w: number) => void): void {
    if (this.y + height > this.frame.bottom && !this.atTop()) this.nextFrame();
    draw(this.canvas, this.frame.x, this.y, this.frame.w);
    this.y += height;
  }

  /** Starts a new page unless the current one is still empty. */
  pageBreak(columns: 1 | 2): void {
    if (this.fi === 0 && this.atTop()) return;
    this.newPage(columns);
  }

  space(h: number): void {
    if (!this.atTop()) this.y += h;
  }

  heading(text: string, level: 1 | 2): void {
    const size = level === 1 ? 12 : 10.5;
    const before = level === 1 ? 12 : 8;
    const after = level === 1 ? 5 : 3;
    // Keep the heading with the first two lines of what follows.
    if (this.y + before + size + after + 2 * BODY_LEADING > this.frame.bottom) this.nextFrame();
    this.space(before);
    this.y += size;
    this.canvas.text(this.frame.x, this.y - 0.2 * size, text, 'Helvetica-Bold', size);
    this.y += after;
  }

  /** A centred heading line (the abstract's). */
  centeredHeading(text: string): void {
    this.y += 11;
    this.canvas.textCentered(this.frame.x + this.frame.w / 2, this.y - 2, text, 'Helvetica-Bold', 10);
    this.y += 4;
  }

  paragraph(text: string, opts: { indent?: boolean; inset?: number; size?: number; leading?: number } = {}): void {
    const size = opts.size ?? BODY_SIZE;
    const leading = opts.leading ?? BODY_LEADING;
    const inset = opts.inset ?? 0;
    const indent = opts.indent === false ? 0 : 12;
    const width = this.frame.w - 2 * inset;
    const lines = wrap(units(text, 'Times-Roman'), size, width, indent);
    // No lone first line at the foot of a column.
    if (lines.length > 1 && this.y + 2 * leading > this.frame.bottom) this.nextFrame();
    lines.forEach((line, i) => {
      if (this.y + leading > this.frame.bottom) this.nextFrame();
      const x0 = this.frame.x + inset + (i === 0 ? indent : 0);
      const avail = width - (i === 0 ? indent : 0);
      const ws = i < lines.length - 1 ? justify(line, avail, size) : 0;
      this.canvas.runs(x0, this.y + leading - 0.3 * size, lineRuns(line), size, INK, ws);
      this.y += leading;
    });
  }

  code(lines: readonly string[]): void {
    const size = 8.5;
    const leading = 10.5;
    if (this.y + 8 + lines.length * leading > this.frame.bottom) this.nextFrame();
    this.space(5);
    for (const l of lines) {
      this.canvas.text(this.frame.x + 12, this.y + leading - 2.5, l, 'Courier', size);
      this.y += leading;
    }
    this.y += 5;
  }

  float(f: Float): void {
    const h = f.height(this.frame.w);
    const need = (this.atTop() ? 0 : FLOAT_GAP_ABOVE) + h;
    if (this.pending.length === 0 && this.y + need <= this.frame.bottom) this.putFloat(f, h);
    else this.pending.push(f);
  }
}

// ---------------------------------------------------------------------------------------------
// Captions, figures and the table.

const CAPTION_SIZE = 8.5;
const CAPTION_LEADING = 10.5;

function captionLines(label: string, text: string, width: number): Line[] {
  const words = [...units(label, 'Helvetica-Bold'), ...units(text, 'Helvetica')];
  return wrap(words, CAPTION_SIZE, width);
}

function drawCaption(c: Canvas, lines: readonly Line[], x: number, y: number): void {
  lines.forEach((line, i) => {
    c.runs(x, y + (i + 1) * CAPTION_LEADING - 2.5, lineRuns(line), CAPTION_SIZE);
  });
}

/** A figure with its caption below it, the usual place for figure captions. */
function figure(label: string, caption: string, drawingHeight: number, draw: (c: Canvas, x: number, y: number, w: number) => void): Float {
  const gap = 9;
  return {
    height: (w) => drawingHeight + gap + captionLines(label, caption, w).length * CAPTION_LEADING,
    draw: (c, x, y, w) => {
      draw(c, x, y, w);
      drawCaption(c, captionLines(label, caption, w), x, y + drawingHeight + gap);
    },
  };
}

const TEXT_DARK: RGB = [0.13, 0.14, 0.18];
const ARROW: RGB = [0.3, 0.32, 0.38];

interface Stage {
  title: string;
  lines: [string, string];
  fill: RGB;
  stroke: RGB;
}

const STAGES: Stage[] = [
  { title: 'Sources', lines: ['PDFs, web pages,', 'images'], fill: [0.93, 0.94, 0.96], stroke: [0.42, 0.47, 0.56] },
  { title: 'Ingest', lines: ['pages, blocks,', 'figure crops'], fill: [0.87, 0.93, 0.99], stroke: [0.2, 0.44, 0.74] },
  { title: 'Agent', lines: ['plans, reads text', 'and visuals'], fill: [1.0, 0.93, 0.83], stroke: [0.84, 0.49, 0.12] },
  { title: 'Compose', lines: ['outline and', 'citations'], fill: [0.88, 0.96, 0.88], stroke: [0.22, 0.58, 0.28] },
  { title: 'Export', lines: ['report, site,', 'PPTX deck'], fill: [0.94, 0.9, 0.98], stroke: [0.49, 0.33, 0.69] },
];

/** Figure 1: sources → ingest → agent → compose → export, with the agent's evidence notes below. */
function drawPipeline(c: Canvas, x: number, y: number, w: number): void {
  const n = STAGES.length;
  const gap = Math.min(26, w * 0.05);
  const bw = (w - gap * (n - 1)) / n;
  const bh = 50;
  const top = y + 2;
  const cx = (i: number): number => x + i * (bw + gap) + bw / 2;
  STAGES.forEach((s, i) => {
    const bx = x + i * (bw + gap);
    c.roundRect(bx, top, bw, bh, 6, { fill: s.fill, stroke: s.stroke, lineWidth: 1 });
    c.textCentered(cx(i), top + 18, s.title, 'Helvetica-Bold', 9, TEXT_DARK);
    c.textCentered(cx(i), top + 31, s.lines[0], 'Helvetica', 7, TEXT_DARK);
    c.textCentered(cx(i), top + 40, s.lines[1], 'Helvetica', 7, TEXT_DARK);
    if (i < n - 1) {
      c.arrow(
        [
          [bx + bw + 2, top + bh / 2],
          [bx + bw + gap - 2, top + bh / 2],
        ],
        ARROW,
      );
    }
  });
  // The notes store under the agent: written and read while working, then handed to the composer.
  const agent = 2;
  const compose = 3;
  const nw = bw + 14;
  const nx = cx(agent) - nw / 2;
  const ny = top + bh + 28;
  const nh = 34;
  c.roundRect(nx, ny, nw, nh, 4, { fill: [1.0, 0.98, 0.87], stroke: [0.72, 0.58, 0.18], lineWidth: 1 });
  c.textCentered(cx(agent), ny + 14, 'Evidence notes', 'Helvetica-Bold', 8, TEXT_DARK);
  c.textCentered(cx(agent), ny + 25, 'source, page, box', 'Helvetica', 7, TEXT_DARK);
  const ax = cx(agent);
  c.arrow(
    [
      [ax - 9, top + bh + 2],
      [ax - 9, ny - 2],
    ],
    ARROW,
  );
  c.arrow(
    [
      [ax + 9, ny - 2],
      [ax + 9, top + bh + 2],
    ],
    ARROW,
  );
  c.textRight(ax - 13, top + bh + 17, 'writes', 'Helvetica', 6.5, ARROW);
  c.text(ax + 13, top + bh + 17, 'reads', 'Helvetica', 6.5, ARROW);
  c.arrow(
    [
      [nx + nw + 2, ny + nh / 2],
      [cx(compose), ny + nh / 2],
      [cx(compose), top + bh + 2],
    ],
    ARROW,
  );
}

const PIPELINE_HEIGHT = 2 + 50 + 28 + 34 + 2;

interface Series {
  name: string;
  color: RGB;
  values: readonly number[];
}

const CATEGORIES = ['Text', 'Tables', 'Charts', 'Diagrams'];
const SERIES: Series[] = [
  { name: 'Text-only agent', color: [0.66, 0.68, 0.72], values: [86, 58, 21, 15] },
  { name: 'Folio, no crops', color: [0.55, 0.73, 0.9], values: [88, 74, 39, 30] },
  { name: 'Folio', color: [0.13, 0.4, 0.72], values: [90, 83, 71, 64] },
];

const CHART_HEIGHT = 150;

/** Figure 2: grouped bars of correct-evidence rates per kind of evidence. */
function drawBarChart(c: Canvas, x: number, y: number, w: number): void {
  const label = 7;
  // Legend, centred over the plot.
  const sw = 7;
  const entries = SERIES.map((s) => sw + 3 + textWidth(s.name, 'Helvetica', label));
  const legendW = entries.reduce((a, b) => a + b, 0) + 10 * (entries.length - 1);
  let lx = x + (w - legendW) / 2;
  SERIES.forEach((s, i) => {
    c.rect(lx, y + 1, sw, sw, { fill: s.color });
    c.text(lx + sw + 3, y + 7.5, s.name, 'Helvetica', label, TEXT_DARK);
    lx += (entries[i] ?? 0) + 10;
  });
  const left = x + 22;
  const right = x + w - 2;
  const plotTop = y + 30;
  const plotBottom = y + CHART_HEIGHT - 14;
  c.text(x, y + 22, 'Correct evidence (%)', 'Helvetica', label, TEXT_DARK);
  const yOf = (v: number): number => plotBottom - (v / 100) * (plotBottom - plotTop);
  for (let v = 0; v <= 100; v += 25) {
    if (v > 0) c.line(left, yOf(v), right, yOf(v), [0.86, 0.87, 0.9], 0.4);
    c.textRight(left - 4, yOf(v) + 2.5, String(v), 'Helvetica', label, TEXT_DARK);
  }
  const groupW = (right - left) / CATEGORIES.length;
  const barW = Math.min(14, (groupW * 0.72) / SERIES.length);
  CATEGORIES.forEach((cat, gi) => {
    const gx = left + gi * groupW + (groupW - barW * SERIES.length) / 2;
    SERIES.forEach((s, si) => {
      const v = s.values[gi] ?? 0;
      c.rect(gx + si * barW, yOf(v), barW - 1, plotBottom - yOf(v), { fill: s.color });
    });
    c.textCentered(left + gi * groupW + groupW / 2, plotBottom + 10, cat, 'Helvetica', label, TEXT_DARK);
  });
  c.line(left, plotTop - 4, left, plotBottom, INK, 0.6);
  c.line(left, plotBottom, right, plotBottom, INK, 0.6);
}

const TABLE_ROWS: readonly (readonly [string, string, string, string])[] = [
  ['Collection', 'Documents', 'Pages', 'Visuals'],
  ['arXiv papers', '40', '512', '731'],
  ['Annual reports', '12', '1,940', '388'],
  ['Slide decks', '8', '246', '310'],
  ['Scanned forms', '25', '75', '60'],
];

/** Table 1, booktabs style: caption above, rules above and below the header and at the end. */
function table(label: string, caption: string): Float {
  const size = 8.5;
  const rowH = 12.5;
  const gap = 6;
  const body = 3 + TABLE_ROWS.length * rowH + 3;
  return {
    height: (w) => captionLines(label, caption, w).length * CAPTION_LEADING + gap + body,
    draw: (c, x, y, w) => {
      const cap = captionLines(label, caption, w);
      drawCaption(c, cap, x, y);
      let ty = y + cap.length * CAPTION_LEADING + gap;
      // Numbers right-aligned on column edges spread over the width left after the name column.
      const edges = [x + w * 0.56, x + w * 0.78, x + w - 4];
      c.line(x, ty, x + w, ty, INK, 0.8);
      ty += 3;
      TABLE_ROWS.forEach((row, ri) => {
        const font: FontName = ri === 0 ? 'Helvetica-Bold' : 'Helvetica';
        const base = ty + rowH - 3.5;
        c.text(x + 4, base, row[0], font, size, INK);
        row.slice(1).forEach((cell, ci) => {
          c.textRight(edges[ci] ?? x + w, base, cell, font, size, INK);
        });
        ty += rowH;
        if (ri === 0) c.line(x, ty + 1, x + w, ty + 1, INK, 0.4);
      });
      ty += 3;
      c.line(x, ty, x + w, ty, INK, 0.8);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The paper.

const TITLE = ['Folio: reading documents', 'the way people do'];
const AUTHOR = 'The Folio team';
const RUNNING_FOOTER = 'Folio: reading documents the way people do';

const ABSTRACT =
  'Research rarely happens in plain text. The evidence that settles a question is often a chart on page seven, a table in an appendix or a diagram in a slide deck, and most tools that read documents for us flatten all of that into a stream of words. Folio is a desktop studio for multimodal deep research. People drop in PDFs, web pages and images and state a goal; an agent plans the work, reads both the text and the visuals, keeps notes that point back at their evidence by source, page and box, and writes the result as a Markdown report, an HTML site and an editable PowerPoint deck. This short paper describes how Folio reads a document, how its notes stay tied to what they quote, and what a small illustrative evaluation suggests about reading figures and tables instead of skipping them.';

function writePaper(flow: Flow): void {
  flow.newPage(1);
  flow.block(92, (c, x, y, w) => {
    const cx = x + w / 2;
    c.textCentered(cx, y + 16, TITLE[0] ?? '', 'Helvetica-Bold', 20);
    c.textCentered(cx, y + 40, TITLE[1] ?? '', 'Helvetica-Bold', 20);
    c.textCentered(cx, y + 64, AUTHOR, 'Helvetica', 11);
    c.textCentered(cx, y + 79, 'Technical note · sample document generated by the Folio demo', 'Helvetica', 8.5, [0.35, 0.35, 0.4]);
  });
  flow.centeredHeading('Abstract');
  flow.paragraph(ABSTRACT, { indent: false, inset: 36 });

  flow.heading('1 Introduction', 1);
  flow.paragraph(
    'Ask a colleague to summarise a stack of reports and they will not read them front to back. They skim the headings, stop at the figures, check a number in a table, and go back to the paragraph that explains it. The page is a layout, not a string: where something sits tells the reader what it is, and a caption tells them what a picture is meant to show.',
    { indent: false },
  );
  flow.paragraph(
    'Most research assistants built on language models ignore that. They extract the text layer, cut it into chunks and retrieve the chunks that look most similar to a question. Figures disappear, tables turn into runs of numbers without their headers, and a two-column page is read across the gutter one line at a time. The answers that come back may sound right, but they are hard to check, because the link between a claim and the place it came from was lost along the way.',
  );
  flow.paragraph(
    'Folio takes the opposite approach. It treats every source as a set of pages with regions on them: paragraphs, headings, figures, tables and their captions. An agent works through those regions the way a careful person would, and every note it takes records exactly where its evidence lives. The pipeline in Figure 1 runs from the sources a person provides to the documents Folio produces at the end.',
  );
  flow.float(
    figure(
      'Figure 1.',
      'The Folio pipeline. Sources are ingested into pages, blocks and crops; the agent plans, reads and keeps evidence notes; the composer turns the notes into an outline with citations; the exporters write the report, the site and the deck.',
      PIPELINE_HEIGHT,
      drawPipeline,
    ),
  );
  flow.paragraph(
    'Three ideas carry the design. Layout is evidence: headings, captions and columns say what a piece of text is. Visuals are read as visuals: figures and tables are cropped and shown to the agent as images, not described by the few words inside them. And every claim carries its address, so that a person can check it without redoing the research.',
  );
  flow.paragraph(
    'The rest of this paper follows the pipeline. Section 2 explains how a document is read: layout analysis, reading order, the detection of figures and tables, and the notes that the agent keeps while it works. Section 3 reports a small evaluation on four collections of documents, and Section 4 discusses what remains to be done.',
  );

  flow.pageBreak(2);
  flow.heading('2 How Folio reads a document', 1);
  flow.paragraph(
    'Reading starts with the file itself. For a PDF, Folio uses the text layer when there is a trustworthy one and falls back to optical character recognition [2] when a page is scanned or its text layer is damaged. Each page becomes a list of text runs with their fonts and positions, plus the boxes of every image and vector drawing on it. Web pages are rendered in a headless browser and read the same way, so a chart on a web page and a chart in a PDF end up in the same form.',
    { indent: false },
  );
  flow.paragraph(
    'Pages are read in parallel by a pool of workers, so a long report does not wait on one complicated page, and a page that cannot be read is skipped with a warning instead of failing the whole document. The same engine runs behind the desktop application and the command line:',
  );
  flow.code(['folio ingest report.pdf --out out', 'folio demo --out out']);
  flow.paragraph(
    'The result is a document folder holding a JSON description of every page, a Markdown rendering for people to read, and PNG crops of the figures and tables that the agent can look at directly.',
    { indent: false },
  );

  flow.heading('2.1 Layout', 2);
  flow.paragraph(
    'Text runs are first joined into line segments. A segment ends wherever there is a gap wider than about one character height, which keeps the two columns of a page apart and breaks table rows into cells. Segments are then put into reading order with a recursive XY-cut [1]: a clean vertical gutter splits a region into columns that are read from left to right, and otherwise the widest clear horizontal gap splits it into bands that are read from top to bottom.',
    { indent: false },
  );
  flow.paragraph(
    'Consecutive segments are grouped into blocks. A block ends at a change of font size, a wide vertical gap, an indented first line or a short line that closes a sentence. Blocks are then typed from simple evidence: numbered lines set in a larger or bolder font are headings, lines that open with the word Figure or Table and a number are captions, lines repeated at the top or bottom of most pages are running headers and footers, and the rest is body text.',
  );
  flow.paragraph(
    'Running headers, footers and page numbers are found across the whole document rather than page by page: a line that repeats near the same edge of most pages, with only its digits changing, is furniture, and it is kept out of the text that the agent reads.',
  );
  flow.paragraph(
    'None of this needs a trained model. Learned layout detectors [4] are more accurate on unusual pages, but the rules are cheap, run in milliseconds per page, and can be inspected when they go wrong, which matters more to us while the rest of the pipeline is still changing.',
  );

  flow.heading('2.2 Figures and tables', 2);
  flow.paragraph(
    'Captions anchor the visual content, an idea that Folio shares with earlier work on mining figures from research papers [3]. Starting from a caption, the reader grows a region away from it, collecting images, vector paths and small labels, until it meets body text or a wide empty band. Figure captions usually sit below their figure and table captions above their table, so the search looks in that direction first and falls back to the other. The region is then rendered to a PNG crop at 144 dots per inch.',
    { indent: false },
  );
  flow.paragraph(
    'Tables get one more step. The text inside the region is assigned to rows by its baseline and to columns by its horizontal alignment, which recovers a grid that can be written as a Markdown table or placed on a slide. When a table continues on the next page, the two parts are linked so that the agent reads them as one.',
  );
  flow.paragraph(
    'Vector figures need the same care as photographs. A chart drawn with path operators has no image inside it at all, only lines, rectangles and a few labels, so the region search counts every filled or stroked path as part of the picture, and the crop is rendered from the page itself rather than extracted from the file.',
  );

  flow.heading('2.3 Notes that point at evidence', 2);
  flow.paragraph(
    'While it works, the agent writes notes. A note is a short claim in the agent’s own words together with a pointer to its evidence: the source, the page, and the box on that page where the supporting text, figure or table lives. Notes are the only material the writer may use, so every sentence in the final report can be traced back to a region that a person can open and check.',
    { indent: false },
  );
  flow.paragraph(
    'Notes are cheap to keep and easy to throw away. The agent is encouraged to collect generously while it reads and to drop what turns out to be irrelevant when it writes, because a missing note costs another pass over the sources while an unused one costs nothing.',
  );
  flow.paragraph(
    'Boxes matter as much as pages. A page of an annual report may hold dozens of numbers; a pointer to the page alone leaves the reader searching, while a pointer to the box highlights the exact cell. Because the crops are rendered from the same coordinates, a report can show its evidence right next to the claim that it supports.',
  );
  flow.paragraph(
    'The composer groups the notes by the questions in the plan, orders them into an outline and hands each section to the exporters. The Markdown report keeps citations as links, the HTML site shows the crops beside the text, and the PowerPoint deck puts one finding on each slide with its figure, in a form that people can still edit.',
  );

  flow.pageBreak(2);
  flow.heading('3 Evaluation', 1);
  flow.paragraph(
    'We ran Folio on four small collections that stress different parts of the reader; they are listed in Table 1. The numbers in this section come from an illustrative internal study and are included so that this sample document has something to measure; they are not a benchmark.',
    { indent: false },
  );
  flow.float(table('Table 1.', 'The four document collections used in the evaluation.'));
  flow.paragraph(
    'For each collection we wrote ten questions whose answers depend on one specific piece of evidence, and we checked whether the final report cited the right region for each of them. We compared Folio with a text-only agent that reads the same documents as extracted plain text and retrieves chunks by similarity, and with a variant of Folio that keeps the layout but never looks at the crops.',
  );
  flow.paragraph(
    'The results in Figure 2 show the share of questions answered with correct evidence, grouped by the kind of evidence that the answer needed.',
  );
  flow.float(
    figure(
      'Figure 2.',
      'Questions answered with the correct evidence, by the kind of evidence needed. Keeping the layout helps with tables; looking at the crops is what makes charts and diagrams readable.',
      CHART_HEIGHT,
      drawBarChart,
    ),
  );
  flow.paragraph(
    'On questions answered by running text the three agents are close, which is expected: all of them see the same words. The gap opens on tables, where the text-only agent loses the headers that give a number its meaning, and it is widest on charts and diagrams, which have almost no text to retrieve at all. Keeping the layout without the crops recovers most of the table questions but only a part of the chart questions.',
  );
  flow.paragraph(
    'Most of the remaining errors come from layout. Figures that share one caption, captions set beside their figures, and tables drawn without rules or alignment still confuse the region search. Scanned forms are the hardest collection, because optical character recognition adds noise to exactly the small labels that the reader relies on.',
  );

  flow.heading('4 Conclusion', 1);
  flow.paragraph(
    'Reading documents the way people do is mostly a matter of respecting the page. Folio keeps the layout, finds the figures and tables, and makes every note point at its evidence, so that a report written by an agent can be checked by a person in a few clicks.',
    { indent: false },
  );
  flow.paragraph(
    'Much is left to do. We want to read charts into data rather than only cropping them, to follow references from one document to another, and to let people correct the reader when it gets a region wrong, so that the correction improves the next document too. The desktop studio, the command-line reader and this sample paper are where that work starts.',
  );

  flow.heading('References', 1);
  const refs = [
    '[1] G. Nagy and S. Seth. Hierarchical representation of optically scanned documents. In Proceedings of the 7th International Conference on Pattern Recognition (ICPR), 1984.',
    '[2] R. Smith. An overview of the Tesseract OCR engine. In Proceedings of the 9th International Conference on Document Analysis and Recognition (ICDAR), 2007.',
    '[3] C. Clark and S. Divvala. PDFFigures 2.0: mining figures from research papers. In Proceedings of the 16th ACM/IEEE Joint Conference on Digital Libraries (JCDL), 2016.',
    '[4] X. Zhong, J. Tang and A. Jimeno Yepes. PubLayNet: largest dataset ever for document layout analysis. In Proceedings of the 15th International Conference on Document Analysis and Recognition (ICDAR), 2019.',
  ];
  for (const r of refs) {
    flow.paragraph(r, { indent: false, size: 9, leading: 11 });
    flow.space(3);
  }
  flow.finish();
}

function drawFooters(pages: readonly Canvas[]): void {
  const grey: RGB = [0.4, 0.4, 0.45];
  pages.forEach((c, i) => {
    c.text(MARGIN, PAGE_H - 40, RUNNING_FOOTER, 'Helvetica', 8, grey);
    c.textRight(PAGE_W - MARGIN, PAGE_H - 40, `Page ${i + 1} of ${pages.length}`, 'Helvetica', 8, grey);
  });
}

// ---------------------------------------------------------------------------------------------
// The file: objects, a cross-reference table with byte offsets, and the trailer.

function writePdf(contents: readonly string[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pagesId = add('');
  const fontRefs = (Object.keys(FONT_KEYS) as FontName[]).map((f) => {
    const descriptor = add(`<< /Type /FontDescriptor /FontName /${f} ${FONT_DESCRIPTORS[f]} >>`);
    const font = add(`<< /Type /Font /Subtype /Type1 /BaseFont /${f} /Encoding /WinAnsiEncoding /FontDescriptor ${descriptor} 0 R >>`);
    return `/${FONT_KEYS[f]} ${font} 0 R`;
  });
  const resources = add(`<< /Font << ${fontRefs.join(' ')} >> /ProcSet [/PDF /Text] >>`);
  const kids = contents.map((content) => {
    // Content is 7-bit ASCII (pdfString escapes the rest), so characters are bytes.
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}endstream`);
    return add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources ${resources} 0 R /Contents ${stream} 0 R >>`);
  });
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang (en-US) >>`;
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(
    `<< /Title ${pdfString(TITLE.join(' '))} /Author ${pdfString(AUTHOR)} /Subject ${pdfString('Sample paper bundled with the Folio demo')} /Creator (Folio demo) /Producer (Folio make-sample-pdf) >>`,
  );

  // The comment's four high bytes tell transfer tools the file is binary, as the spec recommends.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  // Every xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte EOL.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  // A stable ID (a hash of the body) keeps the sample byte-identical from run to run.
  const id = createHash('md5').update(out, 'latin1').digest('hex');
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** The sample paper as the bytes of a PDF file (4 US Letter pages, no embedded fonts). */
export function makeSamplePdf(): Uint8Array {
  const flow = new Flow();
  writePaper(flow);
  drawFooters(flow.pages);
  return writePdf(flow.pages.map((p) => p.content()));
}
