/**
 * The customer list's columns, in display order, with their priority: the user chooses which to show (the column
 * picker), and of those the least needed hide first when the list is too narrow for them, so
 * a 1024-pixel laptop never scrolls sideways. Widths here match the flex bases in app.css.
 */
export const LIST_COLUMNS = [
  { id: 'name', label: 'Name', minWidth: 184, priority: 1 },
  { id: 'email', label: 'Email', minWidth: 164, priority: 2 },
  { id: 'phone', label: 'Phone', minWidth: 160, priority: 4 },
  { id: 'stage', label: 'Stage', minWidth: 88, priority: 3 },
  { id: 'tags', label: 'Tags', minWidth: 110, priority: 6 },
  { id: 'owner', label: 'Owner', minWidth: 100, priority: 5 },
  { id: 'last_touch', label: 'Last touch', minWidth: 96, priority: 7 },
  { id: 'score', label: 'Score', minWidth: 48, priority: 8 },
] as const;

export type ListColumnId = (typeof LIST_COLUMNS)[number]['id'];

export const ALL_COLUMN_IDS: readonly ListColumnId[] = LIST_COLUMNS.map((column) => column.id);

/** The name is how a row is recognised and opened: it never hides. */
export const REQUIRED_COLUMN: ListColumnId = 'name';

/** Width a row needs besides its columns: the padding and the scrollbar (the name column holds the selection box). */
export const ROW_CHROME = 40 + 16;
export const COLUMN_GAP = 12;

const byId = new Map(LIST_COLUMNS.map((column) => [column.id as ListColumnId, column]));

/** Known ids only, the required one always, in the list's column order. */
export function normalizeColumns(chosen: readonly string[]): ListColumnId[] {
  const wanted = new Set<string>([...chosen, REQUIRED_COLUMN]);
  return ALL_COLUMN_IDS.filter((id) => wanted.has(id));
}

function widthOf(ids: readonly ListColumnId[]): number {
  const columns = ids.reduce((sum, id) => sum + (byId.get(id)?.minWidth ?? 0), 0);
  return ROW_CHROME + columns + COLUMN_GAP * ids.length;
}

/**
 * The column a sort orders by, if the list has one: shown while the list is sorted by it, so
 * "Most engaged first" shows the scores it orders (at 1024 pixels the score hid first).
 */
export function sortColumn(sort: string): ListColumnId | null {
  return sort === 'score' || sort === 'last_touch' ? sort : null;
}

/**
 * The chosen columns that fit in `width` pixels, in column order: while they do not fit, the
 * one with the lowest priority (highest number) hides. The name always stays, and so does the
 * column the list is sorted by (`sortedBy`, added when not chosen).
 */
export function fitColumns(
  chosen: readonly string[],
  width: number,
  sortedBy: ListColumnId | null = null,
): ListColumnId[] {
  const shown = normalizeColumns(sortedBy ? [...chosen, sortedBy] : chosen);
  const kept = new Set<ListColumnId>([REQUIRED_COLUMN, ...(sortedBy ? [sortedBy] : [])]);
  const hideable = () => shown.filter((id) => !kept.has(id));
  while (hideable().length > 0 && widthOf(shown) > width) {
    const leastNeeded = hideable().reduce((worst, id) =>
      (byId.get(id)?.priority ?? 0) > (byId.get(worst)?.priority ?? 0) ? id : worst,
    );
    shown.splice(shown.indexOf(leastNeeded), 1);
  }
  return shown;
}

/** Chosen columns the width hides, for the picker to say so. */
export function hiddenByWidth(
  chosen: readonly string[],
  width: number,
  sortedBy: ListColumnId | null = null,
): ListColumnId[] {
  const shown = new Set(fitColumns(chosen, width, sortedBy));
  return normalizeColumns(chosen).filter((id) => !shown.has(id));
}

export function columnLabel(id: ListColumnId): string {
  return byId.get(id)?.label ?? id;
}
