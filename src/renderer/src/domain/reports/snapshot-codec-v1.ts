/**
 * Format 1 of the reports snapshot, read only (snapshots saved before format 2; the next
 * save writes format 2): each source's fields as columns, numbers as Float64Array (with a
 * Uint8Array of null / absent marks), everything else as a per-column string table (JSON)
 * and a Uint32Array of indexes. Decoded into row objects as the tables would give them.
 */
import type { ReportSources } from './compute';
import type { Section } from './snapshot-container';
import { damaged, readDescription, sectionView } from './snapshot-container';
import type { SnapshotState } from './snapshot-codec';

const V1_FIELDS = {
  deals: [
    'id',
    'title',
    'event_date',
    'venue',
    'amount_minor',
    'currency',
    'status',
    'hold_level',
    'probability',
    'owner_id',
    'created_at',
    'updated_at',
    'last_activity_at',
    'deleted',
  ],
  history: ['id', 'deal_id', 'from_status', 'to_status', 'changed_at', 'deleted'],
  participants: ['id', 'deal_id', 'customer_id', 'deleted'],
  members: ['id', 'name', 'active', 'deleted'],
  customers: [
    'customer_id',
    'display_name',
    'tags',
    'lifecycle',
    'owner_id',
    'email_opt_in',
    'sms_opt_in',
    'last_touch_at',
    'created_at',
    'origin',
    'engagement_log',
  ],
  touchpoints: ['id', 'customer_id', 'kind', 'occurred_at', 'value', 'deleted'],
  tasks: ['id', 'title', 'status', 'due_at', 'completed_at', 'customer_id', 'deal_id', 'deleted'],
  assignments: ['id', 'task_id', 'member_id', 'assignment_type', 'deleted'],
} as const satisfies Record<keyof ReportSources, readonly string[]>;

/** A row without the field (not the same as null for the figures). */
const ABSENT = 0xffffffff;
const NUMBER = 0;
const NULL = 1;

type Column =
  | { kind: 'num'; values: Section; marks: Section | null }
  | { kind: 'dict'; table: Section; index: Section };
type Description = {
  format: number;
  state: SnapshotState;
  sources: Record<string, { rows: number; columns: Record<string, Column> }>;
};

/** The rows and state of a format 1 snapshot (header and checksum already checked). */
export function decodeFormat1(bytes: Uint8Array): SnapshotState & { sources: ReportSources } {
  const { description, bodyStart } = readDescription<Description>(bytes);
  const sources = {} as Record<keyof ReportSources, Record<string, unknown>[]>;
  for (const [name, fields] of Object.entries(V1_FIELDS) as [
    keyof ReportSources,
    readonly string[],
  ][]) {
    const stored = description.sources?.[name];
    if (!stored) return damaged(`no ${name}`);
    const rows: Record<string, unknown>[] = Array.from({ length: stored.rows }, () => ({}));
    for (const field of fields) {
      const column = stored.columns[field];
      if (!column) return damaged(`no ${name}.${field}`);
      if (column.kind === 'num') {
        const values = sectionView(bytes, bodyStart, column.values, 'f64');
        const marks = column.marks ? sectionView(bytes, bodyStart, column.marks, 'u8') : null;
        if (values.length !== rows.length) return damaged(`${name}.${field} length`);
        for (let i = 0; i < rows.length; i += 1) {
          const mark = marks ? marks[i] : NUMBER;
          if (mark === NUMBER) rows[i]![field] = values[i];
          else if (mark === NULL) rows[i]![field] = null;
        }
      } else {
        const table = JSON.parse(
          new TextDecoder().decode(sectionView(bytes, bodyStart, column.table, 'u8')),
        ) as unknown[];
        const index = sectionView(bytes, bodyStart, column.index, 'u32');
        if (index.length !== rows.length) return damaged(`${name}.${field} length`);
        for (let i = 0; i < rows.length; i += 1) {
          const at = index[i]!;
          if (at === ABSENT) continue;
          if (at >= table.length) return damaged(`${name}.${field} index`);
          const value = table[at];
          rows[i]![field] = Array.isArray(value) ? value.slice() : value;
        }
      }
    }
    sources[name] = rows;
  }
  const { state } = description;
  if (typeof state?.generation !== 'string' || typeof state.seq !== 'number') {
    return damaged('no journal position');
  }
  return { ...state, sources: sources as unknown as ReportSources };
}
