// Whole-sentence shortening for bullets and captions. A bullet is a full thought: a sentence that
// fits as it is, or the same sentence with what a reader can spare taken out at clause boundaries
// (parentheticals, citations in the text, "e.g." asides, a trailing "which …" clause, a leading
// "Although …," clause). Never a sentence cut mid-way with an ellipsis: where nothing can be
// spared, the caller picks another sentence. Every word kept is the source's, in its order.
import { splitSentences, wordCount } from '../text/sentences.js';

/** In-text citations: "[12]", "[3, 4]", "(Chu et al. 1996)", "(Leisch et al. 2000; Hansen 1992)". */
const CITATION = /\s*(\[[\d,;\s–-]+\]|\((?:see\s+)?[\p{Lu}][\p{L}'’-]+(?:\s+(?:et al\.?|and|&)\s*[\p{Lu}]?[\p{L}'’-]*)*,?\s+(?:19|20)\d\d[a-z]?(?:[;,]\s*[\p{Lu}][^()]*?(?:19|20)\d\d[a-z]?)*\))/gu;
/** A parenthetical aside of a few words, not a formula's brackets. */
// Not a formula's brackets, and not an equation or item reference ("(11)", "(5a)", "(i)"): the
// sentence points at those ("as the representations (11) and (13) suggest").
const PAREN = /\s*\((?![^()]*[=<>+^_])(?!\s*(?:\d+[a-z]?|[ivx]+|[a-z])\s*\))[^()]{2,80}\)/g;
/** ", e.g., …," / ", i.e., …," asides. */
const ASIDE = /,\s*(?:e\.g\.|i\.e\.|for example|for instance|such as)[^,;]*(?=[,;.])/giu;
/** A trailing relative or participial clause after a comma: ", which …." / ", where …." */
const TRAILING = /,\s+(?:which|where|whereas|while|since|because|although|though|as well as|thereby|so that|using|making|leading|resulting|allowing|giving|including)\b[^.!?]*(?=[.!?]["”’)\]]*$)/iu;
/** A leading subordinate clause: "Although X, Y." → "Y." */
const LEADING = /^(?:Although|Though|While|Whereas|Since|Because|As|If|When|In (?:this|that|our|the) (?:paper|section|work|case|chapter),?|In addition|Furthermore|Moreover|However|Thus|Hence|Therefore|Consequently|Finally|First|Second|Third|Also|Here|Note that)\b[^,]{0,120},\s+/u;

function tidy(s: string): string {
  return s
    .replace(/\s+([,;:.!?])/g, '$1')
    .replace(/,\s*([.!?])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function capitalise(s: string): string {
  return s.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** Ends like a sentence. */
function whole(s: string): boolean {
  return /[.!?。！？]["”’)\]]*$/u.test(s);
}

/**
 * The sentence in at most `max` words, whole: as it is, or with spare clauses taken out. Undefined
 * when it cannot be brought under `max` without cutting it.
 */
export function compressSentence(s: string, max: number): string | undefined {
  const text = s.replace(/\s+/g, ' ').trim();
  if (wordCount(text) <= max) return text;
  if (!whole(text)) return undefined;
  let t = text;
  const steps: ((x: string) => string)[] = [
    (x) => x.replace(CITATION, ''),
    (x) => x.replace(ASIDE, ''),
    (x) => x.replace(PAREN, ''),
    (x) => x.replace(TRAILING, ''),
    (x) => {
      const m = LEADING.exec(x);
      // Only when what is left is a sentence of its own (a subject and more than a few words), and
      // its subject does not name the clause dropped ("Although cross-attention is not feasible …, it
      // has more capacity …" is not "It has more capacity …").
      const rest = m ? x.slice(m[0].length) : '';
      return m && wordCount(rest) >= 6 && !/^(?:it|its|they|their|them|this|these|those|such|he|she|his|her)\b/i.test(rest) ? capitalise(rest) : x;
    },
    // Two independent clauses joined by a semicolon: the first stands as a sentence of its own.
    (x) => {
      const i = x.indexOf('; ');
      return i > 0 && wordCount(x.slice(0, i)) >= 6 ? `${x.slice(0, i)}.` : x;
    },
  ];
  for (const step of steps) {
    t = tidy(step(t));
    if (wordCount(t) <= max && wordCount(t) >= 4 && whole(t)) return t;
  }
  return undefined;
}

/**
 * A caption that fits in `max` words: its label and as many of its whole sentences as fit, the
 * first sentence compressed if it alone is too long. Never cut mid-word; at worst the label alone.
 */
export function fitCaption(caption: string, max: number): string {
  const text = caption.replace(/\s+/g, ' ').trim();
  if (wordCount(text) <= max) return text;
  const label = /^((?:fig(?:ure)?|table|exhibit|chart|plate)s?\.?\s*[\dIVX]+[.\d]*[a-z]?[.:]?)\s*/i.exec(text);
  const head = label ? label[1]! : '';
  const body = label ? text.slice(label[0].length) : text;
  const sentences = splitSentences(body);
  let out = head;
  for (const [i, sen] of sentences.entries()) {
    const room = max - wordCount(out);
    const fit = wordCount(sen) <= room ? sen : i === 0 ? compressSentence(sen, room) : undefined;
    if (!fit) break;
    out = `${out} ${fit}`.trim();
  }
  if (out !== head) return out;
  // Not even its first sentence fits: the label alone, as a label ("Figure 1", not "Figure 1:"),
  // rather than a sentence cut short; the whole caption is in the notes.
  return head.replace(/[.:]$/, '') || body.split(/\s+/).slice(0, Math.max(1, max)).join(' ');
}
