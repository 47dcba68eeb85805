/**
 * What counts as "the same name" for duplicate detection (docs/duplicates.md).
 *
 * A name is reduced to two parts, each folded (case and accents: text-fold.ts) and squashed
 * (everything but letters and digits removed), so "Zoë O'Brien", "zoe obrien" and
 * "ZOE O Brien" are one name. When one field is empty and the other holds several words (a
 * full name typed into one column), the last word becomes the last part. A name only takes
 * part in the name rules when both parts are non-empty: "Ana" alone says too little.
 */
import { foldText } from '../text-fold';

export type NameParts = { first: string; last: string };

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

function squash(folded: string): string {
  return folded.replace(NOT_LETTER_OR_DIGIT, '');
}

function words(folded: string): string[] {
  return folded.split(/[\s,]+/).filter((word) => squash(word) !== '');
}

/** Folded, squashed parts of a first and last name ("Andersson, Ana" in one field splits too). */
export function normalizeNameParts(firstName: string, lastName: string): NameParts {
  const first = foldText(firstName).trim();
  const last = foldText(lastName).trim();
  if (squash(first) !== '' && squash(last) !== '')
    return { first: squash(first), last: squash(last) };
  const only = squash(first) !== '' ? first : last;
  const comma = /^([^,]+),(.+)$/.exec(only);
  if (comma) return { first: squash(comma[2] ?? ''), last: squash(comma[1] ?? '') };
  const parts = words(only);
  if (parts.length < 2) return { first: squash(only), last: '' };
  return { first: squash(parts.slice(0, -1).join('')), last: squash(parts.at(-1) ?? '') };
}

export function isFullName(name: NameParts): boolean {
  return name.first !== '' && name.last !== '';
}

/**
 * The two readings of a name: first+last and last+first. Comparing readings makes a
 * swapped name ("Andersson Ana") and a moved split ("Zoë O" + "Brien") the same name.
 */
export function nameReadings(name: NameParts): [string, string] {
  return [name.first + name.last, name.last + name.first];
}

/** Both names full, and one reading of each is equal. */
export function isSameName(a: NameParts, b: NameParts): boolean {
  if (!isFullName(a) || !isFullName(b)) return false;
  const [afl, alf] = nameReadings(a);
  const [bfl, blf] = nameReadings(b);
  return afl === bfl || afl === blf || alf === bfl || alf === blf;
}

export type NameSimilarity = 'same' | 'typo' | 'initial' | null;

/**
 * How close two full names are: the same, one typo apart (one letter inserted, removed,
 * replaced, or two neighbours swapped, in some reading), or the same last name with a
 * first name given as its initial ("A. Andersson" and "Ana Andersson").
 */
export function nameSimilarity(a: NameParts, b: NameParts): NameSimilarity {
  if (!isFullName(a) || !isFullName(b)) return null;
  if (isSameName(a, b)) return 'same';
  const [afl, alf] = nameReadings(a);
  const [bfl, blf] = nameReadings(b);
  const typo = [afl, alf].some((x) => withinOneEdit(x, bfl) || withinOneEdit(x, blf));
  if (typo) return 'typo';
  const swap = (name: NameParts): NameParts => ({ first: name.last, last: name.first });
  if (initialMatch(a, b) || initialMatch(a, swap(b)) || initialMatch(swap(a), b)) return 'initial';
  return null;
}

function initialMatch(a: NameParts, b: NameParts): boolean {
  if (a.last !== b.last) return false;
  if (a.first.length === 1 && b.first.length > 1) return b.first.startsWith(a.first);
  if (b.first.length === 1 && a.first.length > 1) return a.first.startsWith(b.first);
  return false;
}

/**
 * Damerau (optimal string alignment) distance <= 1, in one pass: equal, one substitution,
 * one adjacent transposition, or one insertion/deletion.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(i + 1) === shorter.slice(i);
}

/**
 * The blocking key of a name: its letters in sorted order. Every reading of a name (swapped,
 * split elsewhere) has the same letters, so one key per customer finds them all; names that
 * are only anagrams of each other share the key and are told apart by isSameName.
 */
export function nameBlockingKey(name: NameParts): string {
  return [...(name.first + name.last)].sort().join('');
}
