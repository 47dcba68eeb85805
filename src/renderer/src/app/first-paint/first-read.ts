/**
 * What the first paint read and drew with, besides the rows: the chosen columns and the team.
 * The list's hooks start from these (useLiveQuery's first value) instead of nothing, so React's
 * list is settled, and takes over from the picture, as soon as its own rows are read; their
 * live queries replace them a moment later with the same values. Null when nothing was drawn,
 * and once React has taken over (a page mounted later waits for its own read, as before).
 */
import type { TeamMember } from '../../domain/records';

export type FirstRead = {
  /** The stored customer_list_columns value (null: not set, or not a list of ids). */
  chosen: string[] | null;
  /** Team members not deleted, by name (hooks/team/use-team.ts's order). */
  members: TeamMember[];
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
