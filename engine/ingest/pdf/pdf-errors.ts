// What pdf.js's own error messages mean, in words a person can act on. pdf.js throws terse
// internal messages ("Pages tree contains circular reference.", "Invalid number: G") and the
// JavaScript engine adds its own ("Maximum call stack size exceeded"); passed through raw they do not
// say which file failed or that the file, not Folio, is at fault. Every error that leaves PDF ingest
// goes through pdfSourceError, so it is a SourceError naming the file.
import { AbortedError, FolioError, SourceError } from '../../errors.js';

const KNOWN: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/Maximum call stack size exceeded|too much recursion/i, 'damaged PDF: its objects are nested too deeply to read'],
  [/Pages tree contains circular reference/i, 'damaged PDF: its page tree loops back on itself'],
  [/Page dictionary kid reference points to wrong type of object|Page dictionary kid is not an object|Page dictionary kids object is not an array/i, 'damaged PDF: its page tree points at something that is not a page'],
  [/Invalid page count|Page index \d+ not found|Invalid page index/i, 'damaged PDF: its page tree does not match its page count'],
  [/Invalid number: (.{0,20})/i, (m) => `damaged PDF: "${m[1]!.trim()}" stands where a number belongs`],
  [/End of file inside (array|dictionary|string)/i, (m) => `damaged or truncated PDF: the file ends inside ${m[1] === 'array' ? 'an array' : `a ${m[1]!.toLowerCase()}`}`],
  [/Invalid PDF structure/i, 'damaged or truncated PDF: its structure cannot be read'],
  [/Invalid Root reference|Invalid root reference/i, 'damaged PDF: its document catalog (Root) is missing or broken'],
  [/XRef|xref/, 'damaged PDF: its cross-reference table is broken'],
  [/flate stream|FCHECK|Invalid block type|Bad encoding in/i, 'damaged PDF: a compressed stream is corrupt'],
  [/Folio: a stream inflates to more than (\d+) MB/, (m) => `a compressed stream inflates to more than ${m[1]} MB (a decompression bomb?); refused`],
  [/Unknown command|Illegal character|Unexpected/i, 'damaged PDF: its syntax is broken'],
  [/ERR_WORKER_OUT_OF_MEMORY|out of memory|Allocation failed|Array buffer allocation failed|Invalid typed array length|Invalid array length/i, 'needs more memory to read than Folio allows (a hostile or broken PDF?)'],
  [/font/i, 'damaged PDF: a font is broken'],
];

/** A pdf.js or engine message → what is wrong, in words; unknown ones keep pdf.js's text in parentheses. */
export function describePdfProblem(message: string): string {
  // A worker that died of an unhandled rejection wraps the real reason in Node's explanation.
  const inner = /The promise rejected with the reason "([^"]*)"/.exec(message)?.[1] ?? message;
  const text = inner.replace(/^(Error|FormatError|ParserEOFException|InvalidPDFException|UnknownErrorException|RangeError|TypeError):\s*/, '').trim();
  for (const [re, say] of KNOWN) {
    const m = re.exec(text);
    if (m) return typeof say === 'string' ? say : say(m);
  }
  return `damaged PDF (pdf.js: ${text.replace(/\s+/g, ' ').slice(0, 160) || 'no message'})`;
}

/**
 * Any error from reading a PDF → a FolioError that names the file: SourceErrors and cancellations
 * pass through, everything else (pdf.js internals revived from a worker, engine failures) becomes
 * a SourceError that says what is wrong in words.
 */
export function pdfSourceError(file: string, err: unknown, page?: number): FolioError {
  if (err instanceof SourceError || err instanceof AbortedError) return err;
  if (err instanceof FolioError && err.code !== 'INTERNAL') return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SourceError(file, describePdfProblem(message), { ...(page !== undefined ? { page } : {}), cause: err });
}
