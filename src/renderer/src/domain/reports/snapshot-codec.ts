/**
 * The reports' inputs as a snapshot (docs/reports.md, "The snapshot"), format 2: each
 * source's rows as columns of the fields the figures read, in a container
 * (snapshot-container.ts). Made for a small read and a short decode:
 * - instants in `toISOString`'s exact form as Float64Array milliseconds (8 bytes against
 *   about 28 as text), restored as numbers (inputs.ts `Instant`);
 * - whole numbers 0-255 (0/1 flags, hold levels, probabilities) as bytes;
 * - every other value (ids, names, statuses, tags) in ONE table of distinct values shared
 *   by every column (a customer's id is stored once, whichever tables name it), the columns
 *   holding Uint32Array indexes into it;
 * - the table first, then each source's sections together, so a reader that gets the bytes
 *   in parts decodes each source as soon as its sections are in (`createSnapshotDecoder`),
 *   overlapping the read and the decoding.
 * Format 1 snapshots (saved before) are still read (snapshot-codec-v1.ts); the next save
 * writes format 2. Damaged, truncated, foreign or unknown-format bytes: ReportSnapshotError.
 */
import { canonicalInstantMs } from './calendar';
import type { ReportSources } from './compute';
import { decodeFormat1 } from './snapshot-codec-v1';
import type { Section } from './snapshot-container';
import {
  checkSum,
  damaged,
  HEADER_BYTES,
  readDescription,
  readHeader,
  ReportSnapshotError,
  SectionWriter,
  sectionView,
  writeContainer,
} from './snapshot-container';
import type { TouchSpan } from './touch-span';

export { ReportSnapshotError } from './snapshot-container';

export type SnapshotSource = keyof ReportSources;

/** Each source's fields the figures (and the drill's titles) read, key first. */
export const SNAPSHOT_FIELDS = {
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

/**
 * The fields the figures read as instants (`instantMs`), restored as milliseconds when
 * canonical. `last_activity_at` stays text: the deals' own `isStale` reads it.
 */
export const INSTANT_FIELDS: Partial<Record<SnapshotSource, readonly string[]>> = {
  deals: ['created_at', 'updated_at'],
  history: ['changed_at'],
  customers: ['last_touch_at', 'created_at'],
  touchpoints: ['occurred_at'],
  tasks: ['due_at', 'completed_at'],
};

/** What a snapshot holds besides the rows: which journal it follows, and how far. */
export type SnapshotState = {
  generation: string;
  /** The last journal entry the rows include. */
  seq: number;
  /** The instants whose touchpoints are all among the rows. */
  touchSpan: TouchSpan | null;
};

export type ReportSnapshot = SnapshotState & { sources: ReportSources };

// 2: instants as numbers, small numbers as bytes, one shared table of values.
// 1 is still read. Any other format is refused (and the reports rebuild).
export const REPORT_SNAPSHOT_FORMAT = 2;

/** An index of a row without the field (not the same as null for the figures). */
const ABSENT = 0xffffffff;
// Marks beside numbers: a number, null, no field, and (instants) the empty text.
const NUMBER = 0;
const NULL = 1;
const MISSING = 2;
const EMPTY = 3;

type Column =
  | { kind: 'num' | 'u8' | 'instant'; values: Section; marks: Section | null }
  | { kind: 'dict'; index: Section };
type StoredSource = { rows: number; end: number; columns: Record<string, Column> };
type Description = {
  format: number;
  state: SnapshotState;
  values: Section;
  sources: Record<string, StoredSource>;
};

/** The distinct values of every text column, each stored once. */
class ValueTable {
  values: unknown[] = [];
  private at = new Map<unknown, number>();
  indexOf(value: unknown): number {
    // Scalars are their own keys; arrays (tags) are keyed by their JSON text (kept apart
    // from strings by a leading NUL, which JSON text never starts with).
    const key =
      typeof value === 'object' && value !== null ? `\u0000${JSON.stringify(value)}` : value;
    let at = this.at.get(key);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.at.set(key, at);
    }
    return at;
  }
}

/** Marks for a numeric column (null when every row has a number). */
function marksOf(values: readonly unknown[], isNumber: (value: unknown) => boolean) {
  let marks: Uint8Array | null = null;
  values.forEach((value, i) => {
    if (isNumber(value)) return;
    marks ??= new Uint8Array(values.length);
    marks[i] = value === null ? NULL : value === undefined ? MISSING : EMPTY;
  });
  return marks as Uint8Array | null;
}

/** Milliseconds of every instant of the column, or null when one is not canonical. */
function instantsOf(values: readonly unknown[]): Float64Array | null {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined || value === '') continue;
    const ms =
      typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? canonicalInstantMs(value)
          : NaN;
    if (!Number.isFinite(ms)) return null;
    out[i] = ms;
  }
  return out;
}

function numberKind(values: readonly unknown[]): 'u8' | 'num' | null {
  let numbers = 0;
  let bytes = true;
  for (const value of values) {
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return null;
      if (!(Number.isInteger(value) && value >= 0 && value <= 255) || Object.is(value, -0)) {
        bytes = false;
      }
      numbers += 1;
    } else if (value !== null && value !== undefined) return null;
  }
  if (numbers === 0) return null;
  return bytes ? 'u8' : 'num';
}

function encodeColumn(
  values: readonly unknown[],
  instant: boolean,
  table: ValueTable,
  writer: SectionWriter,
): Column {
  const isNumber = (value: unknown) => typeof value === 'number';
  const isInstant = (value: unknown) => value !== null && value !== undefined && value !== '';
  const instants = instant ? instantsOf(values) : null;
  if (instants) {
    const marks = marksOf(values, isInstant);
    return { kind: 'instant', values: writer.add(instants), marks: marks && writer.add(marks) };
  }
  const kind = numberKind(values);
  if (kind) {
    const numbers = kind === 'u8' ? new Uint8Array(values.length) : new Float64Array(values.length);
    values.forEach((value, i) => {
      if (typeof value === 'number') numbers[i] = value;
    });
    const marks = marksOf(values, isNumber);
    return { kind, values: writer.add(numbers), marks: marks && writer.add(marks) };
  }
  const index = new Uint32Array(values.length);
  values.forEach((value, i) => {
    index[i] = value === undefined ? ABSENT : table.indexOf(value);
  });
  return { kind: 'dict', index: writer.add(index) };
}

/** The snapshot's bytes: the fields the figures read of every source, and its state. */
export function encodeReportSnapshot(snapshot: ReportSnapshot): Uint8Array<ArrayBuffer> {
  const table = new ValueTable();
  const body = new SectionWriter();
  const sources: Description['sources'] = {};
  for (const [name, fields] of Object.entries(SNAPSHOT_FIELDS) as [
    SnapshotSource,
    readonly string[],
  ][]) {
    const rows = snapshot.sources[name] as readonly Record<string, unknown>[];
    const instants = INSTANT_FIELDS[name] ?? [];
    const columns: Record<string, Column> = {};
    for (const field of fields) {
      columns[field] = encodeColumn(
        rows.map((row) => row[field]),
        instants.includes(field),
        table,
        body,
      );
    }
    sources[name] = { rows: rows.length, end: body.length, columns };
  }
  // The value table goes first: every source needs it. Shift the sources' sections after it.
  const writer = new SectionWriter();
  const values = writer.add(new TextEncoder().encode(JSON.stringify(table.values)));
  const shift = writer.length;
  body.parts.forEach((part) => writer.add(part));
  const moved = (section: Section): Section => ({ ...section, at: section.at + shift });
  for (const source of Object.values(sources)) {
    source.end += shift;
    for (const [field, column] of Object.entries(source.columns)) {
      source.columns[field] =
        column.kind === 'dict'
          ? { kind: 'dict', index: moved(column.index) }
          : {
              kind: column.kind,
              values: moved(column.values),
              marks: column.marks && moved(column.marks),
            };
    }
  }
  const description: Description = {
    format: REPORT_SNAPSHOT_FORMAT,
    state: { generation: snapshot.generation, seq: snapshot.seq, touchSpan: snapshot.touchSpan },
    values,
    sources,
  };
  return writeContainer(REPORT_SNAPSHOT_FORMAT, description, writer);
}

/** One source's rows from its columns (the bytes up to its `end` are in). */
function decodeSource(
  name: SnapshotSource,
  stored: StoredSource | undefined,
  values: readonly unknown[],
  bytes: Uint8Array,
  bodyStart: number,
): Record<string, unknown>[] {
  if (!stored || !Number.isInteger(stored.rows) || stored.rows < 0) return damaged(`no ${name}`);
  const n = stored.rows;
  const fields = SNAPSHOT_FIELDS[name] as readonly string[];
  // Rows first, then filled column by column (as format 1 did: measured faster in Chromium
  // than building each column as an array and the rows from them).
  const rows: Record<string, unknown>[] = Array.from({ length: n }, () => ({}));
  for (const field of fields) {
    const column = stored.columns?.[field];
    if (!column) return damaged(`no ${name}.${field}`);
    if (column.kind === 'dict') {
      const index = sectionView(bytes, bodyStart, column.index, 'u32');
      if (index.length !== n) return damaged(`${name}.${field} length`);
      for (let i = 0; i < n; i += 1) {
        const at = index[i]!;
        if (at === ABSENT) continue;
        if (at >= values.length) return damaged(`${name}.${field} index`);
        const value = values[at];
        // Each row its own array: the figures may keep or sort it.
        rows[i]![field] = Array.isArray(value) ? value.slice() : value;
      }
      continue;
    }
    if (column.kind !== 'num' && column.kind !== 'u8' && column.kind !== 'instant') {
      return damaged(`${name}.${field} kind`);
    }
    const numbers = sectionView(
      bytes,
      bodyStart,
      column.values,
      column.kind === 'u8' ? 'u8' : 'f64',
    );
    const marks = column.marks ? sectionView(bytes, bodyStart, column.marks, 'u8') : null;
    if (numbers.length !== n || (marks && marks.length !== n)) {
      return damaged(`${name}.${field} length`);
    }
    for (let i = 0; i < n; i += 1) {
      const mark = marks ? marks[i]! : NUMBER;
      if (mark === NUMBER) rows[i]![field] = numbers[i];
      else if (mark === NULL) rows[i]![field] = null;
      else if (mark === EMPTY && column.kind === 'instant') rows[i]![field] = '';
      else if (mark !== MISSING) return damaged(`${name}.${field} mark`);
    }
  }
  return rows;
}

/**
 * A decoder fed the snapshot's bytes in order, as they are read: `bytes` is where they go
 * (`total` long, 8-byte aligned), `received(upTo)` decodes every source whose sections are
 * all in, and `finish()` (once every byte is in) checks the checksum and returns the rows.
 * Whatever `received` decoded is thrown away if `finish` refuses the bytes.
 */
export function createSnapshotDecoder(total: number): {
  bytes: Uint8Array<ArrayBuffer>;
  received(upTo: number): void;
  finish(): ReportSnapshot;
  /** The format the header says (0 until the header is in). */
  format(): number;
} {
  const bytes = new Uint8Array(total);
  let description: Description | null = null;
  let bodyStart = 0;
  let format = 0;
  let values: unknown[] | null = null;
  const decoded = new Map<SnapshotSource, Record<string, unknown>[]>();
  const names = Object.keys(SNAPSHOT_FIELDS) as SnapshotSource[];

  function received(upTo: number) {
    if (format === 0) {
      if (upTo < HEADER_BYTES) return;
      format = readHeader(bytes.subarray(0, upTo), total);
      if (format !== 1 && format !== REPORT_SNAPSHOT_FORMAT) {
        throw new ReportSnapshotError(
          `Reports snapshot format ${format} is not supported (this version reads formats 1 and ${REPORT_SNAPSHOT_FORMAT}).`,
        );
      }
    }
    // Format 1 is decoded whole, once every byte is in.
    if (format !== REPORT_SNAPSHOT_FORMAT) return;
    if (!description) {
      const metaLength = new DataView(bytes.buffer).getUint32(28, true);
      if (HEADER_BYTES + metaLength > upTo) return;
      ({ description, bodyStart } = readDescription<Description>(bytes));
      if (description.format !== REPORT_SNAPSHOT_FORMAT) return damaged('format');
    }
    if (!values) {
      const section = description.values;
      if (!section || bodyStart + section.at + section.n > upTo) return;
      try {
        values = JSON.parse(
          new TextDecoder().decode(sectionView(bytes, bodyStart, section, 'u8', upTo)),
        ) as unknown[];
      } catch {
        return damaged('unreadable values');
      }
      if (!Array.isArray(values)) return damaged('values');
    }
    for (const name of names) {
      if (decoded.has(name)) continue;
      const stored = description.sources?.[name];
      if (!stored || bodyStart + stored.end > upTo) break;
      decoded.set(name, decodeSource(name, stored, values, bytes.subarray(0, upTo), bodyStart));
    }
  }

  function finish(): ReportSnapshot {
    received(total);
    checkSum(bytes);
    if (format === 1) return decodeFormat1(bytes);
    if (!description || decoded.size !== names.length) return damaged('sources');
    const { state } = description;
    if (typeof state?.generation !== 'string' || typeof state.seq !== 'number') {
      return damaged('no journal position');
    }
    const sources = Object.fromEntries(decoded) as unknown as ReportSources;
    return { generation: state.generation, seq: state.seq, touchSpan: state.touchSpan, sources };
  }

  return { bytes, received, finish, format: () => format };
}

/** Reads what encodeReportSnapshot wrote (format 2, or a format 1 snapshot saved before). */
export function decodeReportSnapshot(input: Uint8Array): ReportSnapshot {
  // Typed views need aligned bytes.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const format = readHeader(bytes);
  checkSum(bytes);
  if (format === 1) return decodeFormat1(bytes);
  const decoder = createSnapshotDecoder(bytes.length);
  decoder.bytes.set(bytes);
  return decoder.finish();
}
