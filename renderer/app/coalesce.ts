/**
 * Runs `task` at most once per `ms`, however often it is asked for: a burst of events (a
 * thousand texts, fifty calls) reloads a list once instead of once per event.
 */
export function coalesce(task: () => void, ms = 500): { request(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    request() {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        task();
      }, ms);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
