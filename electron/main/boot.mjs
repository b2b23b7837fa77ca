// Electron's entry (package.json "main"): registers tsx so the main process runs the TypeScript
// sources, as the CLI does, then loads the app. `npm run app` builds the page and preload first.
import { register } from 'tsx/esm/api';

register();
await import('./index.ts');
