import type { CrmDatabase } from '../db/database';

type Bound<F> = {
  [K in keyof F]: F[K] extends (db: CrmDatabase, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

/**
 * A service object from functions that take the database first: each use case is a plain
 * module function (small, testable alone); the service binds them to one database.
 */
export function bindDb<F extends Record<string, (db: CrmDatabase, ...args: never[]) => unknown>>(
  db: CrmDatabase,
  functions: F,
): Bound<F> {
  return Object.fromEntries(
    Object.entries(functions).map(([name, fn]) => [
      name,
      (...args: unknown[]) => fn(db, ...(args as never[])),
    ]),
  ) as Bound<F>;
}
