/**
 * The container every reports snapshot format shares (docs/reports.md, "The snapshot"): a
 * 32-byte header (magic, format, byte-order mark, total length, checksum, description
 * length), a JSON description, then 8-byte aligned sections of typed arrays. The header
 * says which format the rest is in; the codecs (snapshot-codec.ts, snapshot-codec-v1.ts)
 * read their own description and sections.
 */
import { checksum } from '../search/engine/snapshot-format';

export class ReportSnapshotError extends Error {
  override name = 'ReportSnapshotError';
}

const MAGIC = 'ENCRPTS\u0001';
const BYTE_ORDER_MARK = 0x01020304;
export const HEADER_BYTES = 32;
const CHECKSUM_AT = 24;
const META_LENGTH_AT = 28;

export type Section = { $s: 'u8' | 'u32' | 'f64'; at: number; n: number };
const CONSTRUCTORS = { u8: Uint8Array, u32: Uint32Array, f64: Float64Array };

export const align8 = (n: number) => (n + 7) & ~7;

export function damaged(what: string): never {
  throw new ReportSnapshotError(`Reports snapshot is damaged (${what}).`);
}

/** Sections appended 8-byte aligned; `add` says where each landed. */
export class SectionWriter {
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

/** The whole container: header, description (JSON), then the sections. */
export function writeContainer(
  format: number,
  description: unknown,
  writer: SectionWriter,
): Uint8Array<ArrayBuffer> {
  const meta = new TextEncoder().encode(JSON.stringify(description));
  const bodyStart = align8(HEADER_BYTES + meta.length);
  const bytes = new Uint8Array(bodyStart + writer.length);
  const header = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  header.setUint32(8, format, true);
  new Uint32Array(bytes.buffer, 12, 1)[0] = BYTE_ORDER_MARK;
  header.setFloat64(16, bytes.length, true);
  header.setUint32(META_LENGTH_AT, meta.length, true);
  bytes.set(meta, HEADER_BYTES);
  writer.parts.forEach((part, i) => bytes.set(part, bodyStart + writer.at[i]!));
  header.setUint32(CHECKSUM_AT, checksum(bytes, META_LENGTH_AT), true);
  return bytes;
}

/**
 * The header's format after checking magic, byte order and length (of `total` bytes, when
 * only a first part has been read); the checksum is checked by `checkSum` once all are in.
 */
export function readHeader(bytes: Uint8Array, total = bytes.length): number {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < HEADER_BYTES || magic !== MAGIC) {
    throw new ReportSnapshotError('These bytes are not a reports snapshot.');
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (new Uint32Array(bytes.buffer, bytes.byteOffset + 12, 1)[0] !== BYTE_ORDER_MARK) {
    throw new ReportSnapshotError('Reports snapshot was written with another byte order.');
  }
  const expected = header.getFloat64(16, true);
  if (expected !== total) {
    throw new ReportSnapshotError(
      `Reports snapshot is ${total < expected ? 'truncated' : 'too long'}: ${total} of ${expected} bytes.`,
    );
  }
  return header.getUint32(8, true);
}

export function checkSum(bytes: Uint8Array): void {
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  if (checksum(bytes, META_LENGTH_AT) !== header.getUint32(CHECKSUM_AT, true)) {
    throw new ReportSnapshotError('Reports snapshot is damaged (checksum mismatch).');
  }
}

/** The JSON description and where the sections start (in `bytes`). */
export function readDescription<T>(bytes: Uint8Array): { description: T; bodyStart: number } {
  const metaLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(META_LENGTH_AT, true);
  if (HEADER_BYTES + metaLength > bytes.length) return damaged('description past the end');
  try {
    const description = JSON.parse(
      new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength)),
    ) as T;
    return { description, bodyStart: align8(HEADER_BYTES + metaLength) };
  } catch {
    return damaged('unreadable description');
  }
}

/** A typed view of one section, refused when of another kind or past `end`. */
export function sectionView<K extends Section['$s']>(
  bytes: Uint8Array,
  bodyStart: number,
  section: Section | undefined,
  kind: K,
  end = bytes.length,
): InstanceType<(typeof CONSTRUCTORS)[K]> {
  const Make = CONSTRUCTORS[kind];
  if (section?.$s !== kind || !Number.isInteger(section.at) || !Number.isInteger(section.n)) {
    return damaged('a section of the wrong kind');
  }
  const start = bodyStart + section.at;
  if (section.at < 0 || section.n < 0 || start + section.n * Make.BYTES_PER_ELEMENT > end) {
    return damaged('a section runs past the end');
  }
  return new Make(bytes.buffer as ArrayBuffer, bytes.byteOffset + start, section.n) as InstanceType<
    (typeof CONSTRUCTORS)[K]
  >;
}
