// Boots the model worker from the TypeScript sources: registers tsx in this thread, then loads the
// worker. A built app starts host-worker.js directly and never uses this file.
import { register } from 'tsx/esm/api';

register();
await import('./host-worker.ts');
