#!/usr/bin/env node
// The `folio` command. It runs the CLI prebuilt into JavaScript (cli-build.mjs; `npm ci` builds it,
// and a change in the sources rebuilds it on the next start), and the TypeScript sources through tsx
// when no build can be had. `folio --version` reads package.json and loads nothing else.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`folio ${pkg.version}\n`);
} else {
  process.exitCode = await run(argv);
}

async function run(args) {
  // Commands that import skills (skills/<id>/index.ts, the built-in ones and the user's) need tsx in
  // any case; ingest, ocr, doctor and help never do.
  const needsTsx = !['ingest', 'ocr', 'doctor', 'help', '--help', '-h', undefined].includes(args[0]);
  let entry = null;
  if (process.env.FOLIO_CLI_TSX !== '1') {
    try {
      const { builtEntry, buildCli } = await import('./cli-build.mjs');
      entry = builtEntry() ?? (await buildCli());
    } catch (err) {
      process.stderr.write(`folio: running from the TypeScript sources (no CLI build: ${err instanceof Error ? err.message : String(err)})\n`);
    }
  }
  if (needsTsx || !entry) (await import('tsx/esm/api')).register();
  const { main } = await import(entry ? entry.href : '../cli/main.ts');
  return main(args);
}
