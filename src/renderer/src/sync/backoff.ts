/**
 * Retry delays: exponential with full jitter (AWS architecture blog, "Exponential Backoff
 * and Jitter"), so a team's laptops coming back online together do not retry in lockstep.
 */
export type BackoffOptions = { baseMs: number; maxMs: number };

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, maxMs: 5 * 60_000 };

export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  // At least half the ceiling, so the first retry never comes immediately.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
