/**
 * The format 1 snapshot WRITER, as the app shipped it before format 2 (copied from
 * src/renderer/src/domain/reports/snapshot-codec.ts at 3b35eec): the tests and the bench
 * write an old snapshot with it to prove it still loads.
 */
import { checksum } from '../../src/renderer/src/domain/search/engine/snapshot-format';
import type { ReportSources } from '../../src/renderer/src/domain/reports/compute';
import type { TouchSpan } from '../../src/renderer/src/domain/reports/touch-span';

export type SnapshotSource = keyof ReportSources;

/** Each source's fields the figures (and the drill's titles) read, key first. */
const SNAPSHOT_FIELDS = {
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
} as const satisfies Record<SnapshotSource, readonly string[]>;

/** What a snapshot holds besides the rows: which journal it follows, and how far. */
export type SnapshotState = {
  generation: string;
  /** The last journal entry the rows include. */
  seq: number;
  /** The instants whose touchpoints are all among the rows. */
  touchSpan: TouchSpan | null;
};

export type ReportSnapshot = SnapshotState & { sources: ReportSources };

// 1: the first format. Another format is refused (and the reports rebuild).
const REPORT_SNAPSHOT_FORMAT = 1;
const MAGIC = 'ENCRPTS\u0001';
const BYTE_ORDER_MARK = 0x01020304;
const HEADER_BYTES = 32;
const CHECKSUM_AT = 24;
const META_LENGTH_AT = 28;
/** A row without the field (not the same as null for the figures). */
const ABSENT = 0xffffffff;
const NULL = 1;
const MISSING = 2;

type Section = { $s: 'u8' | 'u32' | 'f64'; at: number; n: number };
type Column =
  | { kind: 'num'; values: Section; marks: Section | null }
  | { kind: 'dict'; table: Section; index: Section };
type Description = {
  format: number;
  state: SnapshotState;
  sources: Record<string, { rows: number; columns: Record<string, Column> }>;
};

const align8 = (n: number) => (n + 7) & ~7;

class SectionWriter {
  parts: Uint8Array[] = [];
  at: number[] = [];
  length = 0;
  add(data: Uint8Array | Uint32Array | Float64Array): Section {
    const kind = data instanceof Uint8Array ? 'u8' : data instanceof Uint32Array ? 'u32' : 'f64';
    const section: Section = { $s: kind, at: this.length, n: data.length };
    this.parts.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.at.push(this.length);
    this.length = align8(this.length + data.byteLength);
    return section;
  }
}

function isNumberColumn(values: readonly unknown[]): boolean {
  let numbers = 0;
  for (const value of values) {
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return false;
      numbers += 1;
    } else if (value !== null && value !== undefined) return false;
  }
  return numbers > 0;
}

function encodeColumn(values: readonly unknown[], writer: SectionWriter): Column {
  if (isNumberColumn(values)) {
    const numbers = new Float64Array(values.length);
    let marks: Uint8Array | null = null;
    values.forEach((value, i) => {
      if (typeof value === 'number') numbers[i] = value;
      else {
        marks ??= new Uint8Array(values.length);
        marks[i] = value === null ? NULL : MISSING;
      }
    });
    return { kind: 'num', values: writer.add(numbers), marks: marks ? writer.add(marks) : null };
  }
  const distinct: unknown[] = [];
  const byKey = new Map<unknown, number>();
  const index = new Uint32Array(values.length);
  values.forEach((value, i) => {
    if (value === undefined) {
      index[i] = ABSENT;
      return;
    }
    // Scalars are their own keys; arrays (tags) are keyed by their JSON text.
    const key = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
    let at = byKey.get(key);
    if (at === undefined) {
      at = distinct.length;
      distinct.push(value);
      byKey.set(key, at);
    }
    index[i] = at;
  });
  const table = new TextEncoder().encode(JSON.stringify(distinct));
  return { kind: 'dict', table: writer.add(table), index: writer.add(index) };
}

/** The snapshot's bytes: the fields the figures read of every source, and its state. */
export function encodeFormat1Snapshot(snapshot: ReportSnapshot): Uint8Array<ArrayBuffer> {
  const writer = new SectionWriter();
  const sources: Description['sources'] = {};
  for (const [name, fields] of Object.entries(SNAPSHOT_FIELDS) as [
    SnapshotSource,
    readonly string[],
  ][]) {
    const rows = snapshot.sources[name] as readonly Record<string, unknown>[];
    const columns: Record<string, Column> = {};
    for (const field of fields) {
      columns[field] = encodeColumn(
        rows.map((row) => row[field]),
        writer,
      );
    }
    sources[name] = { rows: rows.length, columns };
  }
  const description: Description = {
    format: REPORT_SNAPSHOT_FORMAT,
    state: { generation: snapshot.generation, seq: snapshot.seq, touchSpan: snapshot.touchSpan },
    sources,
  };
  const meta = new TextEncoder().encode(JSON.stringify(description));
  const bodyStart = align8(HEADER_BYTES + meta.length);
  const bytes = new Uint8Array(bodyStart + writer.length);
  const header = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  header.setUint32(8, REPORT_SNAPSHOT_FORMAT, true);
  new Uint32Array(bytes.buffer, 12, 1)[0] = BYTE_ORDER_MARK;
  header.setFloat64(16, bytes.length, true);
  header.setUint32(META_LENGTH_AT, meta.length, true);
  bytes.set(meta, HEADER_BYTES);
  writer.parts.forEach((part, i) => bytes.set(part, bodyStart + writer.at[i]!));
  header.setUint32(CHECKSUM_AT, checksum(bytes, META_LENGTH_AT), true);
  return bytes;
}
