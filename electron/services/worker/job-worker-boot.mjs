// Boots a job worker from the TypeScript sources: registers tsx in this thread, then loads it.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
