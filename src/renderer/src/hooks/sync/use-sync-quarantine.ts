import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import type { SyncRefusal } from '../../domain/records';
import { CONTROL_CHARACTER } from '../../../../shared/sync/text';

const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** What each synced table holds, in words, for the list of set-aside changes. */
const TABLE_LABELS: Record<string, string> = {
  customer_profiles: 'Customer details',
  customer_emails: 'Email',
  customer_phones: 'Phone',
  customer_engagement_metrics: 'Touchpoint',
  crm_tasks: 'Task',
  crm_task_assignments: 'Task assignment',
  event_deals: 'Deal',
  deal_participants: 'Deal participant',
  deal_pipeline: 'Pipeline stage',
  deal_status_history: 'Deal status change',
  customer_relationships: 'Relationship',
  team_members: 'Team member',
};

export type SetAsideChange = {
  id: number;
  what: string;
  /** The customer it concerns: id and name; null when the change concerns none. */
  customer: { id: string; name: string } | null;
  problems: SyncRefusal[];
  quarantinedAt: string;
};

function customerName(profile: { first_name?: unknown; last_name?: unknown } | undefined): string {
  const name = [profile?.first_name, profile?.last_name]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ')
    // A refused name may hold the very character it was refused for: show where it is.
    .replace(CONTROL_CHARACTERS, '\uFFFD');
  return name || 'Unnamed customer';
}

/** Changes the sync server refused for their content (sync_quarantine), oldest first. */
export function useSetAsideChanges(): SetAsideChange[] | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const records = await db.sync_quarantine.orderBy('id').toArray();
    const ids = [...new Set(records.map((record) => record.customer_id).filter(Boolean))];
    const profiles = await db.customer_profiles.bulkGet(ids);
    const byId = new Map(ids.map((id, index) => [id, profiles[index]]));
    return records.map((record) => ({
      id: record.id as number,
      what: TABLE_LABELS[record.table] ?? record.table,
      customer: record.customer_id
        ? { id: record.customer_id, name: customerName(byId.get(record.customer_id)) }
        : null,
      problems: record.problems,
      quarantinedAt: record.quarantined_at,
    }));
  }, []);
}
