/**
 * The one thing duplicate detection knows about a customer: a small document built from the
 * profile and its live emails and phones. The worker builds it from each write, so the index
 * never reads the database.
 */
import { normalizeEmail } from '../contact-points';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  IsoDate,
  IsoDateTime,
  Tombstone,
} from '../records';
import type { NameParts } from './names';
import { normalizeNameParts } from './names';

export type DuplicateCandidateDoc = {
  id: string;
  /** Folded, squashed name parts (names.ts). */
  name: NameParts;
  date_of_birth: IsoDate | null;
  /** Normalized addresses of the live emails. */
  emails: string[];
  /** E.164 numbers of the live phones. */
  phones: string[];
  /** Carried for the caller (to drop stale events); the index does not use it. */
  updated_at: IsoDateTime;
  /** A deleted (or merged-away) customer is not a candidate: adding it removes it. */
  deleted: Tombstone;
};

type ProfileFields = Pick<
  CustomerProfile,
  'id' | 'first_name' | 'last_name' | 'date_of_birth' | 'updated_at' | 'deleted'
>;
type EmailFields = Pick<CustomerEmail, 'customer_id' | 'address_normalized' | 'deleted'>;
type PhoneFields = Pick<CustomerPhone, 'customer_id' | 'e164' | 'deleted'>;

export function candidateDocOf(
  profile: ProfileFields,
  emails: readonly EmailFields[],
  phones: readonly PhoneFields[],
): DuplicateCandidateDoc {
  const mine = <T extends { customer_id: string; deleted: Tombstone }>(row: T) =>
    row.deleted === 0 && row.customer_id === profile.id;
  return normalizeCandidateDoc({
    id: profile.id,
    name: normalizeNameParts(profile.first_name, profile.last_name),
    date_of_birth: profile.date_of_birth,
    emails: emails.filter(mine).map((email) => email.address_normalized),
    phones: phones.filter(mine).map((phone) => phone.e164),
    updated_at: profile.updated_at,
    deleted: profile.deleted,
  });
}

// Separators of the index's packed form (doc-store.ts); they can never be part of a value.
const CONTROL = /\p{Cc}/gu;

/** Sorted, distinct, non-empty contact points and a trimmed date: one doc per meaning. */
export function normalizeCandidateDoc(doc: DuplicateCandidateDoc): DuplicateCandidateDoc {
  const clean = (values: readonly string[], normalize: (value: string) => string) =>
    [...new Set(values.map((value) => normalize(value).replace(CONTROL, '')))]
      .filter((value) => value !== '')
      .sort();
  const dob = doc.date_of_birth?.trim().replace(CONTROL, '') ?? '';
  return {
    ...doc,
    name: { first: doc.name.first.replace(CONTROL, ''), last: doc.name.last.replace(CONTROL, '') },
    date_of_birth: dob === '' ? null : dob,
    emails: clean(doc.emails, normalizeEmail),
    phones: clean(doc.phones, (phone) => phone.trim()),
  };
}
