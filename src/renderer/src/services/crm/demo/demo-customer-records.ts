/**
 * The records of a run of demo customers (profile, emails, phones, touchpoints), as the demo
 * seed writes them through the services' write path. Shared with the benchmarks' fast seed
 * (dev/fast-seed.ts), which writes the same records and their projected list rows directly.
 */
import { NO_CONSENT } from '../../../domain/consent';
import { normalizeEmail } from '../../../domain/contact-points';
import { shiftLocalDays, touchWithinLife, type DemoArrival } from '../../../domain/demo-arrivals';
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
 * `arrivals` (the small demo's, demo-arrivals.ts) dates the n-th customer of the run and says
 * how it came (typed in or imported: `created_via` and its emails' and phones' source);
 * without them (the benchmarks' seeds) every customer is created now, by hand.
 * `touchShiftDays` moves every touchpoint that many local days (the small demo's, whole weeks:
 * `demoTouchShiftDays`), so they end in the past week whenever it is loaded. A dated customer's
 * touchpoints are within its life (`touchWithinLife`: none before it came, none after now).
 */
export function demoCustomerRecords(options: {
  first: number;
  count: number;
  teamIds: readonly string[];
  seed: number;
  currency: string | null;
  arrivals?: readonly DemoArrival[];
  touchShiftDays?: number;
}): DemoCustomerRecords {
  const { first, count, teamIds, seed, currency, arrivals } = options;
  const shift = options.touchShiftDays ?? 0;
  const spentIn = currency === null ? {} : { currency };
  const profiles: CustomerProfile[] = [];
  const emails: CustomerEmail[] = [];
  const phones: CustomerPhone[] = [];
  const touches: EngagementTouchpoint[] = [];
  const now = nowIso();
  for (let index = first; index < first + count; index += 1) {
    const person = demoPerson(index, seed);
    const id = newId();
    const arrival = arrivals?.[index - first];
    const created = arrival?.created_at ?? now;
    const via = arrival?.via ?? 'manual';
    const base = {
      created_at: created,
      updated_at: created,
      deleted: 0 as const,
      customer_id: id,
      source: via,
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
    person.touchpoints.forEach((touch, n) => {
      const shifted = shift === 0 ? touch.occurred_at : shiftLocalDays(touch.occurred_at, shift);
      // A dated demo customer (the small demo's) has nothing before it came, nor after now.
      const occurred = arrival ? touchWithinLife(shifted, created, now, n) : shifted;
      if (occurred === null) return;
      // Logged when it happened (a touchpoint is written as it is logged), never before the
      // customer.
      const logged = arrival && occurred > created ? occurred : created;
      touches.push({
        ...base,
        created_at: logged,
        updated_at: logged,
        id: newId(),
        ...touch,
        occurred_at: occurred,
        ...spentIn,
      });
    });
    const consent = (on: boolean) =>
      on ? { opted_in: true, source: 'demo data', changed_at: created } : NO_CONSENT;
    profiles.push({
      id,
      created_at: created,
      updated_at: created,
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
      created_via: via,
    });
  }
  return { profiles, emails, phones, touches };
}
