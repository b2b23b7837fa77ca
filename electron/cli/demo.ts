// `folio demo`: the first thing a new user runs. Generates the bundled sample paper, then runs three
// skills on it with the offline engine — pdf-to-ppt, pdf-to-web and research-report — and says where
// everything went. Needs no network, no model and no API key.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeSamplePdf } from '../../assets/sample/make-sample-pdf.js';
import { UserInputError } from '../../engine/errors.js';
import { runSkill } from '../../skills/registry.js';
import type { SkillResult } from '../../skills/types.js';
import { traceWriter } from './skills.js';

const USAGE = 'usage: folio demo [--out <dir>] [--quiet]';
const SAMPLE_NAME = 'folio-sample.pdf';
const GOAL = 'How does Folio turn documents into reports, sites and decks, and how fast is it?';

export async function runDemo(args: string[]): Promise<number> {
  const parsed = parseDemoArgs(args);
  if (parsed === null) {
    process.stdout.write(`${USAGE}\n  Writes a sample paper to <dir>/sample/ and a deck, a site and a research report made from it under <dir>/.\n`);
    return 0;
  }
  const { out, quiet } = parsed;
  const sampleDir = path.join(out, 'sample');
  await makeFolder(sampleDir);
  const pdfPath = path.join(sampleDir, SAMPLE_NAME);
  await writeFile(pdfPath, makeSamplePdf());

  const t0 = Date.now();
  const results: [string, SkillResult][] = [];
  const jobs: [string, string, Parameters<typeof runSkill>[1]][] = [
    ['pdf-to-ppt', 'Deck from the paper', { inputs: [pdfPath], outDir: path.join(out, 'pdf-to-ppt') }],
    ['pdf-to-web', 'Project page for the paper', { inputs: [pdfPath], outDir: path.join(out, 'pdf-to-web') }],
    [
      'research-report',
      'Research report with a goal',
      { inputs: [pdfPath], goal: GOAL, options: { outputs: 'markdown,site,pptx,slides' }, outDir: path.join(out, 'research-report') },
    ],
  ];
  for (const [id, title, req] of jobs) {
    if (!quiet) process.stderr.write(`\n== ${title} (folio run ${id})\n`);
    // A previous demo's output is replaced, never mixed with the new one.
    await rm(req.outDir, { recursive: true, force: true });
    results.push([title, await runSkill(id, { ...req, provider: { kind: 'offline' }, onEvent: traceWriter(quiet) })]);
  }
  process.stdout.write(summary(pdfPath, results, (Date.now() - t0) / 1000));
  return 0;
}

/** The output folder, or null when help was asked for. */
function parseDemoArgs(args: string[]): { out: string; quiet: boolean } | null {
  let values: { out?: string | undefined; help?: boolean | undefined; quiet?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      options: {
        out: { type: 'string', short: 'o', default: 'out' },
        help: { type: 'boolean', short: 'h' },
        quiet: { type: 'boolean', short: 'q' },
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
  return { out, quiet: values.quiet === true };
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

function summary(pdfPath: string, results: [string, SkillResult][], secs: number): string {
  const lines = ['', `Folio demo: made from the bundled sample paper in ${secs.toFixed(1)} s, offline`, '', `  Sample PDF   ${pdfPath}`];
  for (const [title, r] of results) {
    lines.push('', `  ${title}: ${r.summary}`);
    for (const o of r.outputs) lines.push(`    ${o.label.padEnd(30)} ${o.path}`);
  }
  lines.push('', 'Open the .html files in a browser and deck.pptx in PowerPoint, Keynote or LibreOffice.', 'Next: folio run pdf-to-ppt <your.pdf>, or folio skills for everything Folio can do.', '');
  return lines.join('\n');
}
