/**
 * The records of a run of demo customers (profile, emails, phones, touchpoints), as the demo
 * seed writes them through the services' write path. Shared with the benchmarks' fast seed
 * (dev/fast-seed.ts), which writes the same records and their projected list rows directly.
 */
import { NO_CONSENT } from '../../../domain/consent';
import { normalizeEmail } from '../../../domain/contact-points';
import { demoPerson } from '../../../domain/demo-people';
import { newId, nowIso } from '../../../domain/ids';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  EngagementTouchpoint,
} from '../../../domain/records';

export type DemoCustomerRecords = {
  profiles: CustomerProfile[];
  emails: CustomerEmail[];
  phones: CustomerPhone[];
  touches: EngagementTouchpoint[];
};

/**
 * Demo people `first`..`first + count - 1` of `seed`; owners cycle through the team and none.
 * Touchpoints' spend is in `currency` (the app's default currency, as the engagement tab
 * logs it); null writes none, as touchpoints logged before currencies were kept.
 */
export function demoCustomerRecords(options: {
  first: number;
  count: number;
  teamIds: readonly string[];
  seed: number;
  currency: string | null;
}): DemoCustomerRecords {
  const { first, count, teamIds, seed, currency } = options;
  const spentIn = currency === null ? {} : { currency };
  const profiles: CustomerProfile[] = [];
  const emails: CustomerEmail[] = [];
  const phones: CustomerPhone[] = [];
  const touches: EngagementTouchpoint[] = [];
  const now = nowIso();
  for (let index = first; index < first + count; index += 1) {
    const person = demoPerson(index, seed);
    const id = newId();
    const base = {
      created_at: now,
      updated_at: now,
      deleted: 0 as const,
      customer_id: id,
      source: 'manual' as const,
    };
    person.emails.forEach((address, n) =>
      emails.push({
        ...base,
        id: newId(),
        address,
        address_normalized: normalizeEmail(address),
        label: n === 0 ? 'personal' : 'work',
        is_primary: n === 0 ? 1 : 0,
      }),
    );
    // Valid by construction, E.164 given (demoPhone): no libphonenumber parse per number.
    person.phones.forEach((phone, n) =>
      phones.push({
        ...base,
        id: newId(),
        e164: phone.e164,
        raw_input: phone.raw,
        type: n === 0 ? 'mobile' : 'work',
        label: '',
        is_primary: n === 0 ? 1 : 0,
      }),
    );
    person.touchpoints.forEach((touch) =>
      touches.push({ ...base, id: newId(), ...touch, ...spentIn }),
    );
    const consent = (on: boolean) =>
      on ? { opted_in: true, source: 'demo data', changed_at: now } : NO_CONSENT;
    profiles.push({
      id,
      created_at: now,
      updated_at: now,
      deleted: 0,
      first_name: person.first_name,
      last_name: person.last_name,
      date_of_birth: person.date_of_birth,
      notes: '',
      tags: person.tags,
      lifecycle: person.lifecycle,
      owner_id: teamIds[index % (teamIds.length + 1)] ?? null,
      email_consent: consent(person.email_opt_in),
      sms_consent: consent(person.sms_opt_in),
      created_via: 'manual',
    });
  }
  return { profiles, emails, phones, touches };
}
