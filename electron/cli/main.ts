// The command line: the same engine the desktop app hosts, driven from a terminal.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { FolioError, UserInputError } from '../../engine/errors.js';
import { RESEARCH_HELP } from './research-help.js';
import { exitQuietlyOnEpipe } from './epipe.js';
// Commands load their modules on demand: `folio ingest` need not load exporters, model code or the
// research agent (which loads pdf.js into this thread to show pages), and `folio --help` or
// `folio <command> --help` loads none of them.

const HELP = `folio: multimodal deep research and content creation

Usage:
  folio ingest <file.pdf|page.html|https://...>... --out <dir> [--dpi 144] [--no-crops] [--threads N] [--quiet]
               [--network] [--allow-private]
      Reads each document and writes <dir>/<id>/document.json, document.md and assets/*.png.
      A URL is fetched only with --network, which also fetches the remote images of web pages;
      --allow-private lets fetches reach localhost and private networks.
  folio skills [--json] [--skills-dir DIR]
      Lists the built-in and user skills with their folder and status.
  folio run <skill> <inputs…> [--goal "…"] [--out DIR] [--provider offline|openai-compatible]
            [--preset NAME] [--base-url URL] [--model ID] [--network] [--<skill option> VALUE]
      Runs a skill (pdf-to-ppt, pdf-to-web, doc-writing, research-report, …) with a live trace.
  folio export <run-dir|document-dir|document.json> --out DIR [--to markdown,site,pptx,slides]
               [--theme paper|midnight|classic] [--slides N]
      Writes report.md, site/index.html, deck.pptx and slides/index.html from a run or a document.
${RESEARCH_HELP}  folio ocr <image|file.pdf> [--json] [--pages 1-3] [--dpi 200] [--provider cpu|cuda|dml|coreml]
      Reads the text of an image (PNG, JPEG, WebP, GIF, BMP, TIFF) or of PDF pages with the OCR models.
  folio doctor [--json] [--provider ...]
      Lists execution providers and OCR models (path, size, sha256, provider, smoke inference time).
  folio demo [--out out]
      Runs the main job on a bundled sample with the offline engine and writes it under out/.
  folio --help | --version
`;

// demo answers --help itself, with its own usage line.
const COMMANDS = ['ingest', 'skills', 'run', 'export', 'research', 'ocr', 'doctor'] as const;

/** One command's part of HELP: its usage lines and what it does. */
export function commandHelp(cmd: string): string | null {
  const lines = HELP.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`  folio ${cmd} `) || l === `  folio ${cmd}`);
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^ {2}folio (?!\S+ --resume)\S/.test(lines[end]!) && lines[end] !== '') end++;
  // `folio research --resume` belongs to research.
  return `Usage:\n${lines.slice(start, end).join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnEpipe();
  const [cmd, ...rest] = argv;
  if (cmd && (COMMANDS as readonly string[]).includes(cmd) && rest.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(commandHelp(cmd) ?? HELP);
    return 0;
  }
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return 0;
      case '-v':
      case '--version':
        process.stdout.write('folio 0.1.0\n');
        return 0;
      case 'ingest':
        return await ingestCommand(rest);
      case 'demo':
        return await (await import('./demo.js')).runDemo(rest);
      case 'ocr':
        return await (await import('./ocr.js')).ocrCommand(rest);
      case 'doctor':
        return await (await import('./doctor.js')).doctorCommand(rest);
      case 'research':
        return await (await import('./research.js')).researchCommand(rest);
      case 'skills':
        return await (await import('./skills.js')).skillsCommand(rest);
      case 'run':
        return await (await import('./skills.js')).runCommand(rest);
      case 'export':
        return await (await import('./skills.js')).exportCommand(rest);
      default:
        throw new UserInputError(`unknown command "${cmd}" (see folio --help)`);
    }
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  if (err instanceof FolioError) {
    process.stderr.write(`folio: ${err.message}\n`);
    return err.code === 'USER_INPUT' ? 2 : 1;
  }
  if (err instanceof Error && (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`folio: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`folio: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 70;
}

async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      dpi: { type: 'string' },
      'no-crops': { type: 'boolean' },
      threads: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      network: { type: 'boolean' },
      'allow-private': { type: 'boolean' },
    },
  });
  if (positionals.length === 0) throw new UserInputError('ingest: give at least one file (folio ingest <file.pdf>... --out <dir>)');
  if (!values.out) throw new UserInputError('ingest: --out <dir> is required');
  const dpi = values.dpi !== undefined ? Number(values.dpi) : 144;
  if (!Number.isFinite(dpi) || dpi < 36 || dpi > 600) throw new UserInputError(`ingest: --dpi must be between 36 and 600 (got ${values.dpi})`);
  const threads = values.threads !== undefined ? Number(values.threads) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 32)) throw new UserInputError(`ingest: --threads must be 1–32 (got ${values.threads})`);
  await mkdir(values.out, { recursive: true });
  const { ingestFile, ingestUrl, writeDocumentFolder } = await import('../../engine/ingest/index.js');
  const { Progress } = await import('./progress.js');
  const progress = new Progress(process.stderr, values.quiet === true);
  let failed = 0;
  const usedIds = new Set<string>();
  // kill -9 loses nothing finished: the same command again reuses the sources and OCR'd pages done.
  const { openIngestJournal } = await import('../../engine/ingest/journal.js');
  const inputs = positionals.map((f) => (/^https?:\/\//i.test(f) ? f : path.resolve(f)));
  const journal = await openIngestJournal(values.out, { command: 'ingest', inputs, dpi, crops: values['no-crops'] !== true });
  for (const [k, file] of positionals.entries()) {
    const isUrl = /^https?:\/\//i.test(file);
    const name = isUrl ? file : path.basename(file);
    const web = { network: values.network === true, allowPrivate: values['allow-private'] === true };
    const reused = await journal.finished(inputs[k]!);
    if (reused) {
      usedIds.add(reused.doc.id);
      process.stdout.write(`${path.join(reused.dir, 'document.json')}  (${reused.doc.pageCount} pages, finished by the interrupted run: reused)\n`);
      continue;
    }
    try {
      // Like research and run: nothing is fetched unless the user said --network (issue 28).
      if (isUrl && !web.network) throw new UserInputError(`${file}: fetching a URL needs --network (Folio reaches the network only when told to)`);
      const t0 = performance.now();
      const { doc, assets } = isUrl ? await ingestUrl(file, web) : await ingestFile(file, {
        ...web,
        dpi,
        crops: values['no-crops'] !== true,
        ...(threads !== undefined ? { threads } : {}),
        checkpoint: (sha) => journal.pages(sha),
        onProgress: (p) => progress.update(`${name}: ${p.phase}`, p.done, p.total),
      });
      if (usedIds.has(doc.id)) doc.id = `${doc.id}-${doc.sha256.slice(0, 8)}`;
      usedIds.add(doc.id);
      const dir = await writeDocumentFolder(values.out, doc, assets);
      await journal.markDone(inputs[k]!, doc.sha256, dir);
      const secs = ((performance.now() - t0) / 1000).toFixed(1);
      process.stdout.write(
        `${path.join(dir, 'document.json')}  (${doc.pageCount} pages, ${doc.figures.length} figure${doc.figures.length === 1 ? '' : 's'}, ${doc.tables.length} table${doc.tables.length === 1 ? '' : 's'}, ${secs} s)\n`,
      );
      for (const w of doc.warnings) process.stderr.write(`folio: warning: ${name}: ${w}\n`);
    } catch (err) {
      failed++;
      // No progress line of this file after its error.
      progress.stop();
      reportError(err);
    }
  }
  progress.stop();
  await journal.close();
  return failed > 0 ? 1 : 0;
}
