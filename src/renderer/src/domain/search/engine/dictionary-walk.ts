/**
 * Prefix ranges and typo candidates over any sorted Dictionary. Typo candidates are built
 * from the dictionary's own characters, found by walking it like a trie (the next distinct
 * character after a prefix is one binary search away), so any script works.
 */
import { cesu8, charLength, decodeCesu8 } from './bytes';
import type { Dictionary } from './posting-dictionary';

/** [lo, hi): the terms that start with key[start..end). */
export function prefixRange(
  dictionary: Dictionary,
  key: Uint8Array,
  start = 0,
  end = key.length,
): [number, number] {
  if (end === start) return [0, dictionary.size];
  const lo = dictionary.lowerBound(key, start, end);
  return [lo, lowerBoundAfterPrefix(dictionary, key, start, end)];
}

/** The first term that does not start with key[start..end) and sorts after it. */
function lowerBoundAfterPrefix(
  dictionary: Dictionary,
  key: Uint8Array,
  start: number,
  end: number,
) {
  // CESU-8 never uses 0xff, so adding one to the last byte gives the first key after the prefix.
  const successor = key.slice(start, end);
  successor[successor.length - 1]! += 1;
  return dictionary.lowerBound(successor, 0, successor.length);
}

export function markPrefix(dictionary: Dictionary, word: Uint8Array, bits: Uint32Array): void {
  const [lo, hi] = prefixRange(dictionary, word);
  dictionary.markPostings(lo, hi, bits);
}

/**
 * Marks every customer with a term that some string one edit away from `word` is a prefix
 * of (edits: delete, swap adjacent, substitute, insert; characters are code points).
 * Substituting or inserting at the last position (or appending) gives strings that start with
 * the word minus its last character, whose deletion candidate already covers them.
 */
export function markTypos(dictionary: Dictionary, word: string, bits: Uint32Array): void {
  const chars = Array.from(word);
  const tried = new Set<string>();
  const mark = (candidate: string) => {
    if (tried.has(candidate)) return;
    tried.add(candidate);
    markPrefix(dictionary, cesu8(candidate), bits);
  };
  for (let i = 0; i < chars.length; i += 1) mark(chars.toSpliced(i, 1).join(''));
  for (let i = 0; i + 1 < chars.length; i += 1) {
    if (chars[i] !== chars[i + 1]) mark(chars.toSpliced(i, 2, chars[i + 1]!, chars[i]!).join(''));
  }
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const head = chars.slice(0, i).join('');
    const substituteTail = chars.slice(i + 1).join('');
    const insertTail = chars.slice(i).join('');
    const found = forEachNextChar(dictionary, cesu8(head), (next) => {
      if (next !== chars[i]) mark(head + next + substituteTail);
      mark(head + next + insertTail);
    });
    // No term starts with this head, so none starts with a longer one either.
    if (!found) return;
  }
}

/** Calls visit with each distinct character that follows `head` in some term. */
function forEachNextChar(
  dictionary: Dictionary,
  head: Uint8Array,
  visit: (next: string) => void,
): boolean {
  const [lo, hi] = prefixRange(dictionary, head);
  let at = lo;
  while (at < hi) {
    const term = dictionary.termAt(at);
    if (term.length === head.length) {
      at += 1; // the head itself is a term
      continue;
    }
    const end = head.length + charLength(term.bytes, head.length, term.length);
    const headAndNext = term.bytes.slice(0, end);
    visit(decodeCesu8(headAndNext, head.length, end));
    at = lowerBoundAfterPrefix(dictionary, headAndNext, 0, end);
  }
  return lo < hi;
}
