/**
 * Gives every list row written before rows carried their customer's origin its origin
 * (customerOrigin: the profile's `created_via`, else its earliest email's or phone's source),
 * in the background and in small transactions, once per database. Not a schema upgrade step:
 * an upgrade holds the database closed until it ends, and rewriting a million list rows takes
 * minutes (100,000 took ~60 s here); this way the app is usable meanwhile and the reports,
 * which journal these writes, count each row's origin as it is filled.
 */
import type { CrmDatabase } from '../../../db/database';
import { readSetting, writeSetting } from '../../../db/app-settings';
import { customerOrigin } from '../../../domain/customer-origin';
import type { CustomerEmail, CustomerListRow, CustomerPhone } from '../../../domain/records';

export type OriginBackfillOptions = {
  /** List rows read per transaction. */
  chunk?: number;
  /** Between transactions: lets the page's own reads and writes go first. */
  pause?: () => Promise<void>;
};

const TABLES = ['customers_crm_v', 'customer_profiles', 'customer_emails', 'customer_phones'];

/** Fills the rows without an origin; returns how many it filled (0 once done). */
export async function fillMissingOrigins(
  db: CrmDatabase,
  {
    chunk = 500,
    pause = () => new Promise((resolve) => setTimeout(resolve, 50)),
  }: OriginBackfillOptions = {},
): Promise<number> {
  if (await readSetting(db, 'originsFilled')) return 0;
  let after: string | null = null;
  let filled = 0;
  for (;;) {
    const step = await db.transaction('rw', TABLES, () => fillChunk(db, after, chunk));
    filled += step.filled;
    if (step.last === null) break;
    after = step.last;
    await pause();
  }
  await writeSetting(db, 'originsFilled', true);
  return filled;
}

/** One transaction: the next `chunk` rows by customer id, those without an origin filled. */
async function fillChunk(
  db: CrmDatabase,
  after: string | null,
  chunk: number,
): Promise<{ filled: number; last: string | null }> {
  const rows: CustomerListRow[] =
    after === null
      ? await db.customers_crm_v.orderBy(':id').limit(chunk).toArray()
      : await db.customers_crm_v.where(':id').above(after).limit(chunk).toArray();
  const missing = rows.filter((row) => row.origin === undefined);
  if (missing.length > 0) {
    const ids = missing.map((row) => row.customer_id);
    const [profiles, emails, phones] = await Promise.all([
      db.customer_profiles.bulkGet(ids),
      db.customer_emails.where('customer_id').anyOf(ids).toArray(),
      db.customer_phones.where('customer_id').anyOf(ids).toArray(),
    ]);
    const points = new Map<string, (CustomerEmail | CustomerPhone)[]>();
    for (const point of [...emails, ...phones]) {
      const list = points.get(point.customer_id);
      if (list) list.push(point);
      else points.set(point.customer_id, [point]);
    }
    const updated = missing.map((row, index) => ({
      ...row,
      origin: customerOrigin(profiles[index] ?? {}, points.get(row.customer_id) ?? []),
    }));
    await db.customers_crm_v.bulkPut(updated);
  }
  const last = rows.length < chunk ? null : (rows[rows.length - 1]?.customer_id ?? null);
  return { filled: missing.length, last };
}
