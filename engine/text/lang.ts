// Cheap language and text-quality signals: enough to label a document and to notice a text
// layer that is missing or garbage (a bad OCR layer on a scan), not a general classifier.

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'as', 'on', 'are', 'this', 'by', 'we'],
  fr: ['le', 'la', 'les', 'des', 'et', 'est', 'une', 'du', 'dans', 'pour', 'que', 'qui', 'sur', 'par', 'nous'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'von', 'zu', 'ein', 'eine', 'für', 'auf', 'wir'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'en', 'que', 'del', 'por', 'para', 'una', 'con', 'se', 'como'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'non', 'una', 'sono', 'del', 'della', 'con', 'gli', 'le', 'si'],
  pt: ['o', 'a', 'os', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'para', 'com', 'não', 'uma', 'se'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'op', 'te', 'in', 'voor', 'met', 'zijn', 'niet', 'ook'],
};

/** ISO 639-1 code of the dominant language of `text`, or 'und' when there is too little text. */
export function detectLang(text: string): string {
  const sample = text.slice(0, 200_000);
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let cyr = 0;
  let latin = 0;
  let arabic = 0;
  let greek = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
    else if (c >= 0xac00 && c <= 0xd7af) hangul++;
    else if (c >= 0x0400 && c <= 0x04ff) cyr++;
    else if (c >= 0x0600 && c <= 0x06ff) arabic++;
    else if (c >= 0x0370 && c <= 0x03ff) greek++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
  }
  const total = han + kana + hangul + cyr + latin + arabic + greek;
  if (total < 20) return 'und';
  if (hangul > 0.2 * total) return 'ko';
  if (kana > 0.1 * total) return 'ja';
  // Han characters carry about as much as a whole Latin word: weigh them up.
  if (han * 3 > latin) return 'zh';
  if (cyr > 0.4 * total) return 'ru';
  if (arabic > 0.4 * total) return 'ar';
  if (greek > 0.4 * total) return 'el';
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = 'en';
  let bestScore = -1;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    let score = 0;
    for (const w of words) if (set.has(w)) score++;
    if (score > bestScore) {
      bestScore = score;
      best = lang;
    }
  }
  return best;
}

/**
 * Judges a page's text layer: 'none' when there is (almost) no text, 'suspect' when the text does
 * not look like language (OCR garbage, broken font encodings), else 'native'.
 */
export function textLayerQuality(text: string, chars: number, hasBigImage: boolean): 'native' | 'none' | 'suspect' {
  if (chars < 10 || (chars < 80 && hasBigImage)) return 'none';
  // One pass over the UTF-16 units, counting characters as code points (a surrogate pair is one):
  // per-character strings and a regex over the page cost ~40 ms on a 352-page book.
  let bad = 0;
  let all = 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWhiteSpace(c)) continue;
    all++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      continue;
    }
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || c < 0x20) bad++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) cjk++;
  }
  if (all > 0 && bad / all > 0.1) return 'suspect';
  // Scripts without spaces between words (CJK) are judged by the share of bad characters alone.
  if (cjk > 0.3 * all) return 'native';
  // Runs of letters, digits, apostrophes and hyphens that hold a letter, found in one regex pass.
  const wordTokens = text.match(/[\p{N}'’-]*\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  if (wordTokens.length < 15) return 'native';
  // The share is judged from at most ~160 words spread over the page: garbage text layers score
  // far below the 0.6 line, real text far above it, and a book page has ~400 words.
  const stride = Math.ceil(wordTokens.length / 160);
  const wordy = stride > 1 ? wordTokens.filter((_, i) => i % stride === 0) : wordTokens;
  let plausible = 0;
  for (const t of wordy) if (plausibleWord(t)) plausible++;
  const share = plausible / wordy.length;
  const avgLen = wordy.reduce((a, t) => a + t.length, 0) / wordy.length;
  if (share < 0.6 || avgLen < 2.6) return 'suspect';
  return 'native';
}

/** What String.prototype.trim removes: ECMAScript white space and line terminators. */
function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The verdict of plausibleWord for a plain ASCII word, lower-case or capitalised ("the", "Trace"),
 * from its character codes alone; undefined for any other word. Most words are plain, and the
 * regexes below cost ~1 µs a word (a third of the document analysis on a 352-page book).
 */
function plainWordVerdict(t: string): boolean | undefined {
  let vowel = false;
  let run = 0;
  let prev = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const lower = c | 0x20;
    const isLower = c >= 0x61 && c <= 0x7a;
    if (!(isLower || (i === 0 && c >= 0x41 && c <= 0x5a))) return undefined;
    run = lower === prev ? run + 1 : 1;
    if (run >= 3) return false;
    prev = lower;
    if (lower === 0x61 || lower === 0x65 || lower === 0x69 || lower === 0x6f || lower === 0x75 || lower === 0x79) vowel = true;
  }
  if (t.length === 1) return t === 'a' || t === 'A' || t === 'I';
  return vowel;
}

function plausibleWord(t: string): boolean {
  if (t.length > 24) return false;
  const fast = plainWordVerdict(t);
  if (fast !== undefined) return fast;
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return false;
  if (/(.)\1\1/u.test(letters.toLowerCase())) return false;
  if (/^\p{Script=Latin}+$/u.test(letters)) {
    if (letters.length === 1) return /^[aAI]$/.test(letters);
    if (!/[aeiouyàâäéèêëîïôöùûüœæ]/iu.test(letters)) return /^[A-Z]{2,6}$/.test(letters);
    // Mixed case inside a word ("tHe", "wORd") is rare in real text.
    if (/\p{Ll}\p{Lu}/u.test(letters) && !/^(Mc|Mac|De|La|Le|O')/.test(letters)) return false;
    if (/[0-9]/.test(t) && /\p{L}/u.test(t) && !/^\d+(st|nd|rd|th|s|px|pt|km|kg|mm|cm|ms|d)$/i.test(t)) return false;
    return true;
  }
  return true;
}
