/** If no frame comes (a hidden or throttled window), the task runs after this long. */
const FALLBACK_MS = 250;

/**
 * Runs `task` once the browser has painted what is on screen now: a task posted from a
 * `requestAnimationFrame` callback runs after that frame is painted. A fallback timer covers
 * a hidden window, where frames do not come. Returns the cancel function.
 */
export function afterPaint(task: () => void): () => void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    task();
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = run;
  const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
  const fallback = setTimeout(run, FALLBACK_MS);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    channel.port1.close();
  };
}
