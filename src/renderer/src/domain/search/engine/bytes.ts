/**
 * Byte-level helpers for the engine's compact structures. Strings are stored as CESU-8: every
 * UTF-16 code unit encoded as UTF-8 would encode it (1 to 3 bytes). Unlike UTF-8 its byte
 * order is exactly JS string order (so a native `.sort()` sorts the dictionary), it keeps a
 * lone surrogate (any string survives), and ASCII costs one byte per character.
 */

/** A growable byte buffer. */
export class ByteWriter {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  pushBytes(source: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    if (end - start > 64) this.bytes.set(source.subarray(start, end), this.length);
    else {
      // Short copies (most terms) are cheaper as a loop than as a subarray view.
      const bytes = this.bytes;
      for (let i = start, at = this.length; i < end; i += 1, at += 1) bytes[at] = source[i]!;
    }
    this.length += end - start;
  }

  varint(value: number): void {
    while (value >= 0x80) {
      this.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    this.push(value);
  }

  /** Appends `text` as CESU-8. */
  cesu8(text: string): void {
    this.reserve(text.length * 3);
    const out = this.bytes;
    let at = this.length;
    for (let i = 0; i < text.length; i += 1) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) out[at++] = unit;
      else if (unit < 0x800) {
        out[at++] = 0xc0 | (unit >> 6);
        out[at++] = 0x80 | (unit & 0x3f);
      } else {
        out[at++] = 0xe0 | (unit >> 12);
        out[at++] = 0x80 | ((unit >> 6) & 0x3f);
        out[at++] = 0x80 | (unit & 0x3f);
      }
    }
    this.length = at;
  }

  /** A copy of what was written, exactly as long. */
  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** A growable Uint32 buffer. */
export class U32Writer {
  values: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.values = new Uint32Array(Math.max(capacity, 16));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  toArray(): Uint32Array {
    return this.values.slice(0, this.length);
  }
}

export function cesu8(text: string): Uint8Array {
  const writer = new ByteWriter(text.length * 3 + 1);
  writer.cesu8(text);
  return writer.toBytes();
}

/** Byte length of one code unit from its first byte. */
export function unitLength(firstByte: number): number {
  return firstByte < 0x80 ? 1 : firstByte < 0xe0 ? 2 : 3;
}

export function decodeUnit(bytes: Uint8Array, at: number): number {
  const first = bytes[at]!;
  if (first < 0x80) return first;
  if (first < 0xe0) return ((first & 0x1f) << 6) | (bytes[at + 1]! & 0x3f);
  return ((first & 0x0f) << 12) | ((bytes[at + 1]! & 0x3f) << 6) | (bytes[at + 2]! & 0x3f);
}

/** Byte length of the character (code point: one unit, or a surrogate pair) at `at`. */
export function charLength(bytes: Uint8Array, at: number, end: number): number {
  const first = unitLength(bytes[at]!);
  const unit = decodeUnit(bytes, at);
  if (unit < 0xd800 || unit > 0xdbff || at + first >= end) return first;
  const next = decodeUnit(bytes, at + first);
  return next >= 0xdc00 && next <= 0xdfff ? first + unitLength(bytes[at + first]!) : first;
}

export function decodeCesu8(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  const units: number[] = [];
  for (let at = start; at < end; at += unitLength(bytes[at]!)) {
    units.push(decodeUnit(bytes, at));
    if (units.length === 4096) {
      text += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return text + String.fromCharCode(...units);
}

/** Byte-wise comparison of a[aStart..aEnd) with b[bStart..bEnd): negative, 0, positive. */
export function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const shared = aLength < bLength ? aLength : bLength;
  for (let i = 0; i < shared; i += 1) {
    const diff = a[aStart + i]! - b[bStart + i]!;
    if (diff !== 0) return diff;
  }
  return aLength - bLength;
}

export function readVarint(bytes: Uint8Array, cursor: { at: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[cursor.at++];
    // Past the end (a bug, or bytes that are not what they claim): fail, never loop forever.
    if (byte === undefined) throw new Error('Search index data ends inside a number.');
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
}
