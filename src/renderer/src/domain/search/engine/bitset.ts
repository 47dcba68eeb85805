/** Sets of ordinals as bitsets: one Uint32 word per 32 customers. */

export function bitsetWords(size: number): number {
  return (size + 31) >>> 5;
}

export function newBitset(size: number, full = false): Uint32Array {
  const bits = new Uint32Array(bitsetWords(size));
  if (full) fillRange(bits, 0, size);
  return bits;
}

/** Sets bits start..end-1. */
export function fillRange(bits: Uint32Array, start: number, end: number): void {
  for (let i = start; i < end && (i & 31) !== 0; i += 1) bits[i >>> 5]! |= 1 << (i & 31);
  let word = (start + 31) >>> 5;
  const lastWord = end >>> 5;
  for (; word < lastWord; word += 1) bits[word] = 0xffffffff;
  for (let i = Math.max(lastWord << 5, start); i < end; i += 1) bits[i >>> 5]! |= 1 << (i & 31);
}

export function hasBit(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

export function setBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5]! |= 1 << (i & 31);
}

export function clearBit(bits: Uint32Array, i: number): void {
  bits[i >>> 5]! &= ~(1 << (i & 31));
}

/** target &= other */
export function andInto(target: Uint32Array, other: Uint32Array): void {
  for (let i = 0; i < target.length; i += 1) target[i]! &= other[i]!;
}

/** target &= (a | b) */
export function andOrInto(target: Uint32Array, a: Uint32Array, b: Uint32Array): void {
  for (let i = 0; i < target.length; i += 1) target[i]! &= a[i]! | b[i]!;
}

/** target &= ~other */
export function andNotInto(target: Uint32Array, other: Uint32Array): void {
  for (let i = 0; i < target.length; i += 1) target[i]! &= ~other[i]!;
}

export function popcount(bits: Uint32Array): number {
  let count = 0;
  for (let i = 0; i < bits.length; i += 1) {
    let v = bits[i]!;
    if (v === 0) continue;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
  }
  return count;
}

export function isEmpty(bits: Uint32Array): boolean {
  for (let i = 0; i < bits.length; i += 1) if (bits[i] !== 0) return false;
  return true;
}
