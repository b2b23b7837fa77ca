// Pushed events from the services to whoever listens (the Electron window, the bridge's SSE clients).
import type { EventName, EventPayload } from '../contract/contract.ts';

export type Listener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export class EventBus {
  readonly #listeners = new Set<Listener>();
  on(l: Listener): () => void {
    this.#listeners.add(l);
    return () => this.#listeners.delete(l);
  }
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.#listeners) {
      try {
        l(event, payload);
      } catch (err) {
        // One broken listener (a closed SSE socket) must not keep the others from hearing.
        console.error(`folio: event listener failed for ${event}:`, err);
      }
    }
  }
}
