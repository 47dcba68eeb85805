/**
 * Relationships through a merge: every end that was a merged-away customer becomes the
 * survivor. A link between two of the merged customers would be a self-link, and a link the
 * survivor already has (in either reading, catalogue.ts) a duplicate: both are tombstoned
 * where they are, the way the data layer's guard would refuse them.
 */
import { byCreatedAtThenId } from '../customer-projection';
import type { CustomerRelationship, IsoDateTime } from '../records';
import { canonicalLink, isRelationshipType, linkProblem } from '../relationships/catalogue';
import type { Moved } from './merge-rows';
import type { CustomerBundle } from './merge-types';

export function moveRelationships(
  bundles: readonly CustomerBundle[],
  at: IsoDateTime,
): Moved<CustomerRelationship> {
  const survivorId = (bundles[0] as CustomerBundle).profile.id;
  const merged = new Set(bundles.map((bundle) => bundle.profile.id));
  const moveEnd = (id: string) => (merged.has(id) ? survivorId : id);
  const rows = new Map<string, CustomerRelationship>();
  for (const bundle of bundles)
    for (const row of bundle.relationships)
      if (row.deleted === 0 && !rows.has(row.id)) rows.set(row.id, row);
  const touches = (row: CustomerRelationship) =>
    moveEnd(row.from_customer_id) !== row.from_customer_id ||
    moveEnd(row.to_customer_id) !== row.to_customer_id;
  // The survivor's links to others stay as they are and win over links that move onto them.
  const kept = [...rows.values()].filter((row) => !touches(row));
  const result: Moved<CustomerRelationship> = { changes: [], dropped: [] };
  const moving = [...rows.values()].filter(touches).sort(byCreatedAtThenId);
  for (const row of moving) {
    const from = moveEnd(row.from_customer_id);
    const to = moveEnd(row.to_customer_id);
    // A type outside the catalogue cannot be judged; the data layer refuses to write one anyway.
    if (!isRelationshipType(row.type)) continue;
    const link = canonicalLink(from, { type: row.type, direction: 'forward' }, to);
    const after = { ...row, from_customer_id: link.from, to_customer_id: link.to, updated_at: at };
    const problem = linkProblem(after, kept);
    if (problem === null) {
      result.changes.push({ before: row, after });
      kept.push(after);
      continue;
    }
    result.changes.push({ before: row, after: { ...row, deleted: 1, updated_at: at } });
    result.dropped.push({
      id: row.id,
      why: problem === 'self-link' ? 'self-link' : 'duplicate-link',
    });
  }
  return result;
}
