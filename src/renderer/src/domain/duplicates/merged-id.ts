/**
 * Where a merged-away customer went. A sync from another laptop can carry an edit (a new
 * touchpoint, a changed phone) for a customer merged away here; the edit lands on the
 * survivor, following chains (A into B, then B into C: A lands on C).
 *
 * Two laptops can merge crosswise offline (A into B here, B into A there): the chain then
 * loops. Every laptop resolves a loop the same way, to the smallest id in it, so they agree
 * without talking; the caller revives that customer (the loop is reported).
 */
export type MergedIntoLookup =
  ReadonlyMap<string, string | null | undefined> | ((id: string) => string | null | undefined);

export type MergeTrail = {
  /** Where the customer's edits land. */
  id: string;
  /** Every customer passed through, starting with the one asked about. */
  path: string[];
  /** The chain loops; `id` is the loop's smallest id. */
  cycle: boolean;
};

export function followMerges(id: string, lookup: MergedIntoLookup): MergeTrail {
  const next = typeof lookup === 'function' ? lookup : (key: string) => lookup.get(key);
  const path = [id];
  const seen = new Map([[id, 0]]);
  let current = id;
  for (;;) {
    const target = next(current);
    if (target === null || target === undefined || target === '')
      return { id: current, path, cycle: false };
    const loopStart = seen.get(target);
    if (loopStart !== undefined) {
      const loop = path.slice(loopStart);
      return { id: loop.reduce((min, x) => (x < min ? x : min)), path, cycle: true };
    }
    seen.set(target, path.length);
    path.push(target);
    current = target;
  }
}

export function resolveMergedId(id: string, lookup: MergedIntoLookup): string {
  return followMerges(id, lookup).id;
}
