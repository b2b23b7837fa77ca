// The app's services as both hosts run them, for service tests: started on a fresh project and data
// folder under `work`, called as the trusted page, with waiters for sources and runs to settle.
import path from 'node:path';
import type { RunInfo, SourceInfo } from '../../electron/contract/contract.ts';
import { AppServices } from '../../electron/services/app-services.ts';
import { MemorySecretStore } from '../../electron/services/host.ts';

export const PAGE = 'app://page';

export function startServices(work: string): Promise<AppServices> {
  return AppServices.start({
    host: { mode: 'browser', dialogs: null, secrets: new MemorySecretStore(), reveal: async () => false, dataDir: path.join(work, 'data'), allowTypedPaths: true },
    projectDir: path.join(work, 'project'),
    isTrustedSender: (s) => s.url === PAGE,
  });
}

/** Calls a channel as the app's own page does. */
export function caller(services: AppServices): (channel: string, input?: unknown) => Promise<unknown> {
  return (channel, input) => services.dispatch(channel, input ?? {}, { url: PAGE });
}

/** Resolves with pick()'s first defined value, checked now and after every pushed event. */
export function until<T>(services: AppServices, pick: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const check = (): void => {
      const v = pick();
      if (v === undefined) return;
      off();
      resolve(v);
    };
    const off = services.bus.on(check);
    check();
  });
}

export const settled = (services: AppServices, id: string): Promise<SourceInfo> => until(services, () => services.sources.list().find((x) => x.id === id && x.status !== 'ingesting'));
export const waitRun = (services: AppServices, id: string): Promise<RunInfo> => until(services, () => services.research.list().find((x) => x.id === id && x.status !== 'running'));
