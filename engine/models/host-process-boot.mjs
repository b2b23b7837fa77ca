// Boots the model host process from the TypeScript sources: registers tsx in this process, then
// loads it. Used only when the esbuild bundle of host-process.ts cannot be made (engine/worker-entry.ts).
import { register } from 'tsx/esm/api';

register();
await import('./host-process.ts');
