/**
 * The synced tables and the type of every field they sync, declared once. The desktop's
 * change capture (SYNCED_TABLES), the server's SQL tables (PRODUCT_TABLES), the server's
 * validation of a push and the desktop's check of a pulled row all read this file.
 *
 * Each table is a strict zod object of its fields without `id` (the row key travels beside
 * them). The renderer checks at compile time that each object equals its record type in
 * domain/records.ts (db/synced-record-types.ts): a field added to a record without a sync
 * type here fails the typecheck. The enumerations are declared here and the domain takes them.
 */
import { z } from 'zod';
import { plainCheck } from './field-check';
import { firstControlCharacter } from './text';
import type { SYNCED_TABLE_NAME_LIST } from './table-names';
import {
  LIFECYCLE_STAGES,
  CONTACT_SOURCES,
  PHONE_TYPES,
  TOUCHPOINT_KINDS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  ASSIGNMENT_TYPES,
  DEAL_TYPES,
  DEAL_STATUSES,
  PARTICIPANT_ROLES,
} from './enumerations';

/** The schemas made by text(): the plain field check reads them as text (below). */
const TEXT_SCHEMAS = new WeakSet<z.ZodType>();

/** Text without C0 control characters (tab, line feed and carriage return are text). */
const text = () => {
  const schema = z.string().superRefine((value, ctx) => {
    const character = firstControlCharacter(value);
    if (character)
      ctx.addIssue({ code: 'custom', message: `contains a control character (${character})` });
  });
  TEXT_SCHEMAS.add(schema);
  return schema;
};
const flag = () => z.union([z.literal(0), z.literal(1)]);
const count = () => z.number();
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

/** The enumerations of synced fields (declared in enumerations.ts, without zod). */
export {
  LIFECYCLE_STAGES,
  CONTACT_SOURCES,
  PHONE_TYPES,
  TOUCHPOINT_KINDS,
  TASK_PRIORITIES,
  TASK_STATUSES,
  ASSIGNMENT_TYPES,
  DEAL_TYPES,
  DEAL_STATUSES,
  PARTICIPANT_ROLES,
};

const consent = () =>
  z.strictObject({
    opted_in: z.boolean(),
    source: text().nullable(),
    changed_at: text().nullable(),
  });

/** created_at, updated_at and the tombstone: every synced row has them. */
const record = {
  created_at: text(),
  updated_at: text(),
  deleted: flag(),
};

export const SYNC_TABLE_SCHEMAS = {
  customer_profiles: z.strictObject({
    ...record,
    first_name: text(),
    last_name: text(),
    date_of_birth: text().nullable(),
    notes: text(),
    tags: z.array(text()),
    lifecycle: oneOf(LIFECYCLE_STAGES),
    owner_id: text().nullable(),
    email_consent: consent(),
    sms_consent: consent(),
    // A tombstone merged into another customer names the survivor (docs/duplicates.md):
    // edits pulled for it land there. Absent on rows written before schema version 6.
    merged_into: text().nullable().optional(),
    // How the customer came into the CRM (manual, import, sync, ...), written once at
    // creation. Absent on rows written before it was recorded.
    created_via: oneOf(CONTACT_SOURCES).optional(),
  }),
  customer_emails: z.strictObject({
    ...record,
    customer_id: text(),
    address: text(),
    address_normalized: text(),
    label: text(),
    source: oneOf(CONTACT_SOURCES),
    is_primary: flag(),
  }),
  customer_phones: z.strictObject({
    ...record,
    customer_id: text(),
    e164: text(),
    raw_input: text(),
    type: oneOf(PHONE_TYPES),
    label: text(),
    source: oneOf(CONTACT_SOURCES),
    is_primary: flag(),
  }),
  customer_engagement_metrics: z.strictObject({
    ...record,
    customer_id: text(),
    kind: oneOf(TOUCHPOINT_KINDS),
    occurred_at: text(),
    value: count(),
    summary: text(),
    source: oneOf(CONTACT_SOURCES),
    // The currency of `value` (ISO 4217, "EUR"): the app's default currency when it was
    // logged. Absent on touchpoints logged before it was recorded.
    currency: text().optional(),
  }),
  crm_tasks: z.strictObject({
    ...record,
    title: text(),
    description: text(),
    due_at: text().nullable(),
    priority: oneOf(TASK_PRIORITIES),
    status: oneOf(TASK_STATUSES),
    customer_id: text().nullable(),
    deal_id: text().nullable(),
    completed_at: text().nullable(),
  }),
  crm_task_assignments: z.strictObject({
    ...record,
    task_id: text(),
    member_id: text(),
    assignment_type: oneOf(ASSIGNMENT_TYPES),
  }),
  event_deals: z.strictObject({
    ...record,
    title: text(),
    event_name: text(),
    event_date: text().nullable(),
    venue: text(),
    amount_minor: z.int(),
    currency: text(),
    deal_type: oneOf(DEAL_TYPES),
    deal_percent: count().nullable(),
    status: oneOf(DEAL_STATUSES),
    hold_level: count().nullable(),
    probability: count().nullable(),
    expected_close: text().nullable(),
    owner_id: text().nullable(),
    notes: text(),
    rank: count(),
    last_activity_at: text(),
  }),
  deal_participants: z.strictObject({
    ...record,
    deal_id: text(),
    customer_id: text(),
    role: oneOf(PARTICIPANT_ROLES),
    share_percent: count().nullable(),
  }),
  deal_pipeline: z.strictObject({
    ...record,
    name: text(),
    status: oneOf(DEAL_STATUSES),
    order: count(),
    default_probability: count(),
    stale_after_days: count(),
  }),
  deal_status_history: z.strictObject({
    ...record,
    deal_id: text(),
    from_status: oneOf(DEAL_STATUSES).nullable(),
    to_status: oneOf(DEAL_STATUSES),
    hold_level: count().nullable(),
    changed_at: text(),
    changed_by: text().nullable(),
    note: text(),
    // The event dates the note names (a hold moved to another date), as values the screen
    // formats in the user's locale. Absent on entries that name none, or written before them.
    event_date_from: text().nullable().optional(),
    event_date_to: text().optional(),
  }),
  customer_relationships: z.strictObject({
    ...record,
    from_customer_id: text(),
    to_customer_id: text(),
    type: text(),
    note: text(),
  }),
  team_members: z.strictObject({
    ...record,
    name: text(),
    email: text(),
    active: flag(),
  }),
  // "Not a duplicate": a pair of customers never to be proposed again (id = the pair's key).
  duplicate_dismissals: z.strictObject({
    ...record,
    customer_a: text(),
    customer_b: text(),
  }),
};

export type SyncTableName = keyof typeof SYNC_TABLE_SCHEMAS;

/** Every synced table, in the order above (table-names.ts, without zod, holds the same list). */
export const SYNC_TABLE_NAMES = Object.keys(SYNC_TABLE_SCHEMAS) as SyncTableName[];

// table-names.ts lists the same tables for the renderer's start path: the typecheck fails
// when the two differ (the order is checked by tests/unit/start-path.test.ts).
type SyncedTableNameList = typeof SYNCED_TABLE_NAME_LIST;
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesAgree: SameNames<SyncTableName, SyncedTableNameList[number]> = true;
void namesAgree;

/** A synced row's fields as they travel (everything but `id`). */
export type SyncRowFields<T extends SyncTableName> = z.infer<(typeof SYNC_TABLE_SCHEMAS)[T]>;

const known = new Set<string>(SYNC_TABLE_NAMES);
export function isSyncTable(name: string): name is SyncTableName {
  return known.has(name);
}

/** The row a change belongs to, for the customer it concerns (quarantine shows it). */
export const CUSTOMER_FIELD: Partial<Record<SyncTableName, string>> = {
  customer_emails: 'customer_id',
  customer_phones: 'customer_id',
  customer_engagement_metrics: 'customer_id',
  crm_tasks: 'customer_id',
  deal_participants: 'customer_id',
  customer_relationships: 'from_customer_id',
};

export type FieldProblemCode = 'unknown_table' | 'unknown_field' | 'invalid_value';

/** Why one field (or the table) of a change is refused. Never quotes the value. */
export type FieldProblem = { field: string | null; code: FieldProblemCode; reason: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return `${issue.message}${path}`;
}

/** Does a value fit a field's type? The zod schema's rule as a plain predicate (field-check.ts). */
type FieldCheck = (value: unknown) => boolean;

/** Each table's fields as plain checks, compiled once from the schemas above. */
const FIELD_CHECKS = Object.fromEntries(
  SYNC_TABLE_NAMES.map((table): [string, Map<string, FieldCheck>] => [
    table,
    new Map(
      Object.entries(SYNC_TABLE_SCHEMAS[table].shape as Record<string, z.ZodType>).map(
        ([field, schema]) => [field, plainCheck(schema, TEXT_SCHEMAS)],
      ),
    ),
  ]),
) as Record<SyncTableName, Map<string, FieldCheck>>;

/**
 * Do all the fields a change sets fit their table, by the plain checks? `true` only when
 * every field is known and its value fits (what the table's schema with every field optional
 * accepts, `undefined` excepted: it is not JSON, and it is refused field by field below).
 */
export function fieldsFit(table: SyncTableName, fields: Record<string, unknown>): boolean {
  const checks = FIELD_CHECKS[table];
  for (const field of Object.keys(fields)) {
    const check = checks.get(field);
    const value = fields[field];
    if (!check || value === undefined || !check(value)) return false;
  }
  return true;
}

/**
 * Checks the fields a change sets: each must be a field of its table, of its type. A change
 * carries only the fields it changed, so absent fields are fine.
 */
export function fieldProblems(table: string, fields: Record<string, unknown>): FieldProblem[] {
  if (!isSyncTable(table))
    return [{ field: null, code: 'unknown_table', reason: `"${table}" is not a synced table` }];
  // Fast path: each field by its plain check (several times cheaper than zod's parse, which
  // was a tenth of a push's CPU); only a change that fails it is gone through field by field
  // with zod, which names each problem in its words.
  if (fieldsFit(table, fields)) return [];
  const shape = SYNC_TABLE_SCHEMAS[table].shape as Record<string, z.ZodType>;
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
    if (!schema) {
      problems.push({ field, code: 'unknown_field', reason: `${table} has no field "${field}"` });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      problems.push({
        field,
        code: 'invalid_value',
        reason: `${field}: ${describeIssue(parsed.error.issues[0] as z.core.$ZodIssue)}`,
      });
  }
  return problems;
}

/**
 * A pulled row's fields as this app can store them: fields it does not know (a newer app
 * added them) are left out; a known field of the wrong type refuses the row (problems).
 */
export function checkPulledFields(
  table: SyncTableName,
  data: Record<string, unknown>,
): { fields: Record<string, unknown>; problems: FieldProblem[] } {
  const shape = SYNC_TABLE_SCHEMAS[table].shape as Record<string, z.ZodType>;
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data))
    if (Object.hasOwn(shape, field)) fields[field] = value;
  const problems = fieldProblems(table, fields);
  return { fields, problems };
}
