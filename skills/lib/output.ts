// Output helpers for skills: atomic text and JSON files (the engine's writers).
export { writeFileAtomic as writeTextAtomic, writeJsonAtomic } from '../../engine/fs-atomic.js';
