/**
 * "Merge all high-confidence pairs": the high pairs grouped into the merges to run, with a
 * count to preview. Customers linked by high pairs form one group (A = B and B = C make one
 * merge of three). A group is left for review by hand when two of its dates of birth
 * disagree (a chain through a customer without one) or when it is larger than
 * MAX_BULK_GROUP (a chain that long is more likely a mistake than one person).
 */
import type { DuplicatePair } from './pair-delta';
import { datesAgree } from './reasons';

export const MAX_BULK_GROUP = 5;

export type BulkMergeGroup = { survivorId: string; otherIds: string[] };
export type SkippedGroup = { ids: string[]; why: 'different-dob' | 'too-large' };

export type BulkMergePlan = {
  groups: BulkMergeGroup[];
  skipped: SkippedGroup[];
  /** Customers that become tombstones: the preview's count. */
  mergedAway: number;
};

function find(parent: Map<string, string>, id: string): string {
  let root = id;
  while (parent.get(root) !== root) root = parent.get(root) as string;
  parent.set(id, root);
  return root;
}

/**
 * The survivor of each group is its smallest id: with UUIDv7 ids, the customer created first,
 * the one other records most likely point at.
 */
export function planBulkMerge(
  pairs: readonly Pick<DuplicatePair, 'a' | 'b' | 'confidence'>[],
  dobOf: (id: string) => string | null | undefined,
): BulkMergePlan {
  const parent = new Map<string, string>();
  for (const pair of pairs) {
    if (pair.confidence !== 'high') continue;
    for (const id of [pair.a, pair.b]) if (!parent.has(id)) parent.set(id, id);
    const [x, y] = [find(parent, pair.a), find(parent, pair.b)];
    if (x !== y) parent.set(x < y ? y : x, x < y ? x : y);
  }
  const members = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(parent, id);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  const plan: BulkMergePlan = { groups: [], skipped: [], mergedAway: 0 };
  for (const ids of [...members.values()]
    .map((group) => group.sort())
    .sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1))) {
    const dobs = ids
      .map(dobOf)
      .filter((dob): dob is string => typeof dob === 'string' && dob !== '');
    if (dobs.some((x) => dobs.some((y) => !datesAgree(x, y))))
      plan.skipped.push({ ids, why: 'different-dob' });
    else if (ids.length > MAX_BULK_GROUP) plan.skipped.push({ ids, why: 'too-large' });
    else {
      const [survivorId, ...otherIds] = ids as [string, ...string[]];
      plan.groups.push({ survivorId, otherIds });
      plan.mergedAway += otherIds.length;
    }
  }
  return plan;
}
