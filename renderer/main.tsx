// Renderer entry: picks the transport, builds the store, mirrors pushed events and mounts the app.
import { createRoot } from 'react-dom/client';
import { createClient } from '../electron/contract/client.ts';
import { App } from './components/app.tsx';
import { StoreContext } from './context.ts';
import { connectEvents, createAppStore, loadAll } from './store/index.ts';
import { pickTransport } from './transport.ts';
import './styles.css';

const transport = pickTransport();
const client = createClient(transport);
const deps = { client, ...(pageStorage() ? { storage: pageStorage()! } : {}) };

function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage is off here (a sandboxed or private window): the last task is simply not remembered.
    return null;
  }
}
const store = createAppStore(deps);
connectEvents(store, deps);
loadAll(store).catch((err: unknown) => store.getState().notify('error', `Folio could not load: ${err instanceof Error ? err.message : String(err)}`));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StoreContext.Provider value={{ store, transport, client }}>
    <App />
  </StoreContext.Provider>,
);
