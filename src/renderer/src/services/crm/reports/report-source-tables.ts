/**
 * The tables the reports read, by the name of the source they fill (ReportSources), each with
 * its key: so the engine can read a table whole, or only the rows a write named.
 */
import type { CrmDatabase } from '../../../db/database';
import type { ReportSources } from '../../../domain/reports/compute';
import { storedLog } from '../../../domain/reports/engagement-score';
import { SNAPSHOT_FIELDS } from '../../../domain/reports/snapshot-codec';

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

/**
 * A row as the reports keep it: only the fields the figures read (those the snapshot holds,
 * SNAPSHOT_FIELDS; a field the row lacks stays absent), so the worker holds per customer what
 * a restored snapshot gives (11 fields, not the list row's 23 with its notes and every email:
 * at a million customers the difference is the worker's memory; docs/reports.md, "A million
 * customers"). Customers' stored score reads as the figures read it: null when never touched.
 */
function keptFields(name: SourceName, row: Record<string, unknown>): SourceRow {
  const out: Record<string, unknown> = {};
  for (const field of SNAPSHOT_FIELDS[name]) if (field in row) out[field] = row[field];
  if (name === 'customers') out.engagement_log = storedLog(row.engagement_log as number);
  return out as SourceRow;
}

function asRead(name: SourceName, rows: unknown[]): SourceRow[] {
  return (rows as Record<string, unknown>[]).map((row) => keptFields(name, row));
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
  const rows = await db.customer_engagement_metrics
    .where('occurred_at')
    .between(fromIso, toIso, true, true)
    .toArray();
  return asRead('touchpoints', rows);
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

/** One chunk of a chunked read, for the benchmark and tests: its own read transaction. */
export type ChunkEvent = {
  source: SourceName;
  /** 0, 1, … per source and read. */
  index: number;
  phase: 'start' | 'end';
  /** Rows the chunk read (at 'end'). */
  rows?: number;
};

/**
 * How a table is read in chunks: at most `rows` rows per read transaction, so a write to that
 * table waits for one chunk at most, never for the whole read (docs/reports.md, "The first
 * read in chunks").
 */
export type ChunkPlan = {
  /** At most this many rows per chunk. */
  rows: number;
  /**
   * Aim for chunks of about this many ms (the read transaction's time): the next chunk's size
   * follows the last one's rows per ms, between `MIN_CHUNK_ROWS` and `rows` (at most doubled
   * per chunk). None: always `rows`.
   */
  targetMs?: number;
  /**
   * While this says the page waits for these very rows (a visit, not a background build the
   * page has not asked for), chunks aim at `waited.targetMs` and may hold `waited.rows` rows,
   * and start and stay at `waited.least` rows at least: each chunk is a read transaction,
   * and its round trips cost the same whatever its size, so small chunks slow the read a user
   * waits for (docs/reports.md, "The chunked read's cost"). A write still waits for one chunk.
   */
  waited?: { now: () => boolean; rows: number; targetMs: number; least: number };
  /** Awaited before each chunk (the background build pauses here while the user works). */
  before?: () => Promise<void>;
  onChunk?: (event: ChunkEvent) => void;
};

/** The smallest adaptive chunk, and the first (before any chunk was timed). */
const MIN_CHUNK_ROWS = 50;
const FIRST_CHUNK_ROWS = 500;

/**
 * Every row of one source (touchpoints: those between two instants), read in chunks of at
 * most `plan.rows` rows, each chunk in a read transaction of its own over this table only:
 * by primary key ranges (the next chunk starts above the last key read), touchpoints by their
 * `occurred_at` index (the next chunk starts at the last instant read; the rows at that instant
 * are read again with it, never skipped; a chunk all at one instant reads that instant whole).
 * The rows are those a one-transaction read would give in the same order, as of each chunk's
 * moment: the caller brings them to one moment with the journal (writes after it began).
 */
export async function readSourceInChunks(
  db: CrmDatabase,
  name: SourceName,
  plan: ChunkPlan,
  span: { from: string; to: string } | null = null,
): Promise<{
  rows: SourceRow[];
  chunks: number;
  longestMs: number;
  /** The longest chunk's part until its rows were in hand (the rest: until it committed). */
  longestReadMs: number;
}> {
  const table = db.table(SOURCE_TABLES[name].table);
  /** The bounds and aim in force now (the page may start waiting for the rows mid-read). */
  const bounds = () => {
    const waited = plan.waited?.now() ? plan.waited : null;
    const most = Math.max(1, Math.floor(waited ? Math.max(waited.rows, plan.rows) : plan.rows));
    const least = Math.min(waited ? waited.least : MIN_CHUNK_ROWS, most);
    return { most, least, targetMs: waited ? waited.targetMs : plan.targetMs };
  };
  /** The next chunk's size, kept within the bounds in force when it is read. */
  let size = plan.targetMs ? FIRST_CHUNK_ROWS : Number.POSITIVE_INFINITY;
  /** The next chunk's size from the last one's time (adaptive plans only). */
  const adapt = (rows: number, ms: number, limit: number) => {
    const { most, least, targetMs } = bounds();
    if (!targetMs || rows < limit) return;
    const fit = Math.round((rows * targetMs) / Math.max(ms, 1));
    size = Math.max(least, Math.min(most, limit * 2, fit));
  };
  const out: SourceRow[] = [];
  let index = 0;
  let longestMs = 0;
  let longestReadMs = 0;
  /** One chunk of at most `limit` rows (decided after `before`: the page may ask meanwhile). */
  const chunk = async (
    read: (limit: number) => Promise<unknown[]>,
  ): Promise<{ rows: unknown[]; limit: number }> => {
    await plan.before?.();
    const { most, least, targetMs } = bounds();
    size = targetMs ? Math.max(least, Math.min(most, size)) : most;
    const limit = size;
    plan.onChunk?.({ source: name, index, phase: 'start' });
    const started = performance.now();
    let readMs = 0;
    const rows = await db.transaction('r', table, async () => {
      const got = await read(limit);
      readMs = performance.now() - started;
      return got;
    });
    const ms = performance.now() - started;
    if (ms > longestMs) longestReadMs = readMs;
    longestMs = Math.max(longestMs, ms);
    adapt(rows.length, ms, limit);
    plan.onChunk?.({ source: name, index, phase: 'end', rows: rows.length });
    index += 1;
    return { rows, limit };
  };
  if (name !== 'touchpoints' || !span) {
    let after: string | null = null;
    for (;;) {
      const { rows, limit } = await chunk((limit) =>
        (after === null ? table.orderBy(':id') : table.where(':id').above(after))
          .limit(limit)
          .toArray(),
      );
      for (const row of asRead(name, rows)) out.push(row);
      if (rows.length < limit) break;
      after = keyOf(name, rows[rows.length - 1] as SourceRow);
    }
    return { rows: out, chunks: index, longestMs, longestReadMs };
  }
  let lower = span.from;
  let includeLower = true;
  for (;;) {
    const at = lower;
    const inclusive = includeLower;
    const read = await chunk((limit) =>
      table.where('occurred_at').between(at, span.to, inclusive, true).limit(limit).toArray(),
    );
    const rows = read.rows as { occurred_at: string }[];
    if (rows.length < read.limit) {
      for (const row of asRead(name, rows)) out.push(row);
      break;
    }
    const last = rows[rows.length - 1]!.occurred_at;
    if (rows[0]!.occurred_at === last) {
      // A chunk all at one instant: that instant whole (the only unbounded chunk: ties).
      const tied = await chunk(() => table.where('occurred_at').equals(last).toArray());
      for (const row of asRead(name, tied.rows)) out.push(row);
      includeLower = false;
    } else {
      // The rows at the last instant come again with the next chunk, with any not read yet.
      for (const row of asRead(
        name,
        rows.filter((row) => row.occurred_at !== last),
      ))
        out.push(row);
      includeLower = true;
    }
    lower = last;
  }
  return { rows: out, chunks: index, longestMs, longestReadMs };
}

export function tablesOf(db: CrmDatabase, names: readonly SourceName[]) {
  return names.map((name) => db.table(SOURCE_TABLES[name].table));
}
