// TeX's text fonts set as Type 3 bitmaps (dvips, old pdfTeX) come with no Unicode map: pdf.js
// hands over their raw codes, and the ligatures, quotes and dashes TeX keeps below 0x20 arrive as
// control characters ("modi\x1ced" for "modified"). The two TeX text encodings put them in
// different places: OT1 (Computer Modern) has ff fi fl ffi ffl at 0x0B–0x0F, T1 (EC, Latin Modern)
// at 0x1B–0x1F with its quotes and dashes at 0x10–0x16. Which one a font uses shows in where its
// control codes sit: inside words, the ligature slots of one encoding are used far more than
// anything else. A font that is mostly control codes is not a TeX text font and is left alone.

const OT1: Record<number, string> = {
  0x0b: 'ff', 0x0c: 'fi', 0x0d: 'fl', 0x0e: 'ffi', 0x0f: 'ffl', 0x10: 'ı', 0x11: 'ȷ',
  0x19: 'ß', 0x1a: 'æ', 0x1b: 'œ', 0x1c: 'ø', 0x1d: 'Æ', 0x1e: 'Œ', 0x1f: 'Ø',
};
const T1: Record<number, string> = {
  0x0d: '‚', 0x0e: '‹', 0x0f: '›', 0x10: '“', 0x11: '”', 0x12: '„', 0x13: '«', 0x14: '»', 0x15: '–', 0x16: '—',
  0x19: 'ı', 0x1a: 'ȷ', 0x1b: 'ff', 0x1c: 'fi', 0x1d: 'fl', 0x1e: 'ffi', 0x1f: 'ffl',
};

export type TexEncoding = 'OT1' | 'T1';

// eslint-disable-next-line no-control-regex -- control characters are what is being read
const CONTROL = /[\u000b-\u001f]/g;
const LETTER = /\p{L}/u;

/**
 * The TeX encoding the strings of one font are set in, or null where they do not read as one
 * (no control codes inside words, or too many control codes for a text font).
 */
export function texEncodingOf(strs: readonly string[]): TexEncoding | null {
  let ot1 = 0;
  let t1 = 0;
  let control = 0;
  let chars = 0;
  for (const s of strs) {
    chars += s.length;
    for (const m of s.matchAll(CONTROL)) {
      control++;
      const c = m[0].charCodeAt(0);
      const at = m.index;
      const inWord = LETTER.test(s[at - 1] ?? '') || LETTER.test(s[at + 1] ?? '');
      if (!inWord) continue;
      if (c >= 0x0b && c <= 0x0f) ot1++;
      else if (c >= 0x1b && c <= 0x1f) t1++;
    }
  }
  if (control === 0 || control > 0.1 * chars) return null;
  if (t1 > ot1 && t1 >= 1) return 'T1';
  if (ot1 > t1 && ot1 >= 1) return 'OT1';
  return null;
}

/** Whether the strings of a font have control codes but read mostly as text (a TeX font whose encoding its words do not tell). */
export function fewControls(strs: readonly string[]): boolean {
  let control = 0;
  let chars = 0;
  for (const s of strs) {
    chars += s.length;
    control += s.match(CONTROL)?.length ?? 0;
  }
  return control > 0 && control <= 0.1 * chars;
}

/** The string with the control codes of its TeX encoding read as the characters they stand for. */
export function decodeTex(s: string, enc: TexEncoding): string {
  const table = enc === 'T1' ? T1 : OT1;
  return s.replace(CONTROL, (c) => table[c.charCodeAt(0)] ?? c);
}
