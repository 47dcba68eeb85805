// Pairs the sync conflict rules proposed (same email on two laptops) are listed until
// dismissed or merged, newest first, each pair once.
import { describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { dismissPair } from '../../src/renderer/src/services/crm/duplicates/dismissals';
import { mergeCustomers } from '../../src/renderer/src/services/crm/duplicates/merge-service';
import {
  readProposedPairs,
  visibleProposedPairs,
} from '../../src/renderer/src/services/crm/duplicates/proposed-pairs';
import type { ProposedDuplicate } from '../../src/renderer/src/sync/resolved-log';
import { SYNC_KEYS } from '../../src/renderer/src/sync/sync-state';
import { draft, emailDraft, freshDb } from './helpers';

const proposal = (x: string, y: string, address: string, at: string): ProposedDuplicate => ({
  customer_ids: [x, y].sort() as [string, string],
  reason: 'same-email',
  address,
  kept_by: y,
  proposed_at: at,
});

describe('visibleProposedPairs', () => {
  it('lists newest first, each pair once, without dismissed pairs or gone customers', () => {
    const list = [
      proposal('a', 'b', 'one@x.org', '1'),
      proposal('c', 'd', 'two@x.org', '2'),
      proposal('b', 'a', 'three@x.org', '3'),
      proposal('e', 'f', 'four@x.org', '4'),
      proposal('g', 'h', 'five@x.org', '5'),
    ];
    const visible = visibleProposedPairs(list, new Set(['c+d']), (id) => id !== 'h');
    expect(visible.map((pair) => [pair.a, pair.b, pair.address])).toEqual([
      ['e', 'f', 'four@x.org'],
      ['a', 'b', 'three@x.org'],
    ]);
  });
});

describe('readProposedPairs', () => {
  it('shows a proposed pair until it is dismissed, and a merged pair no more', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const ids: string[] = [];
    for (const [first, email] of [
      ['Ana', 'ana@x.org'],
      ['Bea', 'bea@x.org'],
      ['Cleo', 'cleo@x.org'],
    ] as const) {
      const made = await customers.create(
        draft({ first_name: first, last_name: 'Lund', emails: [emailDraft(email, true)] }),
        'SE',
      );
      if (!made.ok) throw new Error('not created');
      ids.push(made.value);
    }
    const [ana, bea, cleo] = ids as [string, string, string];
    await db.sync_state.put({
      key: SYNC_KEYS.proposedDuplicates,
      value: [proposal(ana, bea, 'same@x.org', '1'), proposal(bea, cleo, 'other@x.org', '2')],
    });
    expect((await readProposedPairs(db)).map((pair) => pair.address)).toEqual([
      'other@x.org',
      'same@x.org',
    ]);
    await dismissPair(db, bea, ana);
    expect((await readProposedPairs(db)).map((pair) => pair.address)).toEqual(['other@x.org']);
    expect((await mergeCustomers(db, { survivorId: bea, otherIds: [cleo] })).ok).toBe(true);
    expect(await readProposedPairs(db)).toEqual([]);
  });
});
