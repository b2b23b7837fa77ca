// Writes an ingested document folder atomically: everything goes to a temporary sibling folder
// first, which is renamed into place at the end, so a reader never sees a half-written document.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { replaceDir } from '../fs-atomic.js';
import { documentToMarkdown } from './markdown.js';
import type { SourceDocument } from './types.js';

export async function writeDocumentFolder(outDir: string, doc: SourceDocument, assets: Map<string, Uint8Array>): Promise<string> {
  const final = path.join(outDir, doc.id);
  const tmp = path.join(outDir, `.${doc.id}.tmp-${randomBytes(4).toString('hex')}`);
  await mkdir(path.join(tmp, 'assets'), { recursive: true });
  try {
    for (const [rel, bytes] of assets) await writeFile(path.join(tmp, rel), bytes);
    await writeFile(path.join(tmp, 'document.md'), documentToMarkdown(doc));
    // document.json last: its presence is what marks the folder complete.
    await writeFile(path.join(tmp, 'document.json'), JSON.stringify(doc, null, 1));
    await replaceDir(tmp, final);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  return final;
}
