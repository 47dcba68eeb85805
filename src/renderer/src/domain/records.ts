/**
 * The shapes of every stored record, one type per table of the design brief.
 * Pure types: the db layer declares the tables with them, domain functions compute on them.
 *
 * Every synced record carries a UUIDv7 `id`, ISO-8601 `created_at` / `updated_at` and a
 * `deleted` tombstone (0 | 1, because IndexedDB cannot index booleans).
 */
import type * as synced from '../../../shared/sync/tables';

// The lists of synced enumerations are declared once, for the sync schemas too (without zod:
// this module is on the start path).
export {
  ASSIGNMENT_TYPES,
  CONTACT_SOURCES,
  DEAL_TYPES,
  LIFECYCLE_STAGES,
  PARTICIPANT_ROLES,
  PHONE_TYPES,
  TOUCHPOINT_KINDS,
} from '../../../shared/sync/enumerations';
import type { DealStatus } from './deals/statuses';

export type IsoDateTime = string;
/** A calendar date without time or zone: YYYY-MM-DD, or --MM-DD when the year is unknown. */
export type IsoDate = string;
export type Tombstone = 0 | 1;

export type SyncedRecord = {
  id: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  deleted: Tombstone;
};

export type Lifecycle = (typeof synced.LIFECYCLE_STAGES)[number];

/** Where a contact point or consent came from; import sources carry the column label. */
export type ContactSource = (typeof synced.CONTACT_SOURCES)[number];

export type ConsentState = {
  opted_in: boolean;
  /** How the consent (or its withdrawal) was obtained: "manual", "import: newsletter.csv", ... */
  source: string | null;
  changed_at: IsoDateTime | null;
};

export type CustomerProfile = SyncedRecord & {
  first_name: string;
  last_name: string;
  date_of_birth: IsoDate | null;
  notes: string;
  tags: string[];
  lifecycle: Lifecycle;
  owner_id: string | null;
  email_consent: ConsentState;
  sms_consent: ConsentState;
  /** Set on a customer merged into another: the survivor's id (docs/duplicates.md). */
  merged_into?: string | null;
  /**
   * How the customer came into the CRM, written once when the profile is created (the form
   * `manual`, the import `import`; another system writing through the sync API says `sync`)
   * and synced with the row, so every laptop counts the same origin. Absent on profiles
   * created before it was recorded: their origin is their earliest contact point's source.
   */
  created_via?: ContactSource;
};

/** How a customer came to be in the CRM (customerOrigin in domain/reports/audience.ts). */
export type CustomerOrigin = ContactSource | 'unknown';

export type CustomerEmail = SyncedRecord & {
  customer_id: string;
  /** As typed, for display. */
  address: string;
  /** Trimmed and lower-cased: the key for matching and dedupe. */
  address_normalized: string;
  label: string;
  source: ContactSource;
  is_primary: 0 | 1;
};

export type PhoneType = (typeof synced.PHONE_TYPES)[number];

export type CustomerPhone = SyncedRecord & {
  customer_id: string;
  e164: string;
  /** Exactly what the user typed or the file held. */
  raw_input: string;
  type: PhoneType;
  label: string;
  source: ContactSource;
  is_primary: 0 | 1;
};

export type TouchpointKind = (typeof synced.TOUCHPOINT_KINDS)[number];

export type EngagementTouchpoint = SyncedRecord & {
  customer_id: string;
  kind: TouchpointKind;
  occurred_at: IsoDateTime;
  /** Money spent (minor units of `currency`) or another numeric weight; 0 when not relevant. */
  value: number;
  summary: string;
  source: ContactSource;
  /**
   * The currency of `value` (ISO 4217): the app's default currency when it was logged.
   * Absent on touchpoints logged before it was recorded (their value is in hundredths).
   */
  currency?: string;
};

/**
 * The consolidated list row (customers_crm_v). IndexedDB has no views: this table is kept by
 * the projection in the same transaction as every write to its inputs. Only live customers
 * have a row.
 */
export type CustomerListRow = {
  customer_id: string;
  display_name: string;
  /** Folded (lower-case, no accents) "last first" for sorting by name. */
  sort_name: string;
  first_name: string;
  last_name: string;
  primary_email: string | null;
  primary_phone: string | null;
  email_count: number;
  phone_count: number;
  tags: string[];
  lifecycle: Lifecycle;
  owner_id: string;
  email_opt_in: 0 | 1;
  sms_opt_in: 0 | 1;
  touchpoint_count: number;
  last_touch_at: string;
  /** Live tasks on this customer that are open or in progress. */
  open_task_count: number;
  /**
   * The engagement log-score L (domain/reports/engagement-score.ts), NO_ENGAGEMENT_LOG with no
   * touchpoint: indexed, so the list sorts by engagement. Absent on rows written before
   * schema version 5 until the upgrade fills it.
   */
  engagement_log?: number;
  /**
   * How the customer came into the CRM (customerOrigin): the reports' "new customers by
   * origin". Absent only on rows written before it was projected, until the background fill
   * (services/crm/customers/origin-backfill.ts) reaches them.
   */
  origin?: CustomerOrigin;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  /** Every live email (normalized) and phone (E.164), and the notes: what search reads. */
  all_emails: string[];
  all_phones: string[];
  notes: string;
};

/**
 * search_journal: one entry per list-row rebuild (a pulled page, an import chunk, a form's
 * save), naming every customer whose row it rebuilt or removed, written in the same
 * transaction (db/projection-middleware.ts); entry 0 is the journal's meta row. One entry per
 * rebuild, not per customer: a first sync wrote one record per customer for the journal alone.
 */
export type SearchJournalEntry = SearchJournalBatch | LegacyJournalEntry | SearchJournalMeta;
export type SearchJournalBatch = { seq?: number; customer_ids: string[] };
/**
 * An entry as written before the batch shape: one customer each. Databases keep them until a
 * snapshot covers them (same schema: `++seq` indexes neither shape), so the reader takes both.
 */
export type LegacyJournalEntry = { seq?: number; customer_id: string };
export type SearchJournalMeta = {
  seq: 0;
  customer_id: '';
  /** A fresh random id whenever the journal starts over: snapshots of another one are stale. */
  generation: string;
  /** Entries up to this seq were deleted (a snapshot covers them). */
  trimmed_through: number;
};

export type TeamMember = SyncedRecord & {
  name: string;
  email: string;
  active: 0 | 1;
};

export type TaskStatus = (typeof synced.TASK_STATUSES)[number];
export type TaskPriority = (typeof synced.TASK_PRIORITIES)[number];

export type CrmTask = SyncedRecord & {
  title: string;
  description: string;
  due_at: IsoDateTime | null;
  priority: TaskPriority;
  status: TaskStatus;
  customer_id: string | null;
  deal_id: string | null;
  completed_at: IsoDateTime | null;
};

export type AssignmentType = (typeof synced.ASSIGNMENT_TYPES)[number];

export type CrmTaskAssignment = SyncedRecord & {
  task_id: string;
  member_id: string;
  assignment_type: AssignmentType;
};

/** How the artist is paid: a flat guarantee, or a guarantee versus / plus a share of the door. */
export type DealType = (typeof synced.DEAL_TYPES)[number];

export type EventDeal = SyncedRecord & {
  title: string;
  event_name: string;
  event_date: IsoDate | null;
  venue: string;
  /** Guarantee (or expected door share for a door split) in integer minor units of `currency`. */
  amount_minor: number;
  /** ISO 4217 code, upper case. */
  currency: string;
  deal_type: DealType;
  /** The percentage in "versus 80%", "plus 70%" or an 85% door split; null for flat. */
  deal_percent: number | null;
  status: DealStatus;
  /** 1..n while on hold (1 = first hold), null otherwise. */
  hold_level: number | null;
  /** Integer percent 0..100; null means the stage's default. */
  probability: number | null;
  expected_close: IsoDate | null;
  owner_id: string | null;
  notes: string;
  /** Order within its board column (fractional ranks: a drop writes one row). */
  rank: number;
  /** Last real change (edits, status, participants), for "days idle"; reordering is not one. */
  last_activity_at: IsoDateTime;
};

export type ParticipantRole = (typeof synced.PARTICIPANT_ROLES)[number];

export type DealParticipant = SyncedRecord & {
  deal_id: string;
  customer_id: string;
  role: ParticipantRole;
  /** Optional share of the deal in percent (0..100). */
  share_percent: number | null;
};

export type DealPipelineStage = SyncedRecord & {
  name: string;
  status: DealStatus;
  order: number;
  default_probability: number;
  stale_after_days: number;
};

/** One status change of a deal: when, who (team member id, null when unknown), from what. */
export type DealStatusChange = SyncedRecord & {
  deal_id: string;
  from_status: DealStatus | null;
  to_status: DealStatus;
  hold_level: number | null;
  changed_at: IsoDateTime;
  changed_by: string | null;
  /** In words, dates as ISO text (what an app before these fields shows, and exports). */
  note: string;
  /**
   * The event dates an entry's note names, as values: a hold moved to another date, and the
   * holds moved up behind it (the screen shows them in the user's locale: deals/history-note.ts).
   * Absent on entries that name no date and on those written before the nineteenth session.
   */
  event_date_from?: IsoDate | null;
  event_date_to?: IsoDate;
};

export type CustomerRelationship = SyncedRecord & {
  from_customer_id: string;
  to_customer_id: string;
  type: string;
  note: string;
};

export type ImportJobStatus =
  'running' | 'finished' | 'cancelled' | 'interrupted' | 'undone' | 'failed';

/** What undoing an import restores: customers it created go, fields it changed come back. */
export type ImportUndo = {
  /**
   * When the chunk was written: the `created_at` of what it created and the `updated_at` of
   * what it wrote. Missing in records written before undo learned to spare later edits.
   */
  written_at?: IsoDateTime;
  created: string[];
  updated: {
    customer_id: string;
    /** The profile fields the import changed, as they were before. */
    previous: Partial<CustomerProfile>;
    /**
     * The same fields as the import wrote them: undo reverts a field only while it still holds
     * this value. Missing in older records (see domain/import/undo-plan.ts).
     */
    written?: Partial<CustomerProfile>;
    email_ids: string[];
    phone_ids: string[];
  }[];
};

/** One row of the downloadable error report. */
export type ImportErrorRow = { row: number; cells: string[]; reason: string };

export type ImportJob = {
  id: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  file_name: string;
  file_size: number;
  status: ImportJobStatus;
  /** Reading and mapping settings (dialect, header row, columns, region, date format). */
  mapping: unknown;
  policy: string;
  /** The plan's counts, then what was written: created, updated, unchanged, conflicts. */
  counts: Record<string, number>;
  /** Planned customers committed so far (whole chunks). */
  committed: number;
  total: number;
  headers: string[];
  /** Rows in the error report (held in import_job_chunks). */
  error_count: number;
  message: string | null;
};

/**
 * What one committed chunk of an import wrote (undo), or the import's error rows. Kept apart
 * from the job so progress updates and the history list never copy 100,000 ids around.
 */
export type ImportJobChunk = {
  id: string;
  job_id: string;
  undo: ImportUndo | null;
  errors: ImportErrorRow[] | null;
};

export type SavedMapping = {
  id: string;
  header_signature: string;
  name: string;
  mapping: unknown;
  /** The region national phone numbers were read in (absent in mappings saved before it was kept). */
  region?: string;
  /** The date format chosen with it (absent in older mappings). */
  date_format?: string;
  updated_at: IsoDateTime;
};

/** A local change waiting to be pushed; written by change capture, never by hand. */
export type OutboxEntry = {
  seq?: number;
  table: string;
  row_id: string;
  op: 'put' | 'delete';
  /** The row as written (null for a hard delete). */
  value: Record<string, unknown> | null;
  /** Fields the write changed, when known (an update); null means the whole row. */
  changed_fields: string[] | null;
  tx_id: string;
  captured_at: IsoDateTime;
  /** Hybrid logical clock of the change (shared/sync/hlc.ts): the merge's last-writer-wins order. */
  hlc: string;
  /** This client's push sequence, given when the entry first joins a push batch. */
  push_seq?: number;
};

/** Why the sync server refused one change (one field, or the change as a whole). */
export type SyncRefusal = { field: string | null; code: string; reason: string };

/**
 * A local change the sync server refused for its content, set aside so the rest of the
 * outbox and the pull go on; kept until the user retries or discards it (Settings → Sync).
 */
export type QuarantinedChange = {
  id?: number;
  /** The outbox entry as it was captured (without its outbox key and push sequence). */
  entry: Omit<OutboxEntry, 'seq' | 'push_seq'>;
  table: string;
  row_id: string;
  /** The customer it concerns (the profile, or a child row's customer), '' when none. */
  customer_id: string;
  problems: SyncRefusal[];
  quarantined_at: IsoDateTime;
};

export type SyncStateEntry = { key: string; value: unknown };

/** Local, per-device settings (not synced): default phone region, current user. */
export type AppSetting = { key: string; value: unknown };

/** "Not a duplicate": id is the pair's key (domain/duplicates pairId), a and b its two ids. */
export type DuplicateDismissal = SyncedRecord & {
  customer_a: string;
  customer_b: string;
};
