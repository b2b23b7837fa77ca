// React access to the app store and the transport.
import { createContext, useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Client } from '../electron/contract/client.ts';
import type { AppState, AppStore } from './store/index.ts';
import type { AppTransport } from './transport.ts';

export const StoreContext = createContext<Ctx | null>(null);

interface Ctx {
  store: AppStore;
  transport: AppTransport;
  client: Client;
}

function useCtx(): Ctx {
  const c = useContext(StoreContext);
  if (!c) throw new Error('StoreContext missing');
  return c;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useCtx().store, selector);
}

/** Actions (stable functions) and `store()` for reading the current state inside event handlers. */
export function useActions(): AppState & { store: () => AppState } {
  const { store } = useCtx();
  return useMemo(() => ({ ...store.getState(), store: store.getState }), [store]);
}

export function useTransport(): AppTransport {
  return useCtx().transport;
}

export function useClient(): Client {
  return useCtx().client;
}
