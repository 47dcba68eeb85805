import { describe, expect, it } from 'vitest';
import type { CustomerEmail } from '../../src/renderer/src/domain/records';
import { defaultFieldChoices } from '../../src/renderer/src/domain/duplicates/merge-profile';
import type { MergeRequest } from '../../src/renderer/src/domain/duplicates/merge-plan';
import { planMerge } from '../../src/renderer/src/domain/duplicates/merge-plan';
import type {
  CustomerBundle,
  MergeChoices,
  MergePlan,
} from '../../src/renderer/src/domain/duplicates/merge-types';
import { undoConflicts, undoWrites } from '../../src/renderer/src/domain/duplicates/merge-undo';
import {
  applyChanges,
  applyUndo,
  assignment,
  bundleOf,
  cloneStore,
  email,
  emptyStore,
  participant,
  phone,
  profile,
  putAll,
  relationship,
  task,
  touchpoint,
} from './duplicates-records';

const AT = '2026-12-06T10:00:00.000Z';

function plan(request: MergeRequest, choices: MergeChoices = {}): MergePlan {
  const result = planMerge(request, choices, AT);
  if (!result.ok) throw new Error(result.problem.message);
  return result.plan;
}

function bundle(id: string, extra: Partial<CustomerBundle> = {}): CustomerBundle {
  return {
    profile: profile(id),
    emails: [],
    phones: [],
    touchpoints: [],
    tasks: [],
    assignments: [],
    participants: [],
    relationships: [],
    ...extra,
  };
}

const after = (p: MergePlan, table: string, id: string) =>
  p.changes.find((change) => change.table === table && change.after.id === id)?.after;

describe('planMerge: the survivor profile', () => {
  const zoeOld = profile('z1', {
    first_name: 'Zoe',
    last_name: 'OBrien',
    date_of_birth: '1988-02-03',
    lifecycle: 'customer',
    owner_id: 'm1',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  const zoeNew = profile('z2', {
    first_name: 'Zoë',
    last_name: "O'Brien",
    date_of_birth: null,
    lifecycle: 'lead',
    owner_id: null,
    updated_at: '2026-06-01T00:00:00.000Z',
  });

  it('takes per field the most recent non-empty value by default', () => {
    const p = plan({
      survivor: bundle('z1', { profile: zoeOld }),
      others: [bundle('z2', { profile: zoeNew })],
    });
    expect(after(p, 'customer_profiles', 'z1')).toMatchObject({
      first_name: 'Zoë',
      last_name: "O'Brien",
      date_of_birth: '1988-02-03', // the newer one is blank
      lifecycle: 'lead',
      owner_id: 'm1',
      updated_at: AT,
      deleted: 0,
    });
    expect(
      defaultFieldChoices([bundle('z1', { profile: zoeOld }), bundle('z2', { profile: zoeNew })]),
    ).toEqual({
      first_name: 'z2',
      last_name: 'z2',
      date_of_birth: 'z1',
      lifecycle: 'z2',
      owner_id: 'z1',
    });
  });

  it('keeps what the user picked per field', () => {
    const p = plan(
      { survivor: bundle('z1', { profile: zoeOld }), others: [bundle('z2', { profile: zoeNew })] },
      { fields: { first_name: 'z1', lifecycle: 'z1', owner_id: 'z2', last_name: undefined } },
    );
    expect(after(p, 'customer_profiles', 'z1')).toMatchObject({
      first_name: 'Zoe',
      last_name: "O'Brien",
      lifecycle: 'customer',
      owner_id: null,
    });
  });

  it('keeps the survivor value when every value is blank, whatever the times', () => {
    const a = profile('a', { updated_at: '2026-01-01T00:00:00.000Z' });
    const b = profile('b', { updated_at: '2026-09-01T00:00:00.000Z', first_name: '  ' });
    const p = plan({
      survivor: bundle('a', { profile: a }),
      others: [bundle('b', { profile: b })],
    });
    expect(after(p, 'customer_profiles', 'a')).toBeUndefined(); // nothing to change on the survivor
    expect(after(p, 'customer_profiles', 'b')).toMatchObject({
      deleted: 1,
      merged_into: 'a',
      updated_at: AT,
    });
  });

  it('unites tags, concatenates notes with their source, keeps the latest consent decision', () => {
    const survivor = profile('s', {
      first_name: 'Ana',
      last_name: 'Andersson',
      tags: ['vip', 'jazz'],
      notes: 'Met at the spring show',
      email_consent: {
        opted_in: true,
        source: 'import: fans.csv',
        changed_at: '2025-03-01T00:00:00.000Z',
      },
      sms_consent: { opted_in: true, source: 'manual', changed_at: '2026-05-01T00:00:00.000Z' },
    });
    const other = profile('o', {
      first_name: 'Ana',
      last_name: 'Anderson',
      tags: ['VIP', 'press'],
      notes: 'Prefers WhatsApp',
      email_consent: { opted_in: false, source: 'manual', changed_at: '2026-02-01T00:00:00.000Z' },
      sms_consent: { opted_in: false, source: null, changed_at: null },
    });
    const third = profile('t', {
      notes: 'Met at the spring show',
      first_name: 'A.',
      last_name: 'Andersson',
    });
    const p = plan({
      survivor: bundle('s', { profile: survivor }),
      others: [
        bundle('o', {
          profile: other,
          emails: [email('e1', 'o', 'ana@agency.se', { is_primary: 1 })],
        }),
        bundle('t', { profile: third }),
      ],
    });
    expect(after(p, 'customer_profiles', 's')).toMatchObject({
      tags: ['vip', 'jazz', 'press'],
      notes: 'Met at the spring show\n\nPrefers WhatsApp\n— from Ana Anderson, merged 2026-12-06',
      email_consent: { opted_in: false, source: 'manual', changed_at: '2026-02-01T00:00:00.000Z' },
      sms_consent: { opted_in: true, source: 'manual', changed_at: '2026-05-01T00:00:00.000Z' },
    });
  });
});

describe('planMerge: contact points', () => {
  it('unites emails and phones with one primary each: the survivor keeps its primary', () => {
    const p = plan({
      survivor: bundle('s', {
        emails: [email('se', 's', 'ana@agency.se', { is_primary: 1 })],
        phones: [phone('sp', 's', '+46701234567', { is_primary: 1 })],
      }),
      others: [
        bundle('o', {
          emails: [
            email('oe', 'o', 'ana@gmail.com', { is_primary: 1 }),
            email('ox', 'o', 'old@x.se', { deleted: 1 }),
          ],
          phones: [
            phone('op', 'o', '+46701234567', { is_primary: 1 }),
            phone('oq', 'o', '+46709999999'),
          ],
        }),
      ],
    });
    expect(after(p, 'customer_emails', 'oe')).toMatchObject({
      customer_id: 's',
      is_primary: 0,
      deleted: 0,
    });
    expect(after(p, 'customer_emails', 'se')).toBeUndefined();
    expect(after(p, 'customer_emails', 'ox')).toBeUndefined(); // tombstones stay where they are
    // The same number twice: the other's row becomes a tombstone, still the other's.
    expect(after(p, 'customer_phones', 'op')).toMatchObject({ customer_id: 'o', deleted: 1 });
    expect(after(p, 'customer_phones', 'oq')).toMatchObject({ customer_id: 's', is_primary: 0 });
    expect(p.dropped).toEqual([{ table: 'customer_phones', id: 'op', why: 'same-number' }]);
  });

  it('makes the chosen email primary, and takes an other primary when the survivor has none', () => {
    const survivor = bundle('s', {
      emails: [email('se', 's', 'ana@agency.se', { is_primary: 1 })],
    });
    const other = bundle('o', { emails: [email('oe', 'o', 'ana@gmail.com', { is_primary: 1 })] });
    const chosen = plan({ survivor, others: [other] }, { primaryEmailId: 'oe' });
    expect(after(chosen, 'customer_emails', 'oe')).toMatchObject({
      is_primary: 1,
      customer_id: 's',
    });
    expect(after(chosen, 'customer_emails', 'se')).toMatchObject({ is_primary: 0, updated_at: AT });

    const none = plan({ survivor: bundle('s'), others: [other] });
    expect(after(none, 'customer_emails', 'oe')).toMatchObject({ is_primary: 1, customer_id: 's' });
  });

  it('drops an address both customers hold (data a sync could bring)', () => {
    const p = plan({
      survivor: bundle('s', { emails: [email('se', 's', 'Ana@Agency.se', { is_primary: 1 })] }),
      others: [bundle('o', { emails: [email('oe', 'o', 'ana@agency.se', { is_primary: 1 })] })],
    });
    expect(after(p, 'customer_emails', 'oe')).toMatchObject({ deleted: 1, customer_id: 'o' });
    expect(p.dropped).toEqual([{ table: 'customer_emails', id: 'oe', why: 'same-address' }]);
  });
});

describe('planMerge: what points at the customers', () => {
  it('moves touchpoints, tasks and deal participations; assignments follow their task', () => {
    const p = plan({
      survivor: bundle('s', { participants: [participant('sp', 's', 'd1', 'artist')] }),
      others: [
        bundle('o', {
          touchpoints: [touchpoint('t1', 'o'), touchpoint('t2', 'o', { deleted: 1 })],
          tasks: [task('k1', 'o', { deal_id: 'd1' })],
          assignments: [assignment('as1', 'k1', 'm1')],
          participants: [
            participant('op', 'o', 'd1', 'artist'),
            participant('oq', 'o', 'd1', 'agent'),
          ],
        }),
      ],
    });
    expect(after(p, 'customer_engagement_metrics', 't1')).toMatchObject({
      customer_id: 's',
      updated_at: AT,
    });
    expect(after(p, 'customer_engagement_metrics', 't2')).toBeUndefined();
    expect(after(p, 'crm_tasks', 'k1')).toMatchObject({ customer_id: 's', deal_id: 'd1' });
    expect(p.changes.some((change) => change.after.id === 'as1')).toBe(false);
    expect(after(p, 'deal_participants', 'op')).toMatchObject({ customer_id: 'o', deleted: 1 });
    expect(after(p, 'deal_participants', 'oq')).toMatchObject({ customer_id: 's', deleted: 0 });
    expect(p.dropped).toContainEqual({
      table: 'deal_participants',
      id: 'op',
      why: 'same-deal-role',
    });
  });

  it('re-points relationships, dropping self-links and links the survivor has in either reading', () => {
    const rels = {
      selfToBe: relationship('r1', 's', 'o', 'manages'),
      survivorHas: relationship('r2', 'x', 's', 'works_with'),
      sameLink: relationship('r3', 'o', 'x', 'works_with'),
      moves: relationship('r4', 'y', 'o', 'manages'),
      otherToOther: relationship('r5', 'o', 'p', 'referred'),
      symmetric: relationship('r6', 'a0', 'o', 'works_with'),
      swapped: relationship('r7', 'o', 'q', 'works_with'),
    };
    const p = plan({
      survivor: bundle('s', { relationships: [rels.selfToBe, rels.survivorHas] }),
      others: [
        bundle('o', {
          relationships: [
            rels.selfToBe,
            rels.sameLink,
            rels.moves,
            rels.otherToOther,
            rels.symmetric,
            rels.swapped,
          ],
        }),
        bundle('p', { relationships: [rels.otherToOther] }),
      ],
    });
    expect(after(p, 'customer_relationships', 'r1')).toMatchObject({
      from_customer_id: 's',
      to_customer_id: 'o',
      deleted: 1,
    });
    expect(after(p, 'customer_relationships', 'r2')).toBeUndefined();
    expect(after(p, 'customer_relationships', 'r3')).toMatchObject({
      from_customer_id: 'o',
      deleted: 1,
    });
    expect(after(p, 'customer_relationships', 'r4')).toMatchObject({
      from_customer_id: 'y',
      to_customer_id: 's',
      deleted: 0,
    });
    expect(after(p, 'customer_relationships', 'r5')).toMatchObject({ deleted: 1 });
    // Symmetric links keep the smaller id first, as the catalogue stores them.
    expect(after(p, 'customer_relationships', 'r6')).toMatchObject({
      from_customer_id: 'a0',
      to_customer_id: 's',
    });
    expect(after(p, 'customer_relationships', 'r7')).toMatchObject({
      from_customer_id: 'q',
      to_customer_id: 's',
    });
    expect(p.dropped.filter((d) => d.table === 'customer_relationships')).toEqual([
      { table: 'customer_relationships', id: 'r1', why: 'self-link' },
      { table: 'customer_relationships', id: 'r3', why: 'duplicate-link' },
      { table: 'customer_relationships', id: 'r5', why: 'self-link' },
    ]);
  });

  it('writes children first, tombstones before moves, then the profiles', () => {
    const p = plan({
      survivor: bundle('s', { phones: [phone('sp', 's', '+46701234567', { is_primary: 1 })] }),
      others: [
        bundle('o', {
          phones: [phone('oq', 'o', '+46709999999'), phone('op', 'o', '+46701234567')],
        }),
      ],
    });
    expect(p.changes.map((change) => `${change.table}:${change.after.id}`)).toEqual([
      'customer_phones:op',
      'customer_phones:oq',
      'customer_profiles:o',
    ]);
  });
});

describe('planMerge: refusals', () => {
  const problem = (request: MergeRequest, choices: MergeChoices = {}) => {
    const result = planMerge(request, choices, AT);
    return result.ok ? null : result.problem.kind;
  };

  it('says what is wrong instead of planning', () => {
    expect(problem({ survivor: bundle('s'), others: [] })).toBe('nothing-to-merge');
    expect(problem({ survivor: bundle('s'), others: [bundle('s')] })).toBe('repeated-customer');
    expect(
      problem({
        survivor: bundle('s'),
        others: [bundle('o', { profile: profile('o', { deleted: 1 }) })],
      }),
    ).toBe('not-live');
    expect(
      problem({
        survivor: bundle('s'),
        others: [bundle('o', { emails: [email('e', 'x', 'a@b.se')] })],
      }),
    ).toBe('foreign-row');
    expect(
      problem({
        survivor: bundle('s'),
        others: [bundle('o', { assignments: [assignment('a', 'nope', 'm')] })],
      }),
    ).toBe('foreign-row');
    expect(
      problem({ survivor: bundle('s'), others: [bundle('o')] }, { fields: { first_name: 'x' } }),
    ).toBe('unknown-choice');
    expect(problem({ survivor: bundle('s'), others: [bundle('o')] }, { primaryPhoneId: 'p' })).toBe(
      'unknown-choice',
    );
    const result = planMerge(
      {
        survivor: bundle('s'),
        others: [bundle('o', { profile: profile('o', { first_name: 'Zoë', deleted: 1 }) })],
      },
      {},
      AT,
    );
    expect(result.ok ? '' : result.problem.message).toBe('Zoë was deleted or merged already');
  });
});

describe('undo', () => {
  function mergedStore() {
    const store = emptyStore();
    putAll(store, 'customer_profiles', [
      profile('s', { first_name: 'Ana' }),
      profile('o', { first_name: 'Ana', last_name: 'Lund' }),
    ]);
    putAll(store, 'customer_emails', [email('oe', 'o', 'ana@gmail.com', { is_primary: 1 })]);
    putAll(store, 'customer_relationships', [relationship('r', 's', 'o', 'manages')]);
    return store;
  }

  it('puts every row back exactly', () => {
    const store = mergedStore();
    const original = cloneStore(store);
    const p = plan({ survivor: bundleOf(store, 's'), others: [bundleOf(store, 'o')] });
    applyChanges(store, p.changes);
    expect(store).not.toEqual(original);
    expect(undoConflicts(p.undo, (table, id) => store[table].get(id))).toEqual([]);
    applyUndo(store, undoWrites(p.undo));
    expect(store).toEqual(original);
  });

  it('names the rows changed since the merge', () => {
    const store = mergedStore();
    const p = plan({ survivor: bundleOf(store, 's'), others: [bundleOf(store, 'o')] });
    applyChanges(store, p.changes);
    store.customer_emails.set('oe', {
      ...(store.customer_emails.get('oe') as CustomerEmail),
      label: 'work',
    });
    expect(undoConflicts(p.undo, (table, id) => store[table].get(id))).toEqual([
      { table: 'customer_emails', id: 'oe' },
    ]);
  });
});
