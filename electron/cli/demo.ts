// `folio demo`: the first thing a new user runs. Generates the bundled sample paper, reads it with
// the offline engine and says where everything went. Needs no network, no model and no API key.
// Until the report/site/deck exporters land, the demo stops after ingest.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeSamplePdf } from '../../assets/sample/make-sample-pdf.js';
import { UserInputError } from '../../engine/errors.js';
import { ingestFile, writeDocumentFolder } from '../../engine/ingest/index.js';
import type { SourceDocument } from '../../engine/ingest/index.js';
import { Progress } from './progress.js';

const USAGE = 'usage: folio demo [--out <dir>]';
const SAMPLE_NAME = 'folio-sample.pdf';

export async function runDemo(args: string[]): Promise<number> {
  const out = parseDemoArgs(args);
  if (out === null) {
    process.stdout.write(`${USAGE}\n  Writes a sample paper to <dir>/sample/ and its ingested document folder to <dir>/ (default: out).\n`);
    return 0;
  }

  const sampleDir = path.join(out, 'sample');
  await makeFolder(sampleDir);
  const pdfPath = path.join(sampleDir, SAMPLE_NAME);
  await writeFile(pdfPath, makeSamplePdf());

  const progress = new Progress(process.stderr);
  const { doc, assets } = await ingestFile(pdfPath, {
    onProgress: (p) => {
      progress.update(`${SAMPLE_NAME}: ${p.phase}`, p.done, p.total);
    },
  });
  const dir = await writeDocumentFolder(out, doc, assets);
  for (const w of doc.warnings) process.stderr.write(`folio: warning: ${SAMPLE_NAME}: ${w}\n`);

  process.stdout.write(summary(doc, pdfPath, dir, assets.size));
  return 0;
}

/** The output folder, or null when help was asked for. */
function parseDemoArgs(args: string[]): string | null {
  let values: { out?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        out: { type: 'string', short: 'o', default: 'out' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // parseArgs explains the problem well ("Unknown option '--x'"); it only lacks the usage line.
    const why = err instanceof Error ? err.message : String(err);
    throw new UserInputError(`demo: ${why} (${USAGE})`, { cause: err });
  }
  if (values.help === true) return null;
  const out = values.out ?? 'out';
  if (out.trim() === '') throw new UserInputError(`demo: --out needs a folder name (${USAGE})`);
  return out;
}

async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A file where the output folder should be is the person's to sort out, not a crash.
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UserInputError(`demo: cannot create folder ${dir}: a file is in the way`, { cause: err });
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UserInputError(`demo: cannot create folder ${dir}: permission denied`, { cause: err });
    throw err;
  }
}

function summary(doc: SourceDocument, pdfPath: string, dir: string, crops: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [
    '',
    `Folio demo: read the bundled sample paper "${doc.title}"`,
    '',
    `  Sample PDF      ${pdfPath}`,
    `  Document JSON   ${path.join(dir, 'document.json')}`,
    `  Markdown        ${path.join(dir, 'document.md')}`,
    `  Crops           ${path.join(dir, 'assets')}${path.sep}  (${plural(crops, 'PNG')})`,
    '',
    `  Found ${plural(doc.pageCount, 'page')}, ${plural(doc.figures.length, 'figure')}, ${plural(doc.tables.length, 'table')} and ${plural(doc.sections.length, 'section')}.`,
  ];
  for (const item of [...doc.figures, ...doc.tables]) {
    const crop = item.asset ? path.join(dir, item.asset) : 'no crop';
    lines.push(`    ${item.label} (page ${item.page}): ${crop}`);
  }
  lines.push(
    '',
    'Coming next: the report, site and deck exporters, which will turn this folder into a Markdown',
    'report, an HTML site and an editable PPTX deck. Until then, open document.md to see what Folio read.',
    '',
  );
  return lines.join('\n');
}
