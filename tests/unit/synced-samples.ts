/**
 * One valid row for every synced table, typed per table: a table added to the shared list
 * without a sample here fails the typecheck, so the table-driven tests cover it.
 */
import type { SyncedRecordOf } from '../../src/renderer/src/db/synced-record-types';
import type { SyncedTableName } from '../../src/renderer/src/db/schema';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';

const stamp = () => {
  const now = nowIso();
  return { id: newId(), created_at: now, updated_at: now, deleted: 0 as const };
};
const consent = { opted_in: false, source: null, changed_at: null };

/** Ids the samples point at (a customer, a deal, a task, a member, a second customer). */
export type SampleLinks = {
  customer: string;
  other: string;
  deal: string;
  task: string;
  member: string;
};

export const SAMPLE_ROWS: {
  [T in SyncedTableName]: (links: SampleLinks) => SyncedRecordOf<T>;
} = {
  customer_profiles: () => ({
    ...stamp(),
    first_name: 'Ana',
    last_name: 'Lima',
    date_of_birth: null,
    notes: '',
    tags: ['vip'],
    lifecycle: 'lead',
    owner_id: null,
    email_consent: consent,
    sms_consent: consent,
  }),
  customer_emails: (links) => ({
    ...stamp(),
    customer_id: links.customer,
    address: `ana-${newId().slice(-6)}@example.com`.toLowerCase(),
    address_normalized: '',
    label: '',
    source: 'manual',
    is_primary: 0,
  }),
  customer_phones: (links) => ({
    ...stamp(),
    customer_id: links.customer,
    e164: '+4915112345678',
    raw_input: '0151 12345678',
    type: 'mobile',
    label: '',
    source: 'manual',
    is_primary: 0,
  }),
  customer_engagement_metrics: (links) => ({
    ...stamp(),
    customer_id: links.customer,
    kind: 'call',
    occurred_at: nowIso(),
    value: 0,
    summary: 'Called about the tour',
    source: 'manual',
  }),
  crm_tasks: (links) => ({
    ...stamp(),
    title: 'Send the offer',
    description: '',
    due_at: null,
    priority: 'normal',
    status: 'open',
    customer_id: links.customer,
    deal_id: null,
    completed_at: null,
  }),
  crm_task_assignments: (links) => ({
    ...stamp(),
    task_id: links.task,
    member_id: newId(),
    assignment_type: 'collaborator',
  }),
  event_deals: () => ({
    ...stamp(),
    title: 'Summer show',
    event_name: 'Summer',
    event_date: null,
    venue: 'Hall',
    amount_minor: 150000,
    currency: 'EUR',
    deal_type: 'flat',
    deal_percent: null,
    status: 'inquiry',
    hold_level: null,
    probability: null,
    expected_close: null,
    owner_id: null,
    notes: '',
    rank: 1,
    last_activity_at: nowIso(),
  }),
  deal_participants: (links) => ({
    ...stamp(),
    deal_id: links.deal,
    customer_id: links.customer,
    role: 'artist',
    share_percent: null,
  }),
  deal_pipeline: () => ({
    ...stamp(),
    name: 'Inquiry',
    status: 'inquiry',
    order: 1,
    default_probability: 10,
    stale_after_days: 14,
  }),
  deal_status_history: (links) => ({
    ...stamp(),
    deal_id: links.deal,
    from_status: null,
    to_status: 'inquiry',
    hold_level: null,
    changed_at: nowIso(),
    changed_by: null,
    note: '',
  }),
  customer_relationships: (links) => ({
    ...stamp(),
    from_customer_id: links.customer,
    to_customer_id: links.other,
    type: 'manages',
    note: '',
  }),
  team_members: () => ({ ...stamp(), name: 'Ben', email: 'ben@example.com', active: 1 }),
  duplicate_dismissals: (links) => ({
    ...stamp(),
    customer_a: links.customer,
    customer_b: links.other,
  }),
};

/** A valid sample, its email normalized as the guard wants. */
export function sampleRow<T extends SyncedTableName>(
  table: T,
  links: SampleLinks,
): SyncedRecordOf<T> {
  const row = SAMPLE_ROWS[table](links);
  const fields = row as unknown as Record<string, unknown>;
  if (typeof fields.address === 'string') fields.address_normalized = fields.address;
  return row;
}

export function sampleLinks(): SampleLinks {
  return { customer: newId(), other: newId(), deal: newId(), task: newId(), member: newId() };
}
