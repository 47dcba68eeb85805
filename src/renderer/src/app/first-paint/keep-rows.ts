/**
 * Keeps the parse-time picture's rows (early.ts) equal to what the list's first screen shows:
 * a live query over what the rows show (the first window by name, the team, the chosen
 * columns) rewrites them in the snapshot on every change, from this window, a worker or
 * another one. Each read is stamped with the list's generation taken before it (a write
 * committed during the read changes it, so rows read before that write are never drawn).
 * Started once the list has kept its shell (capture.ts); stops when the page unloads.
 */
import { liveQuery } from 'dexie';
import type { CrmDatabase } from '../../db/database';
import { formatListDay, listDayKey } from '../../domain/customers/list-cell-format';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { formatPhoneForDisplay } from '../../domain/phone-display';
import { readGeneration } from './list-generation';
import { chosenColumns, liveMembers, storedColumns } from './paint';
import { ROW_HEIGHT } from './rows';
import { rowsPicture } from './rows-picture';
import { writeRows } from './snapshot';

type Kept = { build: string; columns: ListColumnId[]; chosen: string[]; firstWindow: number };

let keeping = false;

export function keepPictureRows(db: CrmDatabase, kept: Kept): void {
  if (keeping) return;
  keeping = true;
  const read = liveQuery(async () => {
    const generation = readGeneration(localStorage);
    const [rows, members, setting] = await Promise.all([
      db.customers_crm_v.orderBy('sort_name').limit(kept.firstWindow).toArray(),
      db.team_members.toArray(),
      db.app_settings.get('customer_list_columns'),
    ]);
    return { generation, rows, members, setting: setting?.value as unknown };
  });
  read.subscribe({
    next: ({ generation, rows, members, setting }) => {
      const chosen = chosenColumns(storedColumns(setting));
      const phones: Record<string, string> = {};
      const days: Record<string, string> = {};
      for (const row of rows) {
        if (row.primary_phone) phones[row.primary_phone] = formatPhoneForDisplay(row.primary_phone);
        days[listDayKey(row.last_touch_at)] = formatListDay(row.last_touch_at);
      }
      // Other columns chosen, or no rows (the empty state is React's): nothing to draw.
      const drawable = rows.length > 0 && chosen.join() === kept.chosen.join();
      writeRows(
        localStorage,
        kept.build,
        drawable
          ? rowsPicture({
              rows,
              members: liveMembers(members),
              columns: kept.columns,
              chosen,
              generation,
              visible: Math.ceil(window.innerHeight / ROW_HEIGHT) + 1,
              nowMs: Date.now(),
            })
          : null,
        { phones, days },
      );
    },
    error: (error: unknown) => console.error('first paint rows:', error),
  });
}
