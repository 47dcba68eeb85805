// Detection over the database: the full scan, a customer added, edited and merged away kept
// current by `refresh` with the ids that Dexie's storagemutated event names, and dismissals.
import Dexie from 'dexie';
import type { ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DuplicateDetector } from '../../src/renderer/src/services/crm/duplicates/detector';
import {
  dismissPair,
  undismissPair,
} from '../../src/renderer/src/services/crm/duplicates/dismissals';
import { mergeCustomers } from '../../src/renderer/src/services/crm/duplicates/merge-service';
import { mutatedCustomers } from '../../src/renderer/src/services/crm/duplicates/mutated-customers';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

const listeners: ((parts: ObservabilitySet) => void)[] = [];
afterEach(() => {
  for (const listener of listeners.splice(0)) Dexie.on('storagemutated').unsubscribe(listener);
});

/** Collects the customers each write touched, as the detection client does. */
function journal(dbName: string) {
  const ids = new Set<string>();
  const emailIds = new Set<string>();
  const phoneIds = new Set<string>();
  const state = { everything: false, dismissals: false };
  const listener = (parts: ObservabilitySet) => {
    const found = mutatedCustomers(parts, dbName);
    for (const id of found.ids) ids.add(id);
    for (const id of found.emailIds) emailIds.add(id);
    for (const id of found.phoneIds) phoneIds.add(id);
    state.everything ||= found.everything;
    state.dismissals ||= found.dismissals;
  };
  Dexie.on('storagemutated', listener);
  listeners.push(listener);
  return {
    ids,
    state,
    take: () => {
      const all = { ids: [...ids], emailIds: [...emailIds], phoneIds: [...phoneIds] };
      [ids, emailIds, phoneIds].forEach((set) => set.clear());
      return all;
    },
  };
}

async function twoZoes() {
  const db = freshDb();
  const customers = createCustomerService(db);
  const first = await customers.create(
    draft({
      first_name: 'Zoë',
      last_name: "O'Brien",
      emails: [emailDraft('zoe@a.ie', true)],
      phones: [phoneDraft('+353 86 123 4567', true)],
    }),
    'IE',
  );
  const second = await customers.create(
    draft({
      first_name: 'zoe',
      last_name: 'obrien',
      emails: [emailDraft('zob@b.ie', true)],
      phones: [phoneDraft('086 123 4567', true)],
    }),
    'IE',
  );
  if (!first.ok || !second.ok) throw new Error('seed failed');
  return { db, customers, a: first.value, b: second.value };
}

describe('duplicate detection over the database', () => {
  it('finds the same name on the same phone at high confidence in the full scan', async () => {
    const { db, a, b } = await twoZoes();
    const detector = new DuplicateDetector(db);
    expect(await detector.build()).toEqual({ customers: 2 });
    const [pair] = detector.pairs();
    expect(pair).toMatchObject({ a: a < b ? a : b, b: a < b ? b : a, confidence: 'high' });
    expect(pair?.reasons.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['same-name', 'same-phone']),
    );
    expect(detector.pairsFor(a)).toHaveLength(1);
    expect(detector.bulkPlan().mergedAway).toBe(1);
  });

  it('keeps current from the ids a write touched: a new customer, an edited phone, a merge', async () => {
    const { db, customers, a, b } = await twoZoes();
    const detector = new DuplicateDetector(db);
    await detector.build();
    const seen = journal(db.name);
    const third = await customers.create(
      draft({
        first_name: 'Zoe',
        last_name: "O'Brien",
        emails: [emailDraft('zoe@c.ie')],
        phones: [phoneDraft('+353 86 123 4567')],
      }),
      'IE',
    );
    if (!third.ok) throw new Error('create failed');
    expect(seen.state.everything).toBe(false);
    await detector.refreshTouched(seen.take());
    expect(detector.pairsFor(third.value)).toHaveLength(2);

    // The third one's phone goes, as a sync pull writes it: the phone row alone, the profile
    // untouched; only the customer_id index of the phone names the customer.
    const phones = await db.customer_phones.where('customer_id').equals(third.value).toArray();
    await db.customer_phones.update(phones[0]?.id as string, { deleted: 1 });
    const afterPhone = seen.take();
    expect(afterPhone).toEqual({ ids: [], emailIds: [], phoneIds: [phones[0]?.id] });
    await detector.refreshTouched(afterPhone);
    expect(detector.pairsFor(third.value).map((p) => p.confidence)).not.toContain('high');

    await mergeCustomers(db, { survivorId: a, otherIds: [b] });
    const touched = seen.take();
    expect(touched.ids).toEqual(expect.arrayContaining([a, b]));
    await detector.refreshTouched(touched);
    expect(detector.pairsFor(b)).toEqual([]);
    expect(detector.pairs().some((p) => p.a === b || p.b === b)).toBe(false);
  });

  it('a burst of customers checked in one refresh gives the pairs a full scan gives', async () => {
    const { db, customers, a, b } = await twoZoes();
    const detector = new DuplicateDetector(db);
    await detector.build();
    const ids = [a, b];
    for (const [first, email, phone] of [
      ['Zoë', 'zoe@d.ie', '+353 86 123 4567'],
      ['Ana', 'ana@e.se', '+46 70 123 45 67'],
      ['Ana', 'ana@f.se', '+46 70 123 45 67'],
    ] as const) {
      const made = await customers.create(
        draft({
          first_name: first,
          last_name: first === 'Ana' ? 'Andersson' : "O'Brien",
          emails: [emailDraft(email, true)],
          phones: [phoneDraft(phone, true)],
        }),
        'IE',
      );
      if (made.ok) ids.push(made.value);
    }
    await db.customer_phones.where('customer_id').equals(a).modify({ deleted: 1 });
    expect(await detector.refresh(ids)).toBe(true);
    const scanned = new DuplicateDetector(db);
    await scanned.build();
    expect(detector.pairs()).toEqual(scanned.pairs());
    expect(detector.pairs().length).toBeGreaterThan(1);
  });

  it('"Not a duplicate" hides a pair for good, and undoing it shows it again', async () => {
    const { db, a, b } = await twoZoes();
    const detector = new DuplicateDetector(db);
    await detector.build();
    const seen = journal(db.name);
    await dismissPair(db, b, a);
    expect(seen.state.dismissals).toBe(true);
    await detector.reloadDismissals();
    expect(detector.pairs()).toEqual([]);
    expect(detector.counts()).toEqual({ high: 0, medium: 0, low: 0 });
    // A fresh scan (another window, the next start) reads the synced dismissal too.
    const again = new DuplicateDetector(db);
    await again.build();
    expect(again.pairs()).toEqual([]);
    await undismissPair(db, a, b);
    await detector.reloadDismissals();
    expect(detector.pairs()).toHaveLength(1);
  });
});
