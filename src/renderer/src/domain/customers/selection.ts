/**
 * Row selection on the customer list, as pure functions over the list's ordered ids: a click
 * toggles one row, a shift-click selects the range from the last clicked row (the anchor), and
 * "select all matches" takes every id of the query. The store (stores/customers/) holds one.
 */
export type Selection = {
  ids: ReadonlySet<string>;
  /** The row a shift-click extends from: the last row clicked without shift. */
  anchor: string | null;
};

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** Click or Ctrl/Cmd-click: the row joins or leaves the selection and becomes the anchor. */
export function toggleRow(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift-click: every row between the anchor and `id` (both included, in list order) is
 * selected, added to what was selected. Without an anchor still in the list, it is a toggle.
 */
export function selectRange(
  selection: Selection,
  orderedIds: readonly string[],
  id: string,
): Selection {
  const to = orderedIds.indexOf(id);
  const from = selection.anchor === null ? -1 : orderedIds.indexOf(selection.anchor);
  if (to === -1) return selection;
  if (from === -1) return toggleRow(selection, id);
  const [start, end] = from <= to ? [from, to] : [to, from];
  const ids = new Set(selection.ids);
  for (let index = start; index <= end; index += 1) ids.add(orderedIds[index] as string);
  return { ids, anchor: selection.anchor };
}

/** Select all matches: every id of the current query. */
export function selectAll(ids: readonly string[]): Selection {
  return { ids: new Set(ids), anchor: null };
}

/** Rows that left the list (deleted, filtered out) leave the selection. */
export function keepPresent(selection: Selection, present: ReadonlySet<string>): Selection {
  const ids = [...selection.ids].filter((id) => present.has(id));
  if (ids.length === selection.ids.size) return selection;
  const anchor =
    selection.anchor !== null && present.has(selection.anchor) ? selection.anchor : null;
  return { ids: new Set(ids), anchor };
}
