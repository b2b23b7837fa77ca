// What every controller is given: the host, the event bus, the job runner and its sibling controllers
// it may ask (the current project folder, the settings).
import type { EventBus } from '../event-bus.ts';
import type { Host } from '../host.ts';
import type { JobRunner } from '../jobs.ts';

export interface ServiceContext {
  host: Host;
  bus: EventBus;
  jobs: JobRunner;
  /** The open project's folder. */
  projectDir(): string;
  /** Environment for job workers: carries settings the engine reads from it (FOLIO_EP). */
  jobEnv(): Promise<NodeJS.ProcessEnv>;
  /** What URL reads may reach: the network setting, and loopback/intranet hosts ("allow local network"). */
  fetchPolicy(): Promise<{ network: boolean; allowPrivate: boolean }>;
}
