/**
 * The snapshot container: a header (magic, format version, byte order mark, total length,
 * checksum), a JSON description of the object tree, then every typed array as an 8-byte-
 * aligned section. Loading makes views into the bytes (no copy when they
 * are aligned), so it costs little more than the checksum. A damaged, truncated, foreign or
 * other-version snapshot is refused with SnapshotError, never read.
 */

// 2: the engagement sort column. A snapshot of an older format is refused and rebuilt.
export const SNAPSHOT_VERSION = 2;
const MAGIC = 'ENCSRCH\u0001';
const BYTE_ORDER_MARK = 0x01020304;
const HEADER_BYTES = 32;
const CHECKSUM_AT = 24;
/** The checksum covers everything from here: the description's length, it, the sections. */
const META_LENGTH_AT = 28;

export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;
type Kind = 'u8' | 'u16' | 'u32' | 'f64';
type SectionRef = { $section: Kind; offset: number; length: number };

const CONSTRUCTORS = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array };

function kindOf(value: unknown): Kind | null {
  if (value instanceof Uint8Array) return 'u8';
  if (value instanceof Uint16Array) return 'u16';
  if (value instanceof Uint32Array) return 'u32';
  if (value instanceof Float64Array) return 'f64';
  return null;
}

const align8 = (n: number) => (n + 7) & ~7;

/**
 * 32-bit checksum over 4-byte words (start must be 4-aligned in the buffer). Each step is a
 * bijection of the running value, so a change to any one word always changes the result.
 */
export function checksum(bytes: Uint8Array, start: number): number {
  const words = (bytes.length - start) >>> 2;
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + start, words);
  let hash = 0x811c9dc5 ^ bytes.length;
  for (let i = 0; i < words; i += 1) {
    hash = Math.imul(hash ^ view[i]!, 0x9e3779b1);
    hash = (hash << 15) | (hash >>> 17);
  }
  for (let i = start + words * 4; i < bytes.length; i += 1) {
    hash = Math.imul(hash ^ bytes[i]!, 0x9e3779b1);
    hash = (hash << 15) | (hash >>> 17);
  }
  return hash >>> 0;
}

/** Serializes a tree of plain values and typed arrays. */
export function writeSnapshot(tree: unknown): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const sections: Uint8Array[] = [];
  const offsets: number[] = [];
  let bodyLength = 0;
  const describe = (value: unknown): unknown => {
    const kind = kindOf(value);
    if (kind) {
      const data = value as TypedArray;
      const ref: SectionRef = { $section: kind, offset: bodyLength, length: data.length };
      sections.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      offsets.push(bodyLength);
      bodyLength = align8(bodyLength + data.byteLength);
      return ref;
    }
    if (Array.isArray(value)) return value.map(describe);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, describe(item)]));
    }
    // JSON has no -Infinity: the sort key of "no date".
    return value === Number.NEGATIVE_INFINITY ? { $number: '-Infinity' } : value;
  };
  const meta = encoder.encode(JSON.stringify(describe(tree)));
  const bodyStart = align8(HEADER_BYTES + meta.length);
  const bytes = new Uint8Array(bodyStart + bodyLength);
  const header = new DataView(bytes.buffer);
  bytes.set(encoder.encode(MAGIC), 0);
  header.setUint32(8, SNAPSHOT_VERSION, true);
  new Uint32Array(bytes.buffer, 12, 1)[0] = BYTE_ORDER_MARK;
  header.setFloat64(16, bytes.length, true);
  header.setUint32(META_LENGTH_AT, meta.length, true);
  bytes.set(meta, HEADER_BYTES);
  sections.forEach((data, i) => bytes.set(data, bodyStart + offsets[i]!));
  header.setUint32(CHECKSUM_AT, checksum(bytes, META_LENGTH_AT), true);
  return bytes;
}

function checkHeader(bytes: Uint8Array): void {
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (bytes.length < HEADER_BYTES || magic !== MAGIC) {
    throw new SnapshotError('These bytes are not a search index snapshot.');
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const version = header.getUint32(8, true);
  if (version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(
      `Search snapshot format ${version} is not supported (this version reads format ${SNAPSHOT_VERSION}); rebuild the index.`,
    );
  }
  if (new Uint32Array(bytes.buffer, bytes.byteOffset + 12, 1)[0] !== BYTE_ORDER_MARK) {
    throw new SnapshotError('Search snapshot was written with another byte order.');
  }
  const expected = header.getFloat64(16, true);
  if (expected !== bytes.length) {
    throw new SnapshotError(
      `Search snapshot is ${bytes.length < expected ? 'truncated' : 'too long'}: ${bytes.length} of ${expected} bytes.`,
    );
  }
  if (checksum(bytes, META_LENGTH_AT) !== header.getUint32(CHECKSUM_AT, true)) {
    throw new SnapshotError('Search snapshot is damaged (checksum mismatch).');
  }
}

/** Reads what writeSnapshot wrote; typed arrays are views into `input` when aligned. */
export function readSnapshot(input: Uint8Array): unknown {
  // Views need 8-byte alignment: copy once when the caller's bytes do not have it.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  checkHeader(bytes);
  const metaLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(META_LENGTH_AT, true);
  const bodyStart = align8(HEADER_BYTES + metaLength);
  let meta: unknown;
  try {
    meta = JSON.parse(
      new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + metaLength)),
    );
  } catch {
    throw new SnapshotError('Search snapshot is damaged (unreadable description).');
  }
  const build = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(build);
    if (!value || typeof value !== 'object') return value;
    if ('$number' in value) return Number.NEGATIVE_INFINITY;
    if ('$section' in value) {
      const { $section: kind, offset, length } = value as SectionRef;
      const start = bytes.byteOffset + bodyStart + offset;
      const width = CONSTRUCTORS[kind]?.BYTES_PER_ELEMENT ?? Infinity;
      if (start + length * width > bytes.byteOffset + bytes.length) {
        throw new SnapshotError('Search snapshot is damaged (a section runs past the end).');
      }
      return new CONSTRUCTORS[kind](bytes.buffer as ArrayBuffer, start, length);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, build(item)]));
  };
  return build(meta);
}
