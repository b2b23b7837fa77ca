#!/usr/bin/env node
// The `folio` command. Runs the TypeScript sources through tsx, so a fresh `npm ci` is all the
// set-up there is (no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
