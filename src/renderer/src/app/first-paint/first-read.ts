/**
 * What the first paint read and drew with: the list's first window, the chosen columns and the
 * team. The list's hooks start from these (their first value) instead of nothing, so React's
 * list is settled, and takes over from the picture, in its first commit, without waiting for
 * Dexie's open or a read of its own (the storage gate renders at once: the picture's read
 * proved the database opens at this build's version); their live queries replace them a moment
 * later with the same values. Null when nothing was drawn, and once React has taken over (a
 * page mounted later waits for its own read, as before).
 */
import type { CustomerListRow, TeamMember } from '../../domain/records';

export type FirstRead = {
  /** The stored customer_list_columns value (null: not set, or not a list of ids). */
  chosen: string[] | null;
  /** Team members not deleted, by name (hooks/team/use-team.ts's order). */
  members: TeamMember[];
  /** The list's first window by name, ascending (`firstWindow` rows asked for). */
  rows: CustomerListRow[];
  firstWindow: number;
};

let firstRead: FirstRead | null = null;

export function keepFirstRead(read: FirstRead): void {
  firstRead = read;
}

export function readByFirstPaint(): FirstRead | null {
  return firstRead;
}

export function forgetFirstRead(): void {
  firstRead = null;
}
