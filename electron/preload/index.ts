// The preload: exposes exactly two functions to the page, invoke(channel, input) and
// on(event, cb) → unsubscribe, through contextBridge. Bundled to CommonJS (a sandboxed preload
// cannot load ES modules or anything but `electron`).
import { contextBridge, ipcRenderer } from 'electron';

const INVOKE = 'folio:invoke';
const EVENT = 'folio:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT, (_e, name, payload) => {
  for (const l of listeners.get(String(name)) ?? []) l(payload);
});

contextBridge.exposeInMainWorld('folio', {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke(INVOKE, String(channel), input),
  on: (event: string, cb: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(cb);
    return () => set.delete(cb);
  },
});
