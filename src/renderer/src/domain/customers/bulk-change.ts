/**
 * A change made to many customers at once (the list's bulk bar), as pure functions: what each
 * change does to one profile, and what undoing it puts back. The service applies these in
 * chunked transactions; one undo restores every customer the change touched.
 */
import { LIFECYCLE_STAGES } from '../records';
import type { CustomerProfile, Lifecycle } from '../records';
import { fail, ok, type Result } from '../result';
import { normalizeTags } from '../tags';

export type BulkChange =
  | { kind: 'tag'; tag: string }
  | { kind: 'untag'; tag: string }
  | { kind: 'owner'; ownerId: string | null }
  | { kind: 'lifecycle'; lifecycle: Lifecycle }
  | { kind: 'delete' };

/** The fields a bulk change may write, and so the ones its undo puts back. */
export type BulkFields = Pick<CustomerProfile, 'tags' | 'owner_id' | 'lifecycle' | 'deleted'>;

/** One customer's changed fields as they were before the change, and as the change left them. */
export type BulkBefore = { id: string; before: Partial<BulkFields>; after: Partial<BulkFields> };

/** The change with its text cleaned, or why it cannot be made. */
export function checkBulkChange(change: BulkChange): Result<BulkChange, string> {
  if (change.kind === 'tag' || change.kind === 'untag') {
    const [tag] = normalizeTags([change.tag]);
    return tag ? ok({ ...change, tag }) : fail('Type a tag');
  }
  if (change.kind === 'lifecycle' && !LIFECYCLE_STAGES.includes(change.lifecycle))
    return fail('Unknown lifecycle stage');
  return ok(change);
}

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The fields the change writes on this profile; null when it already is that way. */
export function bulkPatch(
  profile: CustomerProfile,
  change: BulkChange,
): Partial<BulkFields> | null {
  switch (change.kind) {
    case 'tag':
      return profile.tags.some((tag) => sameTag(tag, change.tag))
        ? null
        : { tags: [...profile.tags, change.tag] };
    case 'untag': {
      const tags = profile.tags.filter((tag) => !sameTag(tag, change.tag));
      return tags.length === profile.tags.length ? null : { tags };
    }
    case 'owner':
      return profile.owner_id === change.ownerId ? null : { owner_id: change.ownerId };
    case 'lifecycle':
      return profile.lifecycle === change.lifecycle ? null : { lifecycle: change.lifecycle };
    case 'delete':
      return profile.deleted === 1 ? null : { deleted: 1 };
  }
}

/** The values of `patch`'s fields on the profile before it was applied. */
export function fieldsBefore(
  profile: CustomerProfile,
  patch: Partial<BulkFields>,
): Partial<BulkFields> {
  const before: Partial<BulkFields> = {};
  if ('tags' in patch) before.tags = [...profile.tags];
  if ('owner_id' in patch) before.owner_id = profile.owner_id;
  if ('lifecycle' in patch) before.lifecycle = profile.lifecycle;
  if ('deleted' in patch) before.deleted = profile.deleted;
  return before;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether undo may put this customer back: only while the fields the change wrote still hold
 * what it wrote. Someone's later edit of them is spared, never overwritten; edits of other
 * fields (or undoing later bulk changes first) do not stand in the way.
 */
export function undoable(current: CustomerProfile | undefined, entry: BulkBefore): boolean {
  if (current === undefined) return false;
  return (Object.keys(entry.after) as (keyof BulkFields)[]).every((field) =>
    sameValue(current[field], entry.after[field]),
  );
}

const plural = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'customer' : 'customers'}`;

/** What the toast says after the change: "Tagged 12 customers “vip”". */
export function describeBulkChange(change: BulkChange, changed: number, label = ''): string {
  switch (change.kind) {
    case 'tag':
      return `Tagged ${plural(changed)} “${change.tag}”`;
    case 'untag':
      return `Removed “${change.tag}” from ${plural(changed)}`;
    case 'owner':
      return change.ownerId
        ? `Gave ${plural(changed)} to ${label || 'the chosen owner'}`
        : `Cleared the owner of ${plural(changed)}`;
    case 'lifecycle':
      return `Moved ${plural(changed)} to ${label || change.lifecycle}`;
    case 'delete':
      return `Deleted ${plural(changed)}`;
  }
}
