/**
 * Blocking keys: two customers are compared only when they share one. Each key is a string
 * whose first character names its kind; the index stores only a 30-bit hash of it and tells
 * colliding keys apart by recomputing the keys of the customers it holds.
 */
import type { DuplicateCandidateDoc } from './candidate-doc';
import { emailDomain, emailLocalKey } from './emails';
import { isFullName, nameBlockingKey } from './names';
import type { KeyKind } from './rules';

const TAG_KIND: Record<string, KeyKind> = {
  p: 'phone',
  q: 'phone-name',
  d: 'name-dob',
  m: 'name-domain',
  l: 'email-local',
};

export type KeyDoc = Pick<DuplicateCandidateDoc, 'name' | 'date_of_birth' | 'emails' | 'phones'> & {
  /** nameBlockingKey(name), when already known (the index stores it with the doc). */
  nameKey?: string;
};

/** Every distinct blocking key of a customer. */
export function blockingKeys(doc: KeyDoc): string[] {
  const keys = new Set<string>();
  for (const phone of doc.phones) keys.add(`p${phone}`);
  if (isFullName(doc.name)) {
    const name = doc.nameKey ?? nameBlockingKey(doc.name);
    for (const phone of doc.phones) keys.add(`q${phone}|${name}`);
    if (doc.date_of_birth) keys.add(`d${name}|${doc.date_of_birth}`);
    for (const email of doc.emails) {
      const domain = emailDomain(email);
      if (domain) keys.add(`m${name}|${domain}`);
      const local = emailLocalKey(email);
      if (local) keys.add(`l${local}`);
    }
  }
  return [...keys];
}

export function keyKind(key: string): KeyKind {
  const kind = TAG_KIND[key[0] ?? ''];
  if (!kind) throw new Error(`Not a blocking key: ${key}`);
  return kind;
}

export function phoneKey(phone: string): string {
  return `p${phone}`;
}

/** FNV-1a then murmur3's finalizer, cut to 30 bits: a small integer on every JS engine. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash & 0x3fffffff;
}
