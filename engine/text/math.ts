// Inline math a PDF's text layer flattened into loose symbols: on a slide, in prose or as a
// research note it reads as noise ("σˆ2 = n−k 1 "n i=1 uî2"), so writers and the offline planner
// leave such sentences out.

/**
 * A sentence whose inline formula came out of the PDF as a row of loose symbols: an equals sign
 * among single letters and digits, or modifier marks standing alone (ˆ ˜ ¦ ¯).
 */
export function flattenedMath(text: string): boolean {
  const loose = (text.match(/(?:^|\s)[\p{L}\p{N}][ˆ˜¯^]?\d?(?=\s|$)/gu) ?? []).length;
  const marks = (text.match(/[ˆ˜¦¯]/g) ?? []).length;
  return marks >= 2 || (/[=≤≥]/.test(text) && loose >= 4);
}
