/**
 * Undoing a merge: every row the merge wrote goes back to its before-image, exactly. Undo is
 * refused for rows changed since (someone edited the survivor, a sync brought a change): the
 * caller asks `undoConflicts` first and says which rows stand in the way.
 */
import type { MergeTable, MergeUndo, RowChange } from './merge-types';

/** Plain-data equality (rows are JSON-like: strings, numbers, booleans, null, arrays, objects). */
export function sameRecord(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) =>
    sameRecord((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export type UndoWrite = { table: MergeTable; row: RowChange['before'] };

/** The rows undo writes, in reverse order of the merge: profiles come back before children. */
export function undoWrites(undo: MergeUndo): UndoWrite[] {
  return [...undo.changes].reverse().map((change) => ({ table: change.table, row: change.before }));
}

/** Rows that no longer read as the merge left them (current row, or undefined if gone). */
export function undoConflicts(
  undo: MergeUndo,
  current: (table: MergeTable, id: string) => unknown,
): { table: MergeTable; id: string }[] {
  return undo.changes
    .filter((change) => !sameRecord(current(change.table, change.after.id), change.after))
    .map((change) => ({ table: change.table, id: change.after.id }));
}
