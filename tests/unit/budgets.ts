/**
 * Time budgets of the heaviest unit tests, for a run on a busy machine (CI shares two cores).
 *
 * A synchronous test cannot be stopped by its timeout: vitest runs it to its end and only then
 * fails it, having passed, when it took longer than its timeout. So the 30 s default guards a
 * pure, synchronous property test against nothing but a slow machine. With two busy loops
 * beside the unit suite (load 14 on two cores), reports-drill's 250 runs took 45 s and its
 * 40 runs 36 s, both passing, and were failed as timed out (quiet: 3-5 s and 1-2 s); in
 * another such run the figure-memo property took 71 s.
 */
export const PURE_PROPERTY_BUDGET_MS = 180_000;

/**
 * Asynchronous tests that write and read thousands of rows (a hang there is a lost promise,
 * which a timeout does catch, so they keep one): beside two busy loops they took up to 28 s
 * of the default 30 (backup round trip 28 s, v4 upgrade 26 s, export round trip 20 s, import
 * staging 17 s; quiet 1-3 s).
 */
export const BULK_DATABASE_BUDGET_MS = 120_000;
