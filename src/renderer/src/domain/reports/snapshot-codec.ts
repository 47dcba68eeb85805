/**
 * The reports' inputs as a snapshot (docs/reports.md, "The snapshot"): each source's rows
 * as columns of the fields the figures read, numbers as Float64Array, everything else as a
 * string table (the distinct values, as JSON text) and a Uint32Array of indexes into it, or,
 * when more than half of a column's values are distinct (ids, names, instants), as the JSON
 * text of every row's value (plain: a dictionary of as many entries as rows cost a Map that
 * grows superlinearly, 12 s of CPU at a million customers), in one container (header with
 * magic, format, length and checksum; a JSON description; 8-byte aligned sections). Loading is
 * one JSON.parse per column's text and one pass per row. A damaged, truncated, foreign or
 * other-format snapshot is refused with ReportSnapshotError (the reports then rebuild it).
 */
import { checksum } from '../search/engine/snapshot-format';
import type { ReportSources } from './compute';
import type { TouchSpan } from './touch-span';

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

/** What a snapshot holds besides the rows: which journal it follows, and how far. */
export type SnapshotState = {
  generation: string;
  /** The last journal entry the rows include. */
  seq: number;
  /** The instants whose touchpoints are all among the rows. */
  touchSpan: TouchSpan | null;
};

export type ReportSnapshot = SnapshotState & { sources: ReportSources };

export class ReportSnapshotError extends Error {
  override name = 'ReportSnapshotError';
}

// 1: the first format (every text column a dictionary). 2: the fourteenth session's format,
// reverted (never reuse it). 3: plain text columns where most values are distinct. Another
// format is refused (and the reports rebuild).
export const REPORT_SNAPSHOT_FORMAT = 3;
const MAGIC = 'ENCRPTS\u0001';
const BYTE_ORDER_MARK = 0x01020304;
const HEADER_BYTES = 32;
const CHECKSUM_AT = 24;
const META_LENGTH_AT = 28;
/** A row without the field (not the same as null for the figures). */
const ABSENT = 0xffffffff;
const NUMBER = 0;
const NULL = 1;
const MISSING = 2;

type Section = { $s: 'u8' | 'u32' | 'f64'; at: number; n: number };
/**
 * A text column is a dictionary until more than this share of the values seen are distinct,
 * once at least DICT_PROBE_VALUES were seen; then it is stored plain.
 */
export const DICT_MAX_DISTINCT_SHARE = 0.5;
export const DICT_PROBE_VALUES = 8192;

type Column =
  | { kind: 'num'; values: Section; marks: Section | null }
  | { kind: 'dict'; table: Section; index: Section }
  /** Every row's value as one JSON array (absent rows as null, marked). */
  | { kind: 'plain'; values: Section; marks: Section | null };
export type SnapshotColumnKind = Column['kind'];
type Description = {
  format: number;
  state: SnapshotState;
  sources: Record<string, { rows: number; columns: Record<string, Column> }>;
};

const align8 = (n: number) => (n + 7) & ~7;
const CONSTRUCTORS = { u8: Uint8Array, u32: Uint32Array, f64: Float64Array };

// JSON text escapes control characters: printable ASCII only is one byte a character.
const NOT_PRINTABLE_ASCII = /[^ -~]/;

/** The UTF-8 length of well-formed text (JSON text has no lone surrogates). */
function utf8Length(text: string): number {
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

/**
 * The body's sections, copied into the snapshot's bytes once they are all known. Text is
 * kept as the string and encoded straight into those bytes (no second copy of each column's
 * text as its own buffer: at a million customers that garbage cost the worker whole-heap
 * collections).
 */
class SectionWriter {
  parts: (Uint8Array | string)[] = [];
  textBytes = new Map<number, number>();
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
  addText(text: string): Section {
    const n = utf8Length(text);
    const section: Section = { $s: 'u8', at: this.length, n };
    this.parts.push(text);
    this.textBytes.set(this.parts.length - 1, n);
    this.at.push(this.length);
    this.length = align8(this.length + n);
    return section;
  }
}

type Rows = readonly Record<string, unknown>[];

function isNumberColumn(rows: Rows, field: string): boolean {
  let numbers = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const value = rows[i]![field];
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return false;
      numbers += 1;
    } else if (value !== null && value !== undefined) return false;
  }
  return numbers > 0;
}

// The rows read field by field (not a column array made first: garbage at a million).
function encodeColumn(rows: Rows, field: string, writer: SectionWriter): Column {
  if (isNumberColumn(rows, field)) {
    const numbers = new Float64Array(rows.length);
    let marks: Uint8Array | null = null;
    for (let i = 0; i < rows.length; i += 1) {
      const value = rows[i]![field];
      if (typeof value === 'number') numbers[i] = value;
      else {
        marks ??= new Uint8Array(rows.length);
        marks[i] = value === null ? NULL : MISSING;
      }
    }
    return { kind: 'num', values: writer.add(numbers), marks: marks ? writer.add(marks) : null };
  }
  const distinct: unknown[] = [];
  const byKey = new Map<unknown, number>();
  const index = new Uint32Array(rows.length);
  let seen = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const value = rows[i]![field];
    if (value === undefined) {
      index[i] = ABSENT;
      continue;
    }
    seen += 1;
    // Scalars are their own keys; arrays (tags) are keyed by their JSON text.
    const key = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
    let at = byKey.get(key);
    if (at === undefined) {
      at = distinct.length;
      distinct.push(value);
      byKey.set(key, at);
      if (seen >= DICT_PROBE_VALUES && distinct.length > seen * DICT_MAX_DISTINCT_SHARE) {
        return encodePlain(rows, field, writer);
      }
    }
    index[i] = at;
  }
  return {
    kind: 'dict',
    table: writer.addText(JSON.stringify(distinct)),
    index: writer.add(index),
  };
}

/** Mostly distinct values: the JSON text of every row's (no Map of as many entries as rows). */
function encodePlain(rows: Rows, field: string, writer: SectionWriter): Column {
  let marks: Uint8Array | null = null;
  const values = new Array<unknown>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    const value = rows[i]![field];
    values[i] = value;
    if (value === undefined) {
      marks ??= new Uint8Array(rows.length);
      marks[i] = MISSING;
    }
  }
  // JSON.stringify writes an absent value as null; its mark tells them apart.
  const text = JSON.stringify(values);
  return { kind: 'plain', values: writer.addText(text), marks: marks ? writer.add(marks) : null };
}

/** The snapshot's bytes: the fields the figures read of every source, and its state. */
export function encodeReportSnapshot(snapshot: ReportSnapshot): Uint8Array<ArrayBuffer> {
  const writer = new SectionWriter();
  const sources: Description['sources'] = {};
  for (const [name, fields] of Object.entries(SNAPSHOT_FIELDS) as [
    SnapshotSource,
    readonly string[],
  ][]) {
    const rows = snapshot.sources[name] as Rows;
    const columns: Record<string, Column> = {};
    for (const field of fields) columns[field] = encodeColumn(rows, field, writer);
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
  const encoder = new TextEncoder();
  writer.parts.forEach((part, i) => {
    const at = bodyStart + writer.at[i]!;
    if (typeof part !== 'string') bytes.set(part, at);
    else {
      const n = writer.textBytes.get(i)!;
      const { read, written } = encoder.encodeInto(part, bytes.subarray(at, at + n));
      if (read !== part.length || written !== n) {
        throw new Error('Reports snapshot: a text section did not fit its length.');
      }
    }
  });
  writer.parts.length = 0;
  header.setUint32(CHECKSUM_AT, checksum(bytes, META_LENGTH_AT), true);
  return bytes;
}

function checkHeader(bytes: Uint8Array): void {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < HEADER_BYTES || magic !== MAGIC) {
    throw new ReportSnapshotError('These bytes are not a reports snapshot.');
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const format = header.getUint32(8, true);
  if (format !== REPORT_SNAPSHOT_FORMAT) {
    throw new ReportSnapshotError(
      `Reports snapshot format ${format} is not supported (this version reads format ${REPORT_SNAPSHOT_FORMAT}).`,
    );
  }
  if (new Uint32Array(bytes.buffer, bytes.byteOffset + 12, 1)[0] !== BYTE_ORDER_MARK) {
    throw new ReportSnapshotError('Reports snapshot was written with another byte order.');
  }
  const expected = header.getFloat64(16, true);
  if (expected !== bytes.length) {
    throw new ReportSnapshotError(
      `Reports snapshot is ${bytes.length < expected ? 'truncated' : 'too long'}: ${bytes.length} of ${expected} bytes.`,
    );
  }
  if (checksum(bytes, META_LENGTH_AT) !== header.getUint32(CHECKSUM_AT, true)) {
    throw new ReportSnapshotError('Reports snapshot is damaged (checksum mismatch).');
  }
}

function damaged(what: string): never {
  throw new ReportSnapshotError(`Reports snapshot is damaged (${what}).`);
}

/** Reads what encodeReportSnapshot wrote: rows with the snapshot's fields, and its state. */
export function decodeReportSnapshot(input: Uint8Array): ReportSnapshot {
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  checkHeader(bytes);
  const metaLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(META_LENGTH_AT, true);
  const bodyStart = bytes.byteOffset + align8(HEADER_BYTES + metaLength);
  let description: Description;
  try {
    description = JSON.parse(
      new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength)),
    ) as Description;
  } catch {
    return damaged('unreadable description');
  }
  const view = <K extends Section['$s']>(section: Section, kind: K) => {
    const Make = CONSTRUCTORS[kind];
    if (section?.$s !== kind) return damaged('a section of the wrong kind');
    const start = bodyStart + section.at;
    if (start + section.n * Make.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.length) {
      return damaged('a section runs past the end');
    }
    return new Make(bytes.buffer as ArrayBuffer, start, section.n) as InstanceType<
      (typeof CONSTRUCTORS)[K]
    >;
  };
  const sources = {} as Record<SnapshotSource, Record<string, unknown>[]>;
  for (const [name, fields] of Object.entries(SNAPSHOT_FIELDS) as [
    SnapshotSource,
    readonly string[],
  ][]) {
    const stored = description.sources?.[name];
    if (!stored) return damaged(`no ${name}`);
    const rows: Record<string, unknown>[] = Array.from({ length: stored.rows }, () => ({}));
    for (const field of fields) {
      const column = stored.columns[field];
      if (!column) return damaged(`no ${name}.${field}`);
      if (column.kind === 'num') {
        const values = view(column.values, 'f64');
        const marks = column.marks ? view(column.marks, 'u8') : null;
        if (values.length !== rows.length) return damaged(`${name}.${field} length`);
        for (let i = 0; i < rows.length; i += 1) {
          const mark = marks ? marks[i] : NUMBER;
          if (mark === NUMBER) rows[i]![field] = values[i];
          else if (mark === NULL) rows[i]![field] = null;
        }
      } else if (column.kind === 'dict') {
        const table = JSON.parse(new TextDecoder().decode(view(column.table, 'u8'))) as unknown[];
        const index = view(column.index, 'u32');
        if (index.length !== rows.length) return damaged(`${name}.${field} length`);
        for (let i = 0; i < rows.length; i += 1) {
          const at = index[i]!;
          if (at === ABSENT) continue;
          if (at >= table.length) return damaged(`${name}.${field} index`);
          const value = table[at];
          // Each row its own array: the figures may keep or sort it.
          rows[i]![field] = Array.isArray(value) ? value.slice() : value;
        }
      } else if (column.kind === 'plain') {
        const values = JSON.parse(new TextDecoder().decode(view(column.values, 'u8'))) as unknown;
        const marks = column.marks ? view(column.marks, 'u8') : null;
        if (!Array.isArray(values) || values.length !== rows.length) {
          return damaged(`${name}.${field} length`);
        }
        // Each row's value parsed apart: its arrays are already its own.
        for (let i = 0; i < rows.length; i += 1) {
          if (marks && marks[i] === MISSING) continue;
          rows[i]![field] = values[i];
        }
      } else {
        return damaged(`${name}.${field} of an unknown kind`);
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

/** How each column of a snapshot is stored (for tests and benches): `source.field` → kind. */
export function snapshotColumnKinds(input: Uint8Array): Record<string, SnapshotColumnKind> {
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  checkHeader(bytes);
  const metaLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(META_LENGTH_AT, true);
  const description = JSON.parse(
    new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength)),
  ) as Description;
  const kinds: Record<string, SnapshotColumnKind> = {};
  for (const [name, source] of Object.entries(description.sources)) {
    for (const [field, column] of Object.entries(source.columns)) {
      kinds[`${name}.${field}`] = column.kind;
    }
  }
  return kinds;
}
