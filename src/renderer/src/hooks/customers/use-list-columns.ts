/** The customer list's chosen columns, live from this computer's settings. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { readByFirstPaint } from '../../app/first-paint/first-read';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { ALL_COLUMN_IDS, normalizeColumns } from '../../domain/customers/list-columns';

/** The chosen columns, and whether the setting has been read yet (the first paint's handover). */
export function useChosenColumnsRead(): { columns: ListColumnId[]; read: boolean } {
  // Drawn by the first paint: its value at once (the live query's first answer is the same),
  // kept from the mount until that answer (the picture's read is forgotten at the handover).
  const [drawn] = useState(() => readByFirstPaint()?.chosen);
  const stored = useLiveQuery(() => readSetting(getDb(), 'customerColumns'), [], drawn);
  // One array while the setting is unchanged: the list's fitted columns and rows are memoized on it.
  const columns = useMemo(
    () => (stored ? normalizeColumns(stored) : [...ALL_COLUMN_IDS]),
    [stored],
  );
  return { columns, read: stored !== undefined };
}

export function useChosenColumns(): ListColumnId[] {
  return useChosenColumnsRead().columns;
}
