/**
 * The tables the reports read, by the name of the source they fill (ReportSources), each with
 * its key: so the engine can read a table whole, or only the rows a write named.
 */
import type { CrmDatabase } from '../../../db/database';
import type { ReportSources } from '../../../domain/reports/compute';
import { storedLog } from '../../../domain/reports/engagement-score';

export type SourceName = keyof ReportSources;

export const SOURCE_TABLES = {
  deals: { table: 'event_deals', key: 'id' },
  history: { table: 'deal_status_history', key: 'id' },
  participants: { table: 'deal_participants', key: 'id' },
  members: { table: 'team_members', key: 'id' },
  customers: { table: 'customers_crm_v', key: 'customer_id' },
  touchpoints: { table: 'customer_engagement_metrics', key: 'id' },
  tasks: { table: 'crm_tasks', key: 'id' },
  assignments: { table: 'crm_task_assignments', key: 'id' },
} as const satisfies Record<SourceName, { table: string; key: string }>;

/** Read first: the deal figures need only these (and the settings). */
export const DEAL_SOURCES: readonly SourceName[] = ['deals', 'history', 'participants', 'members'];
/** Read second: the people, their touchpoints and the tasks. */
export const PEOPLE_SOURCES: readonly SourceName[] = [
  'customers',
  'touchpoints',
  'tasks',
  'assignments',
];

/** Tables whose writes change the settings the figures use (rates, currency, stages). */
export const SETTINGS_TABLES: readonly string[] = ['app_settings', 'deal_pipeline'];

/** One source row as the figures read it (the list row's stored score read as the figures do). */
export type SourceRow = ReportSources[SourceName][number];

export function keyOf(name: SourceName, row: SourceRow): string {
  const field = SOURCE_TABLES[name].key;
  return (row as Record<string, unknown>)[field] as string;
}

function asRead(name: SourceName, rows: unknown[]): SourceRow[] {
  if (name !== 'customers') return rows as SourceRow[];
  // The stored score: null when never touched, as the figures read it.
  return (rows as { engagement_log?: number }[]).map((c) => ({
    ...c,
    engagement_log: storedLog(c.engagement_log),
  })) as SourceRow[];
}

/**
 * The touchpoints that happened between two instants (ISO, inclusive), through the
 * occurred_at index: the only figures that read touchpoints count them by week over a window
 * (the last 12 weeks unless the filter's dates say otherwise), so the reports read that
 * window rather than every touchpoint ever recorded.
 */
export async function readTouchpointsBetween(
  db: CrmDatabase,
  fromIso: string,
  toIso: string,
): Promise<SourceRow[]> {
  return db.customer_engagement_metrics
    .where('occurred_at')
    .between(fromIso, toIso, true, true)
    .toArray() as Promise<SourceRow[]>;
}

/** Every row of one source (call inside a read transaction over its table). */
export async function readWholeSource(db: CrmDatabase, name: SourceName): Promise<SourceRow[]> {
  return asRead(name, await db.table(SOURCE_TABLES[name].table).toArray());
}

/** The rows with these keys, null where a row is gone. */
export async function readSourceRows(
  db: CrmDatabase,
  name: SourceName,
  keys: readonly string[],
): Promise<(SourceRow | null)[]> {
  const rows = await db.table(SOURCE_TABLES[name].table).bulkGet([...keys]);
  const present = asRead(
    name,
    rows.filter((row) => row !== undefined),
  );
  let next = 0;
  return rows.map((row) => (row === undefined ? null : present[next++]!));
}

export function tablesOf(db: CrmDatabase, names: readonly SourceName[]) {
  return names.map((name) => db.table(SOURCE_TABLES[name].table));
}
