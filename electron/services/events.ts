import type { EventName, EventOf } from '../../shared/ipc/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventOf<E>) => void;

/** The services' events, fanned out to whichever host is listening (windows, sockets). */
export function eventBus() {
  const listeners = new Set<EventListener>();
  return {
    emit<E extends EventName>(event: E, payload: EventOf<E>): void {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener: EventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof eventBus>;
