/**
 * The relationship catalogue. A relationship is stored once, in its canonical direction
 * (from, to, type), and read from either side: "A manages B" is the same row as "B is
 * managed by A". Symmetric types (works with) are stored with the smaller id first, so the
 * same pair cannot be stored twice in two orders.
 */
import type { CustomerRelationship } from '../records';

export const RELATIONSHIP_TYPES = [
  'manages',
  'represents',
  'books',
  'works_with',
  'referred',
  'member_of',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export type RelationshipDefinition = {
  type: RelationshipType;
  /** Seen from the `from` side: "Ana manages Bo". */
  forward: string;
  /** Seen from the `to` side: "Bo is managed by Ana". Same as forward when symmetric. */
  inverse: string;
  symmetric: boolean;
};

export const RELATIONSHIP_CATALOGUE: Record<RelationshipType, RelationshipDefinition> = {
  manages: { type: 'manages', forward: 'manages', inverse: 'managed by', symmetric: false },
  represents: {
    type: 'represents',
    forward: 'represents',
    inverse: 'represented by',
    symmetric: false,
  },
  books: { type: 'books', forward: 'books', inverse: 'booked by', symmetric: false },
  works_with: { type: 'works_with', forward: 'works with', inverse: 'works with', symmetric: true },
  referred: { type: 'referred', forward: 'referred', inverse: 'referred by', symmetric: false },
  member_of: { type: 'member_of', forward: 'member of', inverse: 'has member', symmetric: false },
};

export function isRelationshipType(value: unknown): value is RelationshipType {
  return typeof value === 'string' && (RELATIONSHIP_TYPES as readonly string[]).includes(value);
}

export type Direction = 'forward' | 'inverse';

/** One choice in a "this customer ... that customer" picker: a type read from one side. */
export type RoleOption = { type: RelationshipType; direction: Direction; label: string };

/** Every distinct label a user can pick, forward and inverse, symmetric types once. */
export const ROLE_OPTIONS: readonly RoleOption[] = RELATIONSHIP_TYPES.flatMap((type) => {
  const def = RELATIONSHIP_CATALOGUE[type];
  const forward: RoleOption = { type, direction: 'forward', label: def.forward };
  return def.symmetric
    ? [forward]
    : [forward, { type, direction: 'inverse' as const, label: def.inverse }];
});

export function roleKey(option: Pick<RoleOption, 'type' | 'direction'>): string {
  return `${option.type}:${option.direction}`;
}

export function roleFromKey(key: string): RoleOption | undefined {
  return ROLE_OPTIONS.find((option) => roleKey(option) === key);
}

export type CanonicalLink = { from: string; to: string; type: RelationshipType };

/** "subject <label> object" as the one row that stores it. */
export function canonicalLink(
  subjectId: string,
  role: Pick<RoleOption, 'type' | 'direction'>,
  objectId: string,
): CanonicalLink {
  const def = RELATIONSHIP_CATALOGUE[role.type];
  if (def.symmetric) {
    const [from, to] = subjectId < objectId ? [subjectId, objectId] : [objectId, subjectId];
    return { from, to, type: role.type };
  }
  return role.direction === 'forward'
    ? { from: subjectId, to: objectId, type: role.type }
    : { from: objectId, to: subjectId, type: role.type };
}

/** The identity of a link: two rows with the same key are the same relationship. */
export function linkKey(link: CanonicalLink): string {
  const def = RELATIONSHIP_CATALOGUE[link.type];
  const [a, b] = def.symmetric && link.to < link.from ? [link.to, link.from] : [link.from, link.to];
  return `${link.type}\u0000${a}\u0000${b}`;
}

export type LinkProblem = 'unknown-type' | 'self-link' | 'duplicate';

export const LINK_PROBLEM_MESSAGES: Record<LinkProblem, string> = {
  'unknown-type': 'That is not a relationship type',
  'self-link': 'A customer cannot be related to themselves',
  duplicate: 'These two are already linked this way',
};

type Linkable = Pick<
  CustomerRelationship,
  'id' | 'from_customer_id' | 'to_customer_id' | 'type' | 'deleted'
>;

/** Why a new (or rewritten) row may not be stored next to the existing live rows, if it may not. */
export function linkProblem(
  candidate: Linkable,
  existing: readonly Linkable[],
): LinkProblem | null {
  if (!isRelationshipType(candidate.type)) return 'unknown-type';
  if (candidate.from_customer_id === candidate.to_customer_id) return 'self-link';
  if (candidate.deleted === 1) return null;
  const key = linkKey({
    from: candidate.from_customer_id,
    to: candidate.to_customer_id,
    type: candidate.type,
  });
  const taken = existing.some(
    (row) =>
      row.id !== candidate.id &&
      row.deleted === 0 &&
      isRelationshipType(row.type) &&
      linkKey({ from: row.from_customer_id, to: row.to_customer_id, type: row.type }) === key,
  );
  return taken ? 'duplicate' : null;
}

/** A relationship as one customer sees it: the label from their side and the other person. */
export type RelationshipView = {
  id: string;
  type: RelationshipType;
  direction: Direction;
  label: string;
  otherId: string;
  note: string;
};

export function viewFrom(
  customerId: string,
  row: Linkable & { note: string },
): RelationshipView | null {
  if (!isRelationshipType(row.type)) return null;
  const def = RELATIONSHIP_CATALOGUE[row.type];
  if (row.from_customer_id === customerId)
    return {
      id: row.id,
      type: row.type,
      direction: 'forward',
      label: def.forward,
      otherId: row.to_customer_id,
      note: row.note,
    };
  if (row.to_customer_id === customerId)
    return {
      id: row.id,
      type: row.type,
      direction: def.symmetric ? 'forward' : 'inverse',
      label: def.inverse,
      otherId: row.from_customer_id,
      note: row.note,
    };
  return null;
}

export type RelationshipGroup = { key: string; label: string; items: RelationshipView[] };

/**
 * A customer's network grouped by the label seen from their side, in catalogue order. Rows
 * whose other end is not live (a deleted customer) are hidden, not removed: restoring the
 * customer brings them back.
 */
export function groupNetwork(
  customerId: string,
  rows: readonly (Linkable & { note: string })[],
  isLive: (customerId: string) => boolean,
): RelationshipGroup[] {
  const byRole = new Map<string, RelationshipView[]>();
  for (const row of rows) {
    if (row.deleted === 1) continue;
    const view = viewFrom(customerId, row);
    if (!view || !isLive(view.otherId)) continue;
    const key = roleKey(view);
    byRole.set(key, [...(byRole.get(key) ?? []), view]);
  }
  return ROLE_OPTIONS.filter((option) => byRole.has(roleKey(option))).map((option) => ({
    key: roleKey(option),
    label: option.label,
    items: byRole.get(roleKey(option)) ?? [],
  }));
}
