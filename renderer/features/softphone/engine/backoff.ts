/**
 * Re-registration back-off (pure).
 *
 * After the WebSocket drops, the server restarts or the machine wakes, the engine tries again
 * after 1 s, then 2 s, 4 s, 8 s, 16 s and from then on every 30 s, so a dead server is not
 * hammered and a live one is found again quickly. The attempt counter resets once a REGISTER
 * is accepted. (SIP.js's own reconnection is disabled: a fixed delay and a give-up after N
 * attempts are exactly what left softphones unregistered after a server restart, SIP.js #1071.)
 */
export interface BackoffPolicy {
  /** First delay, in ms. Default 1000. */
  initialMs: number;
  /** Upper bound, in ms. Default 30000. */
  maxMs: number;
  /** Growth factor per attempt. Default 2. */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (0 for the first retry after a failure).
 * @example backoffDelay(0) === 1000; backoffDelay(3) === 8000; backoffDelay(10) === 30000
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  if (!Number.isFinite(attempt) || attempt < 0) return policy.initialMs;
  const raw = policy.initialMs * Math.pow(policy.factor, Math.floor(attempt));
  return Math.min(policy.maxMs, Math.round(raw));
}

/** The first `count` delays of the schedule (for display and tests). */
export function backoffSchedule(count: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number[] {
  return Array.from({ length: Math.max(0, count) }, (_, i) => backoffDelay(i, policy));
}
