/**
 * THE projection of a customer into its list row (customers_crm_v). Every write that
 * changes a customer's profile, emails, phones or touchpoints rebuilds the row with this one
 * function, in the same transaction (db/projection-middleware.ts), so the list cannot drift
 * from the record.
 *
 * The field maps below are exhaustive on purpose: adding a column to a customer table
 * without deciding how the list handles it fails the typecheck, and the projection test
 * checks that every field marked `list` really changes the row.
 */
import { customerOrigin } from './customer-origin';
import { engagementLogScore, NO_ENGAGEMENT_LOG } from './reports/engagement-score';
import { displayName, sortName } from './display-name';
import type {
  CrmTask,
  CustomerEmail,
  CustomerListRow,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
} from './records';

/** `list`: the row shows or searches it. `detail`: only the detail page needs it (why given). */
export type FieldUse = 'list' | `detail: ${string}`;

export const PROFILE_FIELD_USE: Record<keyof CustomerProfile, FieldUse> = {
  id: 'list',
  created_at: 'list',
  updated_at: 'list',
  deleted: 'list',
  first_name: 'list',
  last_name: 'list',
  tags: 'list',
  lifecycle: 'list',
  owner_id: 'list',
  email_consent: 'list',
  sms_consent: 'list',
  date_of_birth: 'detail: birthdays are shown and edited on the contact tab',
  notes: 'list',
  merged_into: 'detail: only tombstones carry it, and they have no row',
  created_via: 'list',
};

export const EMAIL_FIELD_USE: Record<keyof CustomerEmail, FieldUse> = {
  id: 'detail: row identity of the email, not of the customer',
  customer_id: 'list',
  address: 'list',
  address_normalized: 'list',
  is_primary: 'list',
  deleted: 'list',
  created_at: 'list',
  label: 'detail: labels are shown beside each address on the contact tab',
  // The earliest contact point's source is the origin of a customer created before
  // profiles recorded `created_via`.
  source: 'list',
  updated_at: 'detail: the row tracks the profile update time',
};

export const PHONE_FIELD_USE: Record<keyof CustomerPhone, FieldUse> = {
  id: 'detail: row identity of the phone, not of the customer',
  customer_id: 'list',
  e164: 'list',
  is_primary: 'list',
  deleted: 'list',
  created_at: 'list',
  raw_input: 'detail: the list shows the normalized number',
  type: 'detail: shown beside each number on the contact tab',
  label: 'detail: shown beside each number on the contact tab',
  source: 'list',
  updated_at: 'detail: the row tracks the profile update time',
};

export const TASK_FIELD_USE: Record<keyof CrmTask, FieldUse> = {
  customer_id: 'list',
  status: 'list',
  deleted: 'list',
  id: 'detail: row identity of the task, not of the customer',
  created_at: 'detail: the tasks tab sorts by it',
  updated_at: 'detail: the row tracks the profile update time',
  title: 'detail: titles are shown on the tasks tab',
  description: 'detail: shown on the task page',
  due_at: 'detail: the task manager groups by it; the list counts open tasks only',
  priority: 'detail: shown on the tasks tab',
  deal_id: 'detail: the deal link is shown on the task page',
  completed_at: 'detail: shown on the task page; status already decides open or not',
};

export type ProjectionInput = {
  profile: CustomerProfile | undefined;
  emails: readonly CustomerEmail[];
  phones: readonly CustomerPhone[];
  touchpoints: readonly Pick<EngagementTouchpoint, 'occurred_at' | 'deleted' | 'kind' | 'value'>[];
  /** The customer's tasks; absent means none. */
  tasks?: readonly Pick<CrmTask, 'customer_id' | 'status' | 'deleted'>[];
};

/**
 * The primary live item, or the oldest live one when none is flagged. Ties (an import stamps
 * one time on many rows; a sync merge can bring two flags) break by id, so the answer never
 * depends on the order rows were read in.
 */
export function pickPrimary<
  T extends { id: string; is_primary: 0 | 1; deleted: 0 | 1; created_at: string },
>(items: readonly T[]): T | undefined {
  const live = items.filter((item) => item.deleted === 0).sort(byCreatedAtThenId);
  return live.find((item) => item.is_primary === 1) ?? live[0];
}

export function byCreatedAtThenId(
  a: { id: string; created_at: string },
  b: { id: string; created_at: string },
): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One order for the score's floating-point sum, so the row never depends on read order. */
function inScoreOrder<T extends Pick<EngagementTouchpoint, 'occurred_at' | 'kind' | 'value'>>(
  touchpoints: readonly T[],
): T[] {
  const key = (t: T) => `${t.occurred_at}|${t.kind}|${t.value}`;
  return [...touchpoints].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function ownPoints<T extends { customer_id: string }>(
  items: readonly T[],
  customerId: string,
): T[] {
  return items.filter((item) => item.customer_id === customerId);
}

/** Returns null when the customer has no live profile: deleted customers have no list row. */
export function projectCustomerRow(input: ProjectionInput): CustomerListRow | null {
  const { profile } = input;
  if (!profile || profile.deleted === 1) return null;
  const emails = input.emails.filter(
    (email) => email.deleted === 0 && email.customer_id === profile.id,
  );
  const phones = input.phones.filter(
    (phone) => phone.deleted === 0 && phone.customer_id === profile.id,
  );
  const touchpoints = input.touchpoints.filter((touch) => touch.deleted === 0);
  const openTasks = (input.tasks ?? []).filter(
    (task) =>
      task.deleted === 0 &&
      task.customer_id === profile.id &&
      (task.status === 'open' || task.status === 'in-progress'),
  );
  const primaryEmail = pickPrimary(emails);
  const primaryPhone = pickPrimary(phones);
  const lastTouch = touchpoints.reduce(
    (latest, touch) => (touch.occurred_at > latest ? touch.occurred_at : latest),
    '',
  );

  return {
    customer_id: profile.id,
    display_name: displayName(profile, primaryEmail?.address),
    sort_name: sortName(profile, primaryEmail?.address_normalized),
    first_name: profile.first_name,
    last_name: profile.last_name,
    primary_email: primaryEmail?.address ?? null,
    primary_phone: primaryPhone?.e164 ?? null,
    email_count: emails.length,
    phone_count: phones.length,
    tags: [...new Set(profile.tags)],
    lifecycle: profile.lifecycle,
    owner_id: profile.owner_id ?? '',
    email_opt_in: profile.email_consent.opted_in ? 1 : 0,
    sms_opt_in: profile.sms_consent.opted_in ? 1 : 0,
    touchpoint_count: touchpoints.length,
    last_touch_at: lastTouch,
    engagement_log: engagementLogScore(inScoreOrder(touchpoints)) ?? NO_ENGAGEMENT_LOG,
    // Deleted contact points count: they still say how the customer arrived.
    origin: customerOrigin(profile, [
      ...ownPoints(input.emails, profile.id),
      ...ownPoints(input.phones, profile.id),
    ]),
    open_task_count: openTasks.length,
    created_at: profile.created_at,
    updated_at: profile.updated_at,
    // What the search index reads (services/crm/customers/search/search-docs.ts).
    // Oldest first (as pickPrimary reads them): independent of the order rows were read in.
    all_emails: [...emails].sort(byCreatedAtThenId).map((email) => email.address_normalized),
    all_phones: [...phones].sort(byCreatedAtThenId).map((phone) => phone.e164),
    notes: profile.notes,
  };
}
