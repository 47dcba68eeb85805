/**
 * Row checks and writes for a restore. Rows go through the normal Dexie tables, so the
 * data-layer guard checks each one as it checks every other write, and the list projection
 * builds the customers' list rows; change capture is skipped (see restore-sync.ts).
 */
import type Dexie from 'dexie';
import { skipChangeCapture } from '../../../db/change-capture-middleware';
import type { CrmDatabase } from '../../../db/database';
import { projectOnce } from '../../../db/projection-middleware';
import { PROJECTION_INPUT_TABLES } from '../../../db/schema';
import type { CustomerEmail, OutboxEntry } from '../../../domain/records';
import { restoredOutboxEntry } from './restore-sync';
import { decisionFor } from './table-decisions';

const projected = new Set<string>(PROJECTION_INPUT_TABLES);

/**
 * Why a row cannot be stored in `table`, or null. Only what every row of a table must have: a
 * primary key of the right kind. Field rules are the guard's, checked when the row is written.
 */
export function rowProblem(db: Dexie, table: string, row: Record<string, unknown>): string | null {
  if (decisionFor(table)?.backup !== 'include') return 'belongs to no table a backup holds';
  const primaryKey = db.table(table).schema.primKey;
  const keyPath = primaryKey.keyPath;
  if (typeof keyPath !== 'string') return 'has no usable key';
  const key = row[keyPath];
  // Auto-incremented keys (the outbox, the quarantine) are numbers, kept as they were.
  if (primaryKey.auto) return Number.isSafeInteger(key) ? null : `has no ${keyPath}`;
  return typeof key === 'string' && key.length > 0 ? null : `has no ${keyPath}`;
}

/**
 * Emails in groups where no address appears twice. The guard checks a batch's addresses
 * against each other without reading owners, so a tombstoned customer's address and the live
 * customer who now has it (both stored, rightly) would be refused if written together; in
 * separate writes the guard reads the first one's owner and lets the pair through.
 */
export function emailRounds(rows: readonly CustomerEmail[]): CustomerEmail[][] {
  const rounds: { rows: CustomerEmail[]; addresses: Set<string> }[] = [];
  for (const row of rows) {
    let round = rounds.find((candidate) => !candidate.addresses.has(row.address_normalized));
    if (!round) rounds.push((round = { rows: [], addresses: new Set() }));
    round.rows.push(row);
    round.addresses.add(row.address_normalized);
  }
  return rounds.map((round) => round.rows);
}

/** Writes one chunk of a table in one transaction, uncaptured, list rows built once. */
export async function writeRestoredChunk(
  db: CrmDatabase,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  const target = db.table(table);
  await db.transaction('rw', target, async (tx) => {
    skipChangeCapture(tx.idbtrans);
    const put = async () => {
      if (table === 'customer_emails') {
        for (const round of emailRounds(rows as CustomerEmail[])) await target.bulkPut(round);
      } else if (table === 'sync_outbox') {
        await target.bulkPut((rows as OutboxEntry[]).map(restoredOutboxEntry));
      } else {
        await target.bulkPut(rows);
      }
    };
    if (projected.has(table)) await projectOnce(put);
    else await put();
  });
}
