/**
 * A document reduced to what the engine stores, computed once per customer with the shared
 * matching rules (terms, phone forms, sort keys), so the engine never reads documents again.
 */
import { LIFECYCLE_STAGES } from '../../records';
import { indexTerms } from '../customer-terms';
import type { SearchDoc } from '../search-types';
import { engagementKey, timestampKey } from '../sort-keys';
import { preparePhones } from './phone-heap';
import type { PhoneMask } from './phone-heap';

/** Lifecycle code in the low 3 bits (7: not a known stage, matches no stage filter). */
export const LIFECYCLE_MASK = 0b111;
export const UNKNOWN_LIFECYCLE = 7;
export const EMAIL_OPT_IN = 1 << 3;
export const SMS_OPT_IN = 1 << 4;

export type PreparedDoc = {
  id: string;
  /** Sorted, none a prefix of another. */
  terms: string[];
  /** E.164 digits of each phone, each ended by ','. */
  phones: Uint8Array;
  /** Digit pairs and triples of all the phones' searchable forms (phone-heap.ts). */
  phoneMask: PhoneMask;
  /** Distinct, as given. */
  tags: string[];
  flags: number;
  owner: string;
  name: string;
  /** created, updated, last touch (timestampKey), engagement (engagementKey). */
  times: [number, number, number, number];
};

export function lifecycleCode(stage: string): number {
  const index = (LIFECYCLE_STAGES as readonly string[]).indexOf(stage);
  return index < 0 ? UNKNOWN_LIFECYCLE : index;
}

export function prepareDoc(doc: SearchDoc): PreparedDoc {
  const phones = preparePhones(doc.phones);
  return {
    id: String(doc.id),
    terms: indexTerms(doc),
    phones: phones.bytes,
    phoneMask: phones.mask,
    tags: [...new Set(doc.tags)],
    flags:
      lifecycleCode(doc.lifecycle) |
      (doc.email_opt_in === 1 ? EMAIL_OPT_IN : 0) |
      (doc.sms_opt_in === 1 ? SMS_OPT_IN : 0),
    owner: doc.owner_id,
    name: doc.sort_name,
    times: [
      timestampKey(doc.created_at),
      timestampKey(doc.updated_at),
      timestampKey(doc.last_touch_at),
      engagementKey(doc.engagement_log),
    ],
  };
}
