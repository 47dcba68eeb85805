/**
 * The term and tag dictionaries of two segments merged: one pass over both sorted term lists,
 * each term's postings remapped to the new ordinals (dead ones dropped) and merged.
 */
import { compareBytes } from './bytes';
import type { Maps } from './merge-segments';
import { PostingDictionaryBuilder } from './posting-dictionary';
import type { PostingDictionary } from './posting-dictionary';

/** Merges two posting dictionaries term by term, remapping and merging postings. */
export function mergeDictionaries(a: PostingDictionary, b: PostingDictionary, maps: Maps) {
  const out = new PostingDictionaryBuilder(a.postings.length + b.postings.length);
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  let startA = 0;
  let startB = 0;
  while (i < a.size || j < b.size) {
    // Each term stays valid until its dictionary decodes another: read counts right away.
    const termA = i < a.size ? a.termAt(i) : null;
    const countA = termA ? a.lastCount : 0;
    const termB = j < b.size ? b.termAt(j) : null;
    const countB = termB ? b.lastCount : 0;
    const order =
      termA && termB
        ? compareBytes(termA.bytes, 0, termA.length, termB.bytes, 0, termB.length)
        : termA
          ? -1
          : 1;
    merged.length = 0;
    let endA = startA;
    let endB = startB;
    if (order <= 0) endA = startA + countA;
    if (order >= 0) endB = startB + countB;
    mergePostings(a.postings, startA, endA, maps.mapA, b.postings, startB, endB, maps.mapB, merged);
    const term = order <= 0 ? termA! : termB!;
    if (merged.length > 0) out.add(term.bytes, 0, term.length, merged, merged.length);
    if (order <= 0) {
      i += 1;
      startA = endA;
    }
    if (order >= 0) {
      j += 1;
      startB = endB;
    }
  }
  return out.finish();
}

/** Both lists remap monotonically (ids keep their order), so this is a plain sorted merge. */
function mergePostings(
  listA: Uint32Array,
  fromA: number,
  toA: number,
  mapA: Int32Array,
  listB: Uint32Array,
  fromB: number,
  toB: number,
  mapB: Int32Array,
  out: number[],
): void {
  let p = fromA;
  let q = fromB;
  let nextA = -1;
  let nextB = -1;
  for (;;) {
    while (nextA < 0 && p < toA) nextA = mapA[listA[p++]!]!;
    while (nextB < 0 && q < toB) nextB = mapB[listB[q++]!]!;
    if (nextA < 0 && nextB < 0) return;
    if (nextB < 0 || (nextA >= 0 && nextA < nextB)) {
      out.push(nextA);
      nextA = -1;
    } else {
      out.push(nextB);
      nextB = -1;
    }
  }
}
