// Record builders for the merge tests, and an in-memory store the merge plans are applied to.
import type {
  CustomerBundle,
  MergeableProfile,
  MergeRows,
  MergeTable,
  RowChange,
} from '../../src/renderer/src/domain/duplicates/merge-types';
import type { UndoWrite } from '../../src/renderer/src/domain/duplicates/merge-undo';
import type {
  CrmTask,
  CrmTaskAssignment,
  CustomerEmail,
  CustomerPhone,
  CustomerRelationship,
  DealParticipant,
  EngagementTouchpoint,
} from '../../src/renderer/src/domain/records';

const T0 = '2026-01-01T00:00:00.000Z';
const synced = { created_at: T0, updated_at: T0, deleted: 0 as const };

export function profile(id: string, extra: Partial<MergeableProfile> = {}): MergeableProfile {
  return {
    id,
    ...synced,
    first_name: '',
    last_name: '',
    date_of_birth: null,
    notes: '',
    tags: [],
    lifecycle: 'lead',
    owner_id: null,
    email_consent: { opted_in: false, source: null, changed_at: null },
    sms_consent: { opted_in: false, source: null, changed_at: null },
    ...extra,
  };
}

export function email(
  id: string,
  customer: string,
  address: string,
  extra: Partial<CustomerEmail> = {},
): CustomerEmail {
  const normalized = address.trim().toLowerCase();
  return {
    id,
    ...synced,
    customer_id: customer,
    address,
    address_normalized: normalized,
    label: '',
    source: 'manual',
    is_primary: 0,
    ...extra,
  };
}

export function phone(
  id: string,
  customer: string,
  e164: string,
  extra: Partial<CustomerPhone> = {},
): CustomerPhone {
  return {
    id,
    ...synced,
    customer_id: customer,
    e164,
    raw_input: e164,
    type: 'mobile',
    label: '',
    source: 'manual',
    is_primary: 0,
    ...extra,
  };
}

export function touchpoint(
  id: string,
  customer: string,
  extra: Partial<EngagementTouchpoint> = {},
) {
  return {
    id,
    ...synced,
    customer_id: customer,
    kind: 'call',
    occurred_at: T0,
    value: 0,
    summary: 'Called',
    source: 'manual',
    ...extra,
  } satisfies EngagementTouchpoint as EngagementTouchpoint;
}

export function task(id: string, customer: string, extra: Partial<CrmTask> = {}): CrmTask {
  return {
    id,
    ...synced,
    title: `Task ${id}`,
    description: '',
    due_at: null,
    priority: 'normal',
    status: 'open',
    customer_id: customer,
    deal_id: null,
    completed_at: null,
    ...extra,
  };
}

export function assignment(id: string, taskId: string, member: string): CrmTaskAssignment {
  return { id, ...synced, task_id: taskId, member_id: member, assignment_type: 'collaborator' };
}

export function participant(
  id: string,
  customer: string,
  deal: string,
  role: DealParticipant['role'],
  extra: Partial<DealParticipant> = {},
): DealParticipant {
  return {
    id,
    ...synced,
    deal_id: deal,
    customer_id: customer,
    role,
    share_percent: null,
    ...extra,
  };
}

export function relationship(
  id: string,
  from: string,
  to: string,
  type: string,
  extra: Partial<CustomerRelationship> = {},
): CustomerRelationship {
  return { id, ...synced, from_customer_id: from, to_customer_id: to, type, note: '', ...extra };
}

/** Every table a merge reads, id -> row; assignments are read but never written. */
export type Store = { [T in MergeTable]: Map<string, MergeRows[T]> } & {
  crm_task_assignments: Map<string, CrmTaskAssignment>;
};

export function emptyStore(): Store {
  return {
    customer_profiles: new Map(),
    customer_emails: new Map(),
    customer_phones: new Map(),
    customer_engagement_metrics: new Map(),
    crm_tasks: new Map(),
    deal_participants: new Map(),
    customer_relationships: new Map(),
    crm_task_assignments: new Map(),
  };
}

export function cloneStore(store: Store): Store {
  return structuredClone(store);
}

/** What a service would read in the merge's transaction for one customer. */
export function bundleOf(store: Store, id: string): CustomerBundle {
  const profileRow = store.customer_profiles.get(id);
  if (!profileRow) throw new Error(`no customer ${id}`);
  const owned = <T extends { customer_id: string | null }>(rows: Map<string, T>) =>
    [...rows.values()].filter((row) => row.customer_id === id);
  const tasks = owned(store.crm_tasks);
  const taskIds = new Set(tasks.map((row) => row.id));
  return {
    profile: profileRow,
    emails: owned(store.customer_emails),
    phones: owned(store.customer_phones),
    touchpoints: owned(store.customer_engagement_metrics),
    tasks,
    assignments: [...store.crm_task_assignments.values()].filter((row) => taskIds.has(row.task_id)),
    participants: owned(store.deal_participants),
    relationships: [...store.customer_relationships.values()].filter(
      (row) => row.from_customer_id === id || row.to_customer_id === id,
    ),
  };
}

export function applyChanges(store: Store, changes: readonly RowChange[]): void {
  for (const change of changes)
    (store[change.table] as Map<string, unknown>).set(change.after.id, change.after);
}

export function applyUndo(store: Store, writes: readonly UndoWrite[]): void {
  for (const write of writes)
    (store[write.table] as Map<string, unknown>).set(write.row.id, write.row);
}

export function putAll<T extends MergeTable>(store: Store, table: T, rows: MergeRows[T][]): void {
  for (const row of rows) (store[table] as Map<string, unknown>).set(row.id, row);
}
