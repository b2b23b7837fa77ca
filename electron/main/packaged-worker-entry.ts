// engine/worker-entry.ts as the packaged bundles have it (electron/main/build.ts puts this module in
// its place): a worker starts from the bundle prebuilt at package time in
// app.asar.unpacked/dist/main/workers, because the installed app cannot write a bundle into its
// read-only archive. An entry with no prebuilt bundle falls back to the engine's own mechanism.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { workerEntry as engineWorkerEntry, workerExecArgv as engineWorkerExecArgv } from '../../engine/worker-entry.ts';
import { appRootOf, workerBundle } from './paths.ts';

export function workerEntry(entry: string): URL {
  const file = workerBundle(appRootOf(import.meta.url), entry);
  return existsSync(file) ? pathToFileURL(file) : engineWorkerEntry(entry);
}

export function workerExecArgv(): string[] {
  return engineWorkerExecArgv();
}
