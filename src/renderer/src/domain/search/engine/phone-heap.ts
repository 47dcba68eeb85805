/**
 * Every customer's phone digit forms in one string, customer after customer in ordinal
 * order, each form ended by ','. A digit word is found with indexOf (native, fast on
 * one-byte strings); a hit maps to its customer by binary search over the section starts.
 */

export type PhoneHeapData = {
  digits: string;
  /** Start of each customer's section in `digits`; n + 1 entries. */
  starts: Uint32Array;
};

/** The section of one customer: its forms, each followed by ','. */
export function phoneSection(forms: readonly string[]): string {
  return forms.length === 0 ? '' : `${forms.join(',')},`;
}

/** The ordinal whose section holds position `at` (the last start <= at). */
function ordinalAt(starts: ArrayLike<number>, at: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Sets the bit of every customer with a phone form containing `digits`. */
export function markPhoneMatches(
  heap: { digits: string; starts: ArrayLike<number> },
  digits: string,
  bits: Uint32Array,
): void {
  const { digits: text, starts } = heap;
  let from = 0;
  for (;;) {
    const at = text.indexOf(digits, from);
    if (at < 0) return;
    const ordinal = ordinalAt(starts, at);
    bits[ordinal >>> 5]! |= 1 << (ordinal & 31);
    // One hit is enough for a customer: go on from the next customer's section.
    from = starts[ordinal + 1]!;
  }
}

export function sectionOf(heap: PhoneHeapData, ordinal: number): string {
  return heap.digits.slice(heap.starts[ordinal]!, heap.starts[ordinal + 1]!);
}
