/**
 * Relationships between customers. A link is stored once, canonically (see
 * domain/relationships/catalogue.ts), and read from either side with its own label.
 * Unlinking leaves a tombstone so that sync carries it and undo can bring it back.
 */
import type { CrmDatabase } from '../../../db/database';
import { displayName } from '../../../domain/display-name';
import { newId, nowIso } from '../../../domain/ids';
import { fail, ok, type Result } from '../../../domain/result';
import type { CustomerProfile, CustomerRelationship } from '../../../domain/records';
import type { RelationshipGroup, RoleOption } from '../../../domain/relationships/catalogue';
import { linkLines, type LinkLine } from '../../../domain/relationships/all-links';
import {
  canonicalLink,
  groupNetwork,
  isRelationshipType,
  LINK_PROBLEM_MESSAGES,
  linkProblem,
} from '../../../domain/relationships/catalogue';

const TABLES = ['customer_relationships', 'customer_profiles'] as const;

/** Both sides' rows of a customer (as `from` and as `to`), tombstones included. */
async function rowsAround(db: CrmDatabase, customerId: string): Promise<CustomerRelationship[]> {
  const [from, to] = await Promise.all([
    db.customer_relationships.where('from_customer_id').equals(customerId).toArray(),
    db.customer_relationships.where('to_customer_id').equals(customerId).toArray(),
  ]);
  return [...from, ...to];
}

export type NetworkEntry = RelationshipGroup['items'][number] & { otherName: string };
export type NetworkGroup = { key: string; label: string; items: NetworkEntry[] };

/**
 * A customer's network grouped by the label seen from their side. Links to a deleted
 * customer are hidden, not removed: restoring that customer brings them back.
 */
export async function readNetwork(db: CrmDatabase, customerId: string): Promise<NetworkGroup[]> {
  const rows = await rowsAround(db, customerId);
  const otherIds = [
    ...new Set(
      rows.map((row) =>
        row.from_customer_id === customerId ? row.to_customer_id : row.from_customer_id,
      ),
    ),
  ];
  const profiles = await db.customer_profiles.bulkGet(otherIds);
  const live = new Map<string, CustomerProfile>();
  for (const profile of profiles)
    if (profile && profile.deleted === 0) live.set(profile.id, profile);
  const names = new Map<string, string>();
  await Promise.all(
    [...live.values()].map(async (profile) => {
      const row = await db.customers_crm_v.get(profile.id);
      names.set(profile.id, row?.display_name ?? displayName(profile));
    }),
  );
  return groupNetwork(customerId, rows, (id) => live.has(id)).map((group) => ({
    ...group,
    items: group.items
      .map((item) => ({ ...item, otherName: names.get(item.otherId) ?? '' }))
      .sort((a, b) => a.otherName.localeCompare(b.otherName)),
  }));
}

/**
 * Every live relationship between live customers, each from its stored side. Reads the
 * table once and the list rows of the customers it names (a few hundred links in practice).
 */
export async function readAllLinks(db: CrmDatabase): Promise<LinkLine[]> {
  const rows = (await db.customer_relationships.toArray()).filter((row) => row.deleted === 0);
  const ids = [...new Set(rows.flatMap((row) => [row.from_customer_id, row.to_customer_id]))];
  // customers_crm_v holds a row for live customers only: a missing row is a deleted customer.
  const listRows = await db.customers_crm_v.bulkGet(ids);
  const names = new Map<string, string>();
  for (const row of listRows) if (row) names.set(row.customer_id, row.display_name);
  return linkLines(rows, names);
}

export function createRelationshipService(db: CrmDatabase) {
  /** "subject <role> object", e.g. link(ana, {type: 'manages', direction: 'forward'}, bo). */
  async function link(
    subjectId: string,
    role: Pick<RoleOption, 'type' | 'direction'>,
    objectId: string,
    note = '',
  ): Promise<Result<string>> {
    if (!isRelationshipType(role.type)) return fail(LINK_PROBLEM_MESSAGES['unknown-type']);
    if (subjectId === objectId) return fail(LINK_PROBLEM_MESSAGES['self-link']);
    return db.transaction('rw', [...TABLES], async () => {
      const [subject, object] = await db.customer_profiles.bulkGet([subjectId, objectId]);
      if (!subject || subject.deleted === 1 || !object || object.deleted === 1)
        return fail('That customer no longer exists');
      const canonical = canonicalLink(subjectId, role, objectId);
      const now = nowIso();
      const row: CustomerRelationship = {
        id: newId(),
        from_customer_id: canonical.from,
        to_customer_id: canonical.to,
        type: canonical.type,
        note: note.trim(),
        created_at: now,
        updated_at: now,
        deleted: 0,
      };
      const problem = linkProblem(row, await rowsAround(db, subjectId));
      if (problem) return fail(LINK_PROBLEM_MESSAGES[problem]);
      await db.customer_relationships.add(row);
      return ok(row.id);
    });
  }

  async function unlink(id: string): Promise<void> {
    await db.customer_relationships.update(id, { deleted: 1, updated_at: nowIso() });
  }

  /** The undo of unlink; refused (by the guard) if the same link was made again meanwhile. */
  async function restore(id: string): Promise<void> {
    await db.customer_relationships.update(id, { deleted: 0, updated_at: nowIso() });
  }

  return { link, unlink, restore, network: (customerId: string) => readNetwork(db, customerId) };
}
