// Ingest that survives kill -9 (issue 28). A command that reads sources into a folder keeps a
// journal there (.folio-ingest.json: what was asked, and which sources are finished, each with the
// sha256 of the file it was read from) and, per PDF, the OCR result of every page as it completes
// (.folio-ingest/<sha256>/ocr-<page>.json). Every write is atomic (temp file + rename), so a kill
// leaves either the old file or the new one. Running the same request again reuses the finished
// sources and pages; a different request starts afresh. A finished run removes both.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs-atomic.js';
import type { OcrFrame } from '../models/host-protocol.js';
import { SourceDocument } from './types.js';

export const JOURNAL_FILE = '.folio-ingest.json';
export const CHECKPOINT_DIR = '.folio-ingest';

const Journal = z.object({
  schemaVersion: z.literal(1),
  /** The request as JSON (inputs and every option that changes what is read). */
  request: z.string(),
  done: z.array(z.object({ input: z.string(), sha256: z.string(), dir: z.string() })),
});
type Journal = z.infer<typeof Journal>;

/** Per-page results of one file's ingest, kept until the file's document folder is written. */
export interface PageCheckpoint {
  ocr(page: number): Promise<OcrFrame | undefined>;
  saveOcr(page: number, frame: OcrFrame): Promise<void>;
}

export interface IngestJournal {
  /** Whether an interrupted run of the same request left work to reuse. */
  readonly resumed: boolean;
  /** The finished document folder for `input` from an interrupted run, if the file is unchanged. */
  finished(input: string): Promise<{ dir: string; doc: SourceDocument } | undefined>;
  /** Records `input` as finished (its document folder written to `dir`). */
  markDone(input: string, sha256: string, dir: string): Promise<void>;
  /** Where a file's pages are saved while it is read, keyed by the file's sha256. */
  pages(sha256: string): PageCheckpoint;
  /** The request is done: the journal and page results go. */
  close(): Promise<void>;
}

export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function readJournal(file: string): Promise<Journal | undefined> {
  try {
    const parsed = Journal.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // None, or not ours: a fresh journal replaces it.
    return undefined;
  }
}

const PAGE_FRAME = z.object({ index: z.number(), width: z.number(), height: z.number(), scale: z.number(), result: z.looseObject({}) });

/** Opens (or starts) the journal of `request` in `outDir`. */
export async function openIngestJournal(outDir: string, request: unknown): Promise<IngestJournal> {
  const file = path.join(outDir, JOURNAL_FILE);
  const ckpt = path.join(outDir, CHECKPOINT_DIR);
  const key = JSON.stringify(request);
  const old = await readJournal(file);
  const resumed = old?.request === key;
  const journal: Journal = resumed ? old : { schemaVersion: 1, request: key, done: [] };
  if (!resumed) {
    await rm(ckpt, { recursive: true, force: true });
    await writeJsonAtomic(file, journal);
  } else {
    // Folders the killed run was writing (writeDocumentFolder's temporary ones, replaceDir's old
    // ones): never complete, and nothing will finish them now.
    for (const name of await readdir(outDir)) {
      if (/^\..+\.tmp-[0-9a-f]{8}$|\.old-[0-9a-f]{8}$/.test(name)) await rm(path.join(outDir, name), { recursive: true, force: true });
    }
  }
  return {
    resumed,
    async finished(input) {
      const entry = journal.done.find((d) => d.input === input);
      if (!entry || !existsSync(path.join(entry.dir, 'document.json'))) return undefined;
      const parsed = SourceDocument.safeParse(JSON.parse(await readFile(path.join(entry.dir, 'document.json'), 'utf8')));
      if (!parsed.success || parsed.data.sha256 !== entry.sha256) return undefined;
      // The file was changed since: read it again.
      if (!/^https?:/i.test(input) && (await fileSha256(input).catch(() => '')) !== entry.sha256) return undefined;
      return { dir: entry.dir, doc: parsed.data };
    },
    async markDone(input, sha256, dir) {
      journal.done = [...journal.done.filter((d) => d.input !== input), { input, sha256, dir }];
      await writeJsonAtomic(file, journal);
      await rm(path.join(ckpt, sha256), { recursive: true, force: true });
    },
    pages(sha256) {
      const dir = path.join(ckpt, sha256);
      return {
        async ocr(page) {
          try {
            const parsed = PAGE_FRAME.safeParse(JSON.parse(await readFile(path.join(dir, `ocr-${page}.json`), 'utf8')));
            return parsed.success ? (parsed.data as unknown as OcrFrame) : undefined;
          } catch {
            // Not saved yet (or unreadable): the page is read again.
            return undefined;
          }
        },
        async saveOcr(page, frame) {
          const { png: _png, ...rest } = frame;
          await writeJsonAtomic(path.join(dir, `ocr-${page}.json`), rest);
        },
      };
    },
    async close() {
      await rm(ckpt, { recursive: true, force: true });
      await rm(file, { force: true });
    },
  };
}
