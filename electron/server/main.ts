// `npm run serve`: the browser mode. Starts the app's services behind the HTTP bridge on 127.0.0.1,
// bundles the renderer, and prints the address to open (with the per-run token).
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppServices } from '../services/app-services.ts';
import { MemorySecretStore } from '../services/host.ts';
import { startBridge } from './bridge.ts';
import { bundleRenderer } from './bundle.ts';

const HELP = `usage: npm run serve -- [--project <dir>] [--port N] [--data-dir <dir>]
  Serves the Folio app on http://127.0.0.1:PORT/ (default: a free port) for any browser.
  --project   project folder to open (default ~/Folio/My research; created when missing)
  --data-dir  where settings and recent projects are kept (default $XDG_CONFIG_HOME/folio)
  --no-minify readable renderer bundle (for profiling)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      project: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-minify': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = values.port !== undefined ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`folio serve: --port must be 0–65535 (got ${values.port})\n`);
    return 2;
  }
  const configHome = process.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config');
  const services = await AppServices.start({
    host: {
      mode: 'browser',
      dialogs: null,
      // Keys typed in browser mode live in this process only: nothing is written to disk in clear.
      secrets: new MemorySecretStore(),
      reveal: async () => false,
      dataDir: path.resolve(values['data-dir'] ?? path.join(configHome, 'folio')),
      allowTypedPaths: true,
    },
    projectDir: path.resolve(values.project ?? path.join(homedir(), 'Folio', 'My research')),
    // The bridge has checked the token and the Origin before a request reaches the services.
    isTrustedSender: (s) => s.tokenOk === true,
  });
  const bundle = bundleRenderer({ minify: values['no-minify'] !== true });
  bundle.catch(() => undefined);
  const bridge = await startBridge(services, { port, bundle: () => bundle });
  const b = await bundle;
  process.stdout.write(`Folio is running (renderer bundled in ${Math.round(b.ms)} ms).\nOpen: ${bridge.url}\n`);
  const stop = (): void => {
    void (async () => {
      await bridge.close();
      await services.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`folio serve: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
