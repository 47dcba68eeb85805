/**
 * Each figure (and each table) kept with its inputs, so that a filter change computes again
 * only the figures that read what changed: a currency filter leaves the customer figures as
 * they were, the very same objects, and the window does not render them again
 * (docs/reports.md, "A filter change").
 *
 * Which filter fields a figure reads is recorded while it runs (the filter it is given notes
 * every field read), not declared: a figure that starts reading another field is kept
 * correctly without anyone updating a list. Its other inputs (prepared rows, the context,
 * options, another figure) are compared by identity: the engine hands the same objects
 * until the rows or settings change.
 */
import type { ReportFilter } from './filter';

type Entry = {
  inputs: readonly unknown[];
  /** The filter fields the figure read, with the values it read. */
  reads: Map<PropertyKey, unknown>;
  result: unknown;
};

export type FigureMemo = {
  /**
   * `run(filter)`'s result, kept from the last call with this `name` when `inputs` are the
   * same objects and every filter field that call read has the same value now.
   */
  figure<T>(
    name: string,
    inputs: readonly unknown[],
    filter: ReportFilter,
    run: (filter: ReportFilter) => T,
  ): T;
  /** How many figures were computed (not kept) since the memo was made: for tests. */
  readonly computed: number;
};

const sameInputs = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** Set (not enumerable) on every noting filter: `isNotingFilter`. */
const NOTING = Symbol('noting filter');

/** True for a filter a figure was given to note its reads (none may be left in a result). */
export const isNotingFilter = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && NOTING in value;

/**
 * A copy of `filter` that notes into `reads` each field read, the first time it is read
 * (spread and JSON read them all). Its fields are accessors, not a Proxy: a figure reads the
 * filter for each of 10,000 deals, and a Proxy's trap cost a fifth of a currency change's
 * computation (docs/reports.md, "A filter change's worker part"). The keys are the filter's
 * own, so listing them (`Object.keys`, `in`) depends on no value.
 */
function noting(filter: ReportFilter, reads: Map<PropertyKey, unknown>): ReportFilter {
  const noted = {};
  // Marked, so a test can find one left in a figure (it would note reads after the fact).
  Object.defineProperty(noted, NOTING, { value: true });
  for (const key of Reflect.ownKeys(filter)) {
    const value: unknown = Reflect.get(filter, key);
    let seen = false;
    Object.defineProperty(noted, key, {
      enumerable: true,
      get() {
        if (!seen) {
          seen = true;
          reads.set(key, value);
        }
        return value;
      },
    });
  }
  return noted as ReportFilter;
}

export function createFigureMemo(): FigureMemo {
  const kept = new Map<string, Entry>();
  let computed = 0;
  return {
    figure(name, inputs, filter, run) {
      const entry = kept.get(name);
      if (
        entry &&
        sameInputs(entry.inputs, inputs) &&
        [...entry.reads].every(([key, value]) => Reflect.get(filter, key) === value)
      ) {
        return entry.result as ReturnType<typeof run>;
      }
      const reads = new Map<PropertyKey, unknown>();
      const result = run(noting(filter, reads));
      computed += 1;
      kept.set(name, { inputs, reads, result });
      return result;
    },
    get computed() {
      return computed;
    },
  };
}

/** No memo: every figure computed (the plain `computeReports`). */
export const NO_FIGURE_MEMO: FigureMemo = {
  figure: (_name, _inputs, filter, run) => run(filter),
  computed: 0,
};
