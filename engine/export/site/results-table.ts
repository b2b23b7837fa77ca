// Which cells of a results table are the best in their column. "Best" is the maximum unless the
// column header says lower is better (error, loss, time, latency, ms, ↓ ...); ties are all best.

const LOWER_IS_BETTER = /(error|\berr\b|loss|time|latency|\bms\b|\bsec(onds?)?\b|\bs\)|perplexity|\bppl\b|\bwer\b|\bcer\b|\bmae\b|\bmse\b|\brmse\b|lower is better|↓|⬇)/i;
const HIGHER_IS_BETTER = /(↑|⬆|higher is better)/;
const METRIC = /(acc|score|f1|\bf-?measure|bleu|rouge|meteor|\bem\b|exact|top-?\d|recall|precision|\bmap\b|mrr|ndcg|auc|%|↑|⬆|speed-?up|throughput|win|pass@|hit)/i;

/** The number a results cell shows: "78.4", "-3.2%", "1,024", "12.5 ± 0.3", "65.0*"; null for text or "-". */
export function cellNumber(cell: string): number | null {
  const s = cell.trim().replace(/[\u2212\u2013]/g, '-');
  const m = /^[([]?\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d*\.?\d+(?:[eE][-+]?\d+)?)\s*(%|x|×|ms|s)?\s*(?:±\s*\d*\.?\d+\s*%?)?\s*[)\]]?\s*[*†‡§¶]*$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

export function lowerIsBetter(header: string): boolean {
  if (HIGHER_IS_BETTER.test(header)) return false;
  return LOWER_IS_BETTER.test(header);
}

/**
 * Returns, per body row, the set of column indexes whose value is the best in its column.
 * A column counts as numeric when at least two body cells, and at least half of its non-empty
 * cells, are numbers, and is not a column of whole numbers under a header that names no metric
 * (those are settings such as "#N" or "layers"). Header text for a column joins all header rows (multi-row headers).
 */
export function bestCells(headerRows: string[][], body: string[][]): Set<number>[] {
  const best = body.map(() => new Set<number>());
  const ncols = Math.max(0, ...body.map((r) => r.length), ...headerRows.map((r) => r.length));
  for (let c = 0; c < ncols; c++) {
    const values = body.map((r) => cellNumber(r[c] ?? ''));
    const nonEmpty = body.filter((r) => (r[c] ?? '').trim() !== '' && (r[c] ?? '').trim() !== '-').length;
    const numeric = values.filter((v): v is number => v !== null);
    if (numeric.length < 2 || numeric.length * 2 < nonEmpty) continue;
    const header = headerRows.map((r) => r[c] ?? '').join(' ');
    // Whole-number columns are usually settings (#N, batch size, layers, year), not scores, unless
    // the header names a metric.
    if (numeric.every((v) => Number.isInteger(v)) && !METRIC.test(header) && !LOWER_IS_BETTER.test(header)) continue;
    const target = lowerIsBetter(header) ? Math.min(...numeric) : Math.max(...numeric);
    // A column where every value is the same has no winner worth pointing at.
    if (numeric.every((v) => v === target)) continue;
    values.forEach((v, r) => {
      if (v === target) best[r]!.add(c);
    });
  }
  return best;
}

/**
 * How many leading rows are header rows. The model marks only the first; a table with grouped
 * columns (Top-20 over NQ, TriviaQA, ...) has a second header row right after it, which holds
 * labels and no numbers while the rows below do hold numbers.
 */
export function headerRowCount(rows: string[][], header: boolean): number {
  if (!header || rows.length < 2) return 0;
  let n = 1;
  while (n < Math.min(3, rows.length - 1)) {
    const r = rows[n]!;
    const filled = r.filter((c) => c.trim() !== '');
    const numbers = r.filter((c) => cellNumber(c) !== null).length;
    const bodyHasNumbers = rows.slice(n + 1).some((b) => b.some((c) => cellNumber(c) !== null));
    if (numbers === 0 && filled.length * 2 >= r.length && bodyHasNumbers) n++;
    else break;
  }
  return n;
}
