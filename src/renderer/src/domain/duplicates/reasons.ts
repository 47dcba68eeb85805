/**
 * Why two customers may be one person. Each fact is found by a small pure function over the
 * two candidate docs; the rules (rules.ts) and the confidence (confidence.ts) read only these.
 */
import type { DuplicateCandidateDoc } from './candidate-doc';
import { emailDomain, emailLocalKey, isFreemailDomain } from './emails';
import type { NameParts } from './names';
import { nameSimilarity } from './names';

export type DuplicateReason =
  /** A shared number; `sharedLine`: more than MAX_KEY_SHARE customers have it (a box office). */
  | { kind: 'same-phone'; phone: string; sharedLine: boolean }
  | { kind: 'same-name' }
  | { kind: 'similar-name'; how: 'typo' | 'initial' }
  | { kind: 'same-dob'; dob: string }
  /** Both dates known and incompatible: a counter-reason (a father and son of one name). */
  | { kind: 'different-dob'; dobs: [string, string] }
  | { kind: 'same-email-domain'; domain: string; freemail: boolean }
  /**
   * The same mailbox name at two domains. `fromName`: it is only one of the two names
   * written out ("ana.andersson", "aandersson"), which says nothing the names do not.
   */
  | { kind: 'same-email-local'; local: string; fromName: boolean };

export type ReasonDocs = Pick<
  DuplicateCandidateDoc,
  'name' | 'date_of_birth' | 'emails' | 'phones'
>;

/** A local part that is the name itself: first+last either way, with an initial, or one part. */
function isNameWrittenOut(local: string, name: NameParts): boolean {
  const { first: f, last: l } = name;
  if (f === '' && l === '') return false;
  return [f + l, l + f, f.slice(0, 1) + l, f + l.slice(0, 1), l + f.slice(0, 1), f, l].includes(
    local,
  );
}

function shared(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b);
  return [...new Set(a.filter((value) => inB.has(value)))].sort();
}

export function phoneReasons(
  a: ReasonDocs,
  b: ReasonDocs,
  isSharedLine: (phone: string) => boolean,
): DuplicateReason[] {
  return shared(a.phones, b.phones).map((phone) => ({
    kind: 'same-phone',
    phone,
    sharedLine: isSharedLine(phone),
  }));
}

export function nameReasons(a: ReasonDocs, b: ReasonDocs): DuplicateReason[] {
  const similarity = nameSimilarity(a.name, b.name);
  if (similarity === 'same') return [{ kind: 'same-name' }];
  return similarity ? [{ kind: 'similar-name', how: similarity }] : [];
}

/** --MM-DD (year unknown) agrees with any date on that day. */
export function datesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('--') || b.startsWith('--')) return a.slice(-5) === b.slice(-5);
  return false;
}

export function dobReasons(a: ReasonDocs, b: ReasonDocs): DuplicateReason[] {
  const [x, y] = [a.date_of_birth, b.date_of_birth];
  if (x === null || y === null) return [];
  if (x === y) return [{ kind: 'same-dob', dob: x }];
  return datesAgree(x, y) ? [] : [{ kind: 'different-dob', dobs: x < y ? [x, y] : [y, x] }];
}

export function emailReasons(a: ReasonDocs, b: ReasonDocs): DuplicateReason[] {
  const domains = shared(a.emails.map(emailDomain), b.emails.map(emailDomain)).filter(Boolean);
  const locals = shared(a.emails.map(emailLocalKey), b.emails.map(emailLocalKey)).filter(Boolean);
  return [
    ...domains.map((domain): DuplicateReason => ({
      kind: 'same-email-domain',
      domain,
      freemail: isFreemailDomain(domain),
    })),
    ...locals.map((local): DuplicateReason => ({
      kind: 'same-email-local',
      local,
      fromName: isNameWrittenOut(local, a.name) || isNameWrittenOut(local, b.name),
    })),
  ];
}

/** Every fact about a pair, in a fixed order (the UI lists them as they come). */
export function pairReasons(
  a: ReasonDocs,
  b: ReasonDocs,
  isSharedLine: (phone: string) => boolean,
): DuplicateReason[] {
  return [
    ...nameReasons(a, b),
    ...dobReasons(a, b),
    ...phoneReasons(a, b, isSharedLine),
    ...emailReasons(a, b),
  ];
}

export const REASON_LABELS: Record<DuplicateReason['kind'], string> = {
  'same-phone': 'Same phone',
  'same-name': 'Same name',
  'similar-name': 'Similar name',
  'same-dob': 'Same date of birth',
  'different-dob': 'Different dates of birth',
  'same-email-domain': 'Email at the same domain',
  'same-email-local': 'Same email name',
};
