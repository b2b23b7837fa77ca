// Text measurement for slide fitting: real font metrics through @napi-rs/canvas, with the font files
// that the renderers will actually use (or metric-compatible ones), and a conservative estimate when
// no font file can be found on this machine. All sizes here are in points.
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GlobalFonts, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

/**
 * Candidate font files per family, best first. The Liberation fonts are metric-compatible with
 * Arial / Times New Roman / Courier New, which is what LibreOffice substitutes for them. Georgia has no
 * metric twin on Linux: Gelasio is metric-compatible; otherwise LibreOffice falls back to DejaVu Serif,
 * which is wider than Georgia, so measuring with it errs on the safe side.
 */
const FAMILY_FILES: Record<string, { regular: string[]; bold: string[] }> = {
  arial: {
    regular: ['arial.ttf', 'Arial.ttf', 'LiberationSans-Regular.ttf'],
    bold: ['arialbd.ttf', 'Arial Bold.ttf', 'LiberationSans-Bold.ttf'],
  },
  helvetica: {
    regular: ['LiberationSans-Regular.ttf', 'arial.ttf', 'Arial.ttf'],
    bold: ['LiberationSans-Bold.ttf', 'arialbd.ttf', 'Arial Bold.ttf'],
  },
  'times new roman': {
    regular: ['times.ttf', 'Times New Roman.ttf', 'LiberationSerif-Regular.ttf'],
    bold: ['timesbd.ttf', 'Times New Roman Bold.ttf', 'LiberationSerif-Bold.ttf'],
  },
  'courier new': {
    regular: ['cour.ttf', 'Courier New.ttf', 'LiberationMono-Regular.ttf'],
    bold: ['courbd.ttf', 'Courier New Bold.ttf', 'LiberationMono-Bold.ttf'],
  },
  georgia: {
    regular: ['georgia.ttf', 'Georgia.ttf', 'Gelasio-Regular.ttf', 'DejaVuSerif.ttf'],
    bold: ['georgiab.ttf', 'Georgia Bold.ttf', 'Gelasio-Bold.ttf', 'DejaVuSerif-Bold.ttf'],
  },
};

function fontDirs(): string[] {
  const home = os.homedir();
  const dirs = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.fonts'),
    path.join(home, '.local/share/fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts',
    path.join(home, 'Library/Fonts'),
  ];
  if (process.env.WINDIR) dirs.push(path.join(process.env.WINDIR, 'Fonts'));
  return dirs.filter((d) => existsSync(d));
}

let fileIndex: Map<string, string> | undefined;

/** File name → absolute path of every .ttf/.otf under the usual font folders (a few levels deep). */
function indexFontFiles(): Map<string, string> {
  if (fileIndex) return fileIndex;
  const index = new Map<string, string>();
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // an unreadable font folder is simply not a source of fonts
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 5) walk(p, depth + 1);
      else if (/\.(ttf|otf)$/i.test(e.name) && !index.has(e.name)) index.set(e.name, p);
    }
  };
  for (const d of fontDirs()) walk(d, 0);
  fileIndex = index;
  return index;
}

export interface FontFace {
  family: string;
  bold?: boolean;
}

/** Measures text widths in points; `estimated` lists the families measured without a font file. */
export interface TextMeasurer {
  width(text: string, font: FontFace, sizePt: number): number;
  readonly estimated: ReadonlySet<string>;
  /** Which file each measured family came from (for the fix log and tests). */
  readonly files: ReadonlyMap<string, string>;
}

const MEASURE_PX = 100; // measure at a large size and scale: widths are linear in size
// Kerning across word joins and renderer rounding are not modelled; a small margin covers them.
const SAFETY = 1.03;

class CanvasMeasurer implements TextMeasurer {
  readonly estimated = new Set<string>();
  readonly files = new Map<string, string>();
  private readonly ctx: SKRSContext2D;
  private readonly aliases = new Map<string, string | null>();
  private readonly cache = new Map<string, number>();

  constructor() {
    this.ctx = createCanvas(8, 8).getContext('2d');
  }

  private alias(font: FontFace): string | null {
    const key = `${font.family.toLowerCase()}|${font.bold ? 'b' : 'r'}`;
    const known = this.aliases.get(key);
    if (known !== undefined) return known;
    const entry = FAMILY_FILES[font.family.toLowerCase()];
    const names = entry ? (font.bold ? entry.bold : entry.regular) : [`${font.family}.ttf`, `${font.family.replace(/\s+/g, '')}-Regular.ttf`];
    const index = indexFontFiles();
    let alias: string | null = null;
    for (const n of names) {
      const file = index.get(n);
      if (!file) continue;
      const name = `folio-measure-${key.replace(/[^a-z0-9]+/g, '-')}`;
      if (GlobalFonts.registerFromPath(file, name)) {
        alias = name;
        this.files.set(key, file);
        break;
      }
    }
    if (!alias) this.estimated.add(font.family);
    this.aliases.set(key, alias);
    return alias;
  }

  width(text: string, font: FontFace, sizePt: number): number {
    if (!text) return 0;
    // Chinese, Japanese and Korean characters are a full em wide in every font that has them; the
    // Latin font measured them at about 0.38 em (a fallback's), and a Chinese deck's bullets ran
    // off the bottom of LibreOffice's slides.
    const wide = countWide(text);
    if (wide > 0) return wide * sizePt * SAFETY + this.width(text.replace(WIDE_ALL, ''), font, sizePt);
    const alias = this.alias(font);
    const key = `${alias ?? font.family}|${font.bold ? 1 : 0}|${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      if (alias) {
        this.ctx.font = `${font.bold ? 'bold ' : ''}${MEASURE_PX}px "${alias}"`;
        w = this.ctx.measureText(text).width / MEASURE_PX;
      } else {
        w = estimateEm(text, font.bold === true);
      }
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(key, w);
    }
    return w * sizePt * SAFETY;
  }
}

/** East Asian wide and full-width characters: CJK ideographs, kana, hangul, CJK and full-width punctuation. */
const WIDE_CHARS = '\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\ua960-\\ua97f\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6\\u{20000}-\\u{3fffd}';
const WIDE = new RegExp(`[${WIDE_CHARS}]`, 'u');
const WIDE_ALL = new RegExp(`[${WIDE_CHARS}]`, 'gu');
/** Closing punctuation that may not begin a line: it stays with the character before it. */
const NO_BREAK_BEFORE = /^[，。、；：？！）》」』】〕〉’”,.;:?!)\]}%]/u;

function countWide(text: string): number {
  let n = 0;
  for (const ch of text) if (WIDE.test(ch)) n++;
  return n;
}

/** A deliberately wide guess (in em) for when no font file is available: wider than Arial or Georgia. */
function estimateEm(text: string, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) em += 1;
    else if (ch === ' ') em += 0.3;
    else if (/[il.,:;'|!]/.test(ch)) em += 0.32;
    else if (/[MWmw@%]/.test(ch)) em += 0.95;
    else if (/[A-Z0-9]/.test(ch)) em += 0.72;
    else em += 0.6;
  }
  return em * (bold ? 1.08 : 1);
}

let shared: CanvasMeasurer | undefined;

export function fontMeasurer(): TextMeasurer {
  shared ??= new CanvasMeasurer();
  return shared;
}

/** An estimate-only measurer: what a machine with none of the fonts gets (used by tests). */
export function estimatingMeasurer(): TextMeasurer {
  const estimated = new Set<string>();
  return {
    estimated,
    files: new Map(),
    width(text, font, sizePt) {
      estimated.add(font.family);
      return estimateEm(text, font.bold === true) * sizePt * SAFETY;
    },
  };
}

/**
 * The places a line may break: words between spaces, and around each Chinese, Japanese or Korean
 * character (which may end a line anywhere but before closing punctuation). `space`: whether the
 * piece follows a space.
 */
function breakPieces(para: string): { text: string; space: boolean }[] {
  const out: { text: string; space: boolean }[] = [];
  let cur = '';
  let curSpace = false;
  let pendingSpace = false;
  let lastWide = false;
  for (const ch of para) {
    if (/\s/u.test(ch)) {
      if (cur) out.push({ text: cur, space: curSpace });
      cur = '';
      pendingSpace = true;
      continue;
    }
    const wide = WIDE.test(ch);
    if (cur && (wide || lastWide) && !NO_BREAK_BEFORE.test(ch)) {
      out.push({ text: cur, space: curSpace });
      cur = '';
    }
    if (!cur) {
      curSpace = pendingSpace && out.length > 0;
      pendingSpace = false;
    }
    cur += ch;
    lastWide = wide;
  }
  if (cur) out.push({ text: cur, space: curSpace });
  return out;
}

/**
 * Greedy word wrap as PowerPoint and LibreOffice do it: break at spaces and between CJK characters,
 * and break a word that is longer than the line on its own at character boundaries.
 */
export function wrapText(m: TextMeasurer, text: string, font: FontFace, sizePt: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const { text: word, space } of breakPieces(para)) {
      const candidate = line ? `${line}${space ? ' ' : ''}${word}` : word;
      if (m.width(candidate, font, sizePt) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      if (m.width(word, font, sizePt) <= maxWidth) {
        line = word;
        continue;
      }
      let piece = '';
      for (const ch of word) {
        if (piece && m.width(piece + ch, font, sizePt) > maxWidth) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
