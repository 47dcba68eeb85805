/**
 * Typos, the fourth of the matching rules (docs/search.md): a word of MIN_TYPO_CHARS or more
 * that does not match a customer exactly may match it with one edit: some prefix of one of
 * its terms is within optimal string alignment distance 1 of the word (one substitution,
 * insertion, deletion, or swap of two adjacent characters). Characters are code points.
 */

/** Optimal string alignment distance (restricted Damerau-Levenshtein) over code points. */
export function osaDistance(left: string, right: string): number {
  const a = Array.from(left);
  const b = Array.from(right);
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * True when some prefix of `term` is within one edit of `word`. Such a prefix has one
 * character fewer, as many, or one more than the word, so only three prefixes are tried.
 */
export function typoMatchesTerm(word: string, term: string): boolean {
  const wordChars = Array.from(word).length;
  const termChars = Array.from(term);
  for (let length = wordChars - 1; length <= wordChars + 1; length += 1) {
    if (length < 0 || length > termChars.length) continue;
    if (osaDistance(word, termChars.slice(0, length).join('')) <= 1) return true;
  }
  return false;
}
