// Code listings from the source, for code slides and <pre> blocks: which 'code' blocks read as code
// (ingest also marks the odd indented line of prose as code), and a whole-command excerpt of a
// listing that fits a slide: never a command cut in the middle, never a line cut with "…".

/** A line of a listing that is plainly code: a prompt, an assignment, a call, a comment, a brace. */
const CODE_LINE = /^\s*(?:[>$+]\s|>>>|#|\/\/)|<-|[=(){}[\];]|^\s*\w+\s*\(|^\s{2,}\S/;
/** Does this 'code' block read as code (not a line of prose the layout indented)? */
export function looksLikeCode(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.length === 0) return false;
  if (lines.length === 1) {
    const l = lines[0]!;
    // One line of prose ("The risk set: which subjects are present …") is no listing.
    return /^\s*(?:[>$]\s|>>>)/.test(l) || (/<-|[=(){}]/.test(l) && !/^\s*[A-Z][a-z]+\s+[a-z]+\s+[a-z]+/.test(l));
  }
  const code = lines.filter((l) => CODE_LINE.test(l)).length;
  return code >= Math.ceil(lines.length / 3);
}

/** A prompt line that starts a command (R "> ", shell "$ ", Python ">>> "). */
const PROMPT = /^(?:> |\$ |>>> )/;

/**
 * The longest head of a listing that fits `maxLines` lines of at most `maxCols` characters, cut
 * only where a command starts (a prompt line) or at a blank line, so every command shown is whole
 * with its printed output. Undefined when not even the first unit fits. Blank lines at the ends go.
 */
export function codeExcerpt(text: string, maxLines = 14, maxCols = 84): string | undefined {
  // Glyphs the PDF's fonts could not map (U+FFFD, private-use bullets) would show as boxes.
  if (/[\uFFFD\uE000-\uF8FF]/u.test(text)) return undefined;
  const lines = text.replace(/\t/g, '    ').replace(/\s+$/gm, '').split('\n');
  // A listing that opens with the rest of a command from the page before ("      xlab=…)") starts
  // at its first prompt: the half of a command is no example.
  const firstPrompt = lines.findIndex((l) => PROMPT.test(l));
  if (firstPrompt > 0) lines.splice(0, firstPrompt);
  while (lines.length && !lines[0]!.trim()) lines.shift();
  // Units: a run of lines from one cut point to the next.
  const units: string[][] = [];
  for (const l of lines) {
    const last = units[units.length - 1];
    if (!last || PROMPT.test(l) || (!l.trim() && last.length > 0 && last[last.length - 1]!.trim())) units.push([l]);
    else last.push(l);
  }
  const out: string[] = [];
  for (const u of units) {
    if (u.some((l) => l.length > maxCols) || out.length + u.length > maxLines) break;
    // A command whose rest is on the next page ("> plot(badfit, mark.time=FALSE, lty=1:2,") is no example.
    if (!complete(u)) break;
    out.push(...u);
  }
  while (out.length && !out[out.length - 1]!.trim()) out.pop();
  // A head that is only output (no command) shows nothing a reader can run.
  if (out.length === 0 || !out.some((l) => PROMPT.test(l) || /<-|[=(){};]/.test(l))) return undefined;
  // Blank lines inside printed output ("\n\n" between R's command and its result) read as one.
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * Are the commands of a unit whole: brackets closed, no line left hanging on an operator? Only the
 * prompt lines and their continuations count (printed output may hold "(start, stop]").
 */
function complete(unit: string[]): boolean {
  let depth = 0;
  let inCommand = false;
  let last = '';
  for (const l of unit) {
    if (PROMPT.test(l)) inCommand = true;
    else if (depth <= 0 && !/[,+\-*/|&<=~]$/.test(last)) inCommand = false;
    if (!inCommand) continue;
    // Strings and comments hold brackets that do not count.
    const code = l.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*$/, '').trimEnd();
    for (const ch of code) {
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch)) depth--;
    }
    if (code.trim()) last = code;
  }
  return depth <= 0 && !(inCommand && /[,+\-*/|&<=~]$/.test(last) && !/^(?:> |\$ |>>> )?$/.test(last));
}
