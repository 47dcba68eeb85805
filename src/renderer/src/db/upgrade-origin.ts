/**
 * Schema version 11: every list row gains its customer's origin (manual, import, ...), which
 * the reports count as "new customers by origin" and which every write now projects. Profiles
 * written before this version have no `created_via`, so a row's origin is its customer's
 * earliest contact point's source (customerOrigin): one pass over the emails and one over the
 * phones keeps only the earliest point per customer, so memory is a map entry per customer,
 * not every contact point.
 */
import type { Transaction } from 'dexie';
import { customerOrigin } from '../domain/customer-origin';
import type { ContactSource, CustomerListRow, CustomerProfile } from '../domain/records';

type Point = { customer_id: string; source: ContactSource; created_at: string; id: string };

export async function fillCustomerOrigins(tx: Transaction): Promise<void> {
  const earliest = new Map<string, Point>();
  const keepEarliest = (point: Point) => {
    const known = earliest.get(point.customer_id);
    if (known && !isBefore(point, known)) return;
    earliest.set(point.customer_id, {
      customer_id: point.customer_id,
      source: point.source,
      created_at: point.created_at,
      id: point.id,
    });
  };
  await tx.table('customer_emails').each(keepEarliest);
  await tx.table('customer_phones').each(keepEarliest);
  // A profile of an older version has no created_via, but a row synced from a newer laptop
  // before this one upgraded may: it wins, as it does in the projection.
  const createdVia = new Map<string, ContactSource>();
  await tx.table('customer_profiles').each((profile: CustomerProfile) => {
    if (profile.created_via) createdVia.set(profile.id, profile.created_via);
  });
  await tx
    .table('customers_crm_v')
    .toCollection()
    .modify((row: CustomerListRow) => {
      const point = earliest.get(row.customer_id);
      row.origin = customerOrigin(
        { created_via: createdVia.get(row.customer_id) ?? null },
        point ? [point] : [],
      );
    });
  // The reports' snapshot holds the list rows as they were (no origin): a journal started
  // over makes the next visit read the rows again (report-engine.ts, "followsJournal").
  await tx.table('reports_journal').clear();
}

/** The order customerOrigin reads contact points in: created_at, then id. */
function isBefore(a: Point, b: Point): boolean {
  return a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id);
}
