/**
 * Graceful shutdown: once draining, the server refuses new pushes (503, the client retries
 * later, against this process's replacement) and waits for the pushes already running to
 * commit, so an acknowledged push is never cut in half and no push is answered after the
 * database closed.
 */
export type Lifecycle = {
  readonly draining: boolean;
  /** Counts a push in; false when draining (the push must be refused). */
  enter(): boolean;
  leave(): void;
  /** Starts draining; resolves true once no push runs, false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
};

export function createLifecycle(): Lifecycle {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void)[] = [];
  return {
    get draining() {
      return draining;
    },
    enter() {
      if (draining) return false;
      inFlight += 1;
      return true;
    },
    leave() {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of idle.splice(0)) wake();
    },
    drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          idle = idle.filter((wake) => wake !== done);
          resolve(false);
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        idle.push(done);
      });
    },
  };
}
