/**
 * The shapes of a merge: what goes in (one bundle per customer), what the user chose, and
 * what comes out (every row written, with its before-image, and the undo record).
 */
import type {
  CrmTask,
  CrmTaskAssignment,
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  CustomerRelationship,
  DealParticipant,
  EngagementTouchpoint,
  IsoDateTime,
} from '../records';

/**
 * A profile with `merged_into`: the survivor's id on a customer merged away (a tombstone).
 * The field joins CustomerProfile (schema and sync) when the merge is wired in.
 */
export type MergeableProfile = CustomerProfile & { merged_into?: string | null };

/** A customer and every row that points at it, as read in the merge's transaction. */
export type CustomerBundle = {
  profile: MergeableProfile;
  emails: CustomerEmail[];
  phones: CustomerPhone[];
  touchpoints: EngagementTouchpoint[];
  /** Tasks whose customer_id is this customer. */
  tasks: CrmTask[];
  /** Assignments of those tasks: they follow their task and are never rewritten. */
  assignments: CrmTaskAssignment[];
  participants: DealParticipant[];
  /** Relationships with this customer at either end. */
  relationships: CustomerRelationship[];
};

export const CHOOSABLE_FIELDS = [
  'first_name',
  'last_name',
  'date_of_birth',
  'lifecycle',
  'owner_id',
] as const;
export type ChoosableField = (typeof CHOOSABLE_FIELDS)[number];

/** The side-by-side screen's picks; anything left out takes its default (merge-profile.ts). */
export type MergeChoices = {
  /** Per field, the id of the customer whose value is kept. */
  fields?: Partial<Record<ChoosableField, string>>;
  /** The email row to be primary after the merge (one of the kept live rows). */
  primaryEmailId?: string;
  primaryPhoneId?: string;
};

export type MergeRows = {
  customer_profiles: MergeableProfile;
  customer_emails: CustomerEmail;
  customer_phones: CustomerPhone;
  customer_engagement_metrics: EngagementTouchpoint;
  crm_tasks: CrmTask;
  deal_participants: DealParticipant;
  customer_relationships: CustomerRelationship;
};
export type MergeTable = keyof MergeRows;

/** One row written by a merge: as it was, and as the merge writes it. */
export type RowChange = {
  [T in MergeTable]: { table: T; before: MergeRows[T]; after: MergeRows[T] };
}[MergeTable];

export type DropReason =
  'same-address' | 'same-number' | 'same-deal-role' | 'self-link' | 'duplicate-link';

/** A row the merge tombstones instead of moving: it would repeat a row the survivor has. */
export type DroppedRow = { table: MergeTable; id: string; why: DropReason };

/** Everything needed to put every row back exactly as it was. */
export type MergeUndo = {
  survivorId: string;
  mergedIds: string[];
  at: IsoDateTime;
  /** The merge's changes; undo writes each `before`, after checking each `after` still holds. */
  changes: RowChange[];
};

export type MergePlan = {
  survivorId: string;
  mergedIds: string[];
  at: IsoDateTime;
  /** In write order: children first (tombstones before moves), then the profiles. */
  changes: RowChange[];
  dropped: DroppedRow[];
  undo: MergeUndo;
};

export type MergeProblemKind =
  'nothing-to-merge' | 'repeated-customer' | 'not-live' | 'foreign-row' | 'unknown-choice';

export type MergeProblem = { kind: MergeProblemKind; message: string };

export type MergeResult = { ok: true; plan: MergePlan } | { ok: false; problem: MergeProblem };
