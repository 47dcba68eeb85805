/**
 * The live customers, read once per data change into what the figures compare (instants as
 * numbers, creation as a local day), so a filter change is plain arithmetic over 100,000
 * rows instead of parsing 100,000 dates again.
 */
import { instantMs } from './calendar';
import type { ReportFilter } from './filter';
import { customerInScope } from './filter';
import type { ReportCustomer } from './inputs';
import type { ZoneDays } from './zone-days';

export type CustomerIndex = {
  rows: readonly ReportCustomer[];
  /** Position of each customer id in `rows`. */
  position: ReadonlyMap<string, number>;
  /** Last touch (ms), NaN when never touched. */
  lastTouchMs: Float64Array;
  /** Local day the customer was created, NaN when unreadable. */
  createdDay: Float64Array;
};

export function indexCustomers(rows: readonly ReportCustomer[], zone: ZoneDays): CustomerIndex {
  const position = new Map<string, number>();
  const lastTouchMs = new Float64Array(rows.length);
  const createdDay = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    position.set(row.customer_id, i);
    lastTouchMs[i] = row.last_touch_at ? instantMs(row.last_touch_at) : Number.NaN;
    const created = instantMs(row.created_at);
    createdDay[i] = Number.isNaN(created) ? Number.NaN : zone.dayOf(created);
  });
  return { rows, position, lastTouchMs, createdDay };
}

/**
 * The index over `rows` when they are the indexed rows with some replaced in place (same
 * customers, same order: what merging written rows gives when none was added or removed);
 * null when the customers themselves changed (then index them again). `changed` holds the
 * ids of the replaced rows.
 */
export function reindexReplaced(
  index: CustomerIndex,
  rows: readonly ReportCustomer[],
  changed: Iterable<string>,
  zone: ZoneDays,
): CustomerIndex | null {
  if (rows.length !== index.rows.length) return null;
  const lastTouchMs = index.lastTouchMs.slice();
  const createdDay = index.createdDay.slice();
  for (const id of changed) {
    const i = index.position.get(id);
    if (i === undefined || rows[i]?.customer_id !== id) return null;
    const row = rows[i];
    lastTouchMs[i] = row.last_touch_at ? instantMs(row.last_touch_at) : Number.NaN;
    const created = instantMs(row.created_at);
    createdDay[i] = Number.isNaN(created) ? Number.NaN : zone.dayOf(created);
  }
  return { rows, position: index.position, lastTouchMs, createdDay };
}

export function customerById(index: CustomerIndex, id: string): ReportCustomer | undefined {
  const position = index.position.get(id);
  return position === undefined ? undefined : index.rows[position];
}

// Several figures ask for the same filter's customers in a row: the last mask is kept.
const masks = new WeakMap<CustomerIndex, { key: string; mask: Uint8Array }>();

/** 1 for each customer the filter's owner and tag keep (currency and dates do not apply). */
export function customerScope(index: CustomerIndex, filter: ReportFilter): Uint8Array {
  const key = `${filter.ownerId ?? '\u0000any'}|${filter.tag ?? '\u0000any'}`;
  const known = masks.get(index);
  if (known?.key === key) return known.mask;
  const mask = new Uint8Array(index.rows.length);
  index.rows.forEach((row, i) => {
    mask[i] = customerInScope(row, filter) ? 1 : 0;
  });
  masks.set(index, { key, mask });
  return mask;
}
