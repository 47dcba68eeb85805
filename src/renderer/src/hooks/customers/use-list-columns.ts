/** The customer list's chosen columns, live from this computer's settings. */
import { useLiveQuery } from 'dexie-react-hooks';
import { readSetting } from '../../db/app-settings';
import { getDb } from '../../db/instance';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { ALL_COLUMN_IDS, normalizeColumns } from '../../domain/customers/list-columns';

export function useChosenColumns(): ListColumnId[] {
  const stored = useLiveQuery(() => readSetting(getDb(), 'customerColumns'), []);
  return stored ? normalizeColumns(stored) : [...ALL_COLUMN_IDS];
}
