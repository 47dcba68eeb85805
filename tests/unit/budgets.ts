/**
 * Time budgets of the heaviest unit tests, for a run on a busy machine (CI shares two cores).
 *
 * A synchronous test cannot be stopped by its timeout: vitest runs it to its end and only then
 * fails it, having passed, when it took longer than its timeout. So the 30 s default guards a
 * pure, synchronous property test against nothing but a slow machine. With two busy loops
 * beside the unit suite (load 14 on two cores), reports-drill's 250 runs took 45 s and its
 * 40 runs 36 s, both passing, and were failed as timed out (quiet: 3-5 s and 1-2 s).
 */
export const PURE_PROPERTY_BUDGET_MS = 180_000;

/**
 * An asynchronous test that writes and reads thousands of rows (a hang there is a lost
 * promise, which its timeout does catch): quiet 2.5 s, 26 s at load 14.
 */
export const BULK_DATABASE_BUDGET_MS = 120_000;
