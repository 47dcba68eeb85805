/** The customer list's chosen columns, live from this computer's settings. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { ALL_COLUMN_IDS, normalizeColumns } from '../../domain/customers/list-columns';

/** One array while the setting is unchanged: the list's fitted columns and rows are memoized on it. */
export function useChosenColumns(): ListColumnId[] {
  const stored = useLiveQuery(() => readSetting(getDb(), 'customerColumns'), []);
  return useMemo(() => (stored ? normalizeColumns(stored) : [...ALL_COLUMN_IDS]), [stored]);
}
