/** planUndo, pure: which customers an import's undo removes, which fields revert, who is kept. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_CONSENT } from '../../src/renderer/src/domain/consent';
import { sameValue } from '../../src/renderer/src/domain/import/same-value';
import {
  indexPoints,
  legacyWriteTime,
  uuidV7Time,
} from '../../src/renderer/src/domain/import/undo-legacy';
import {
  planUndo,
  type PointStamp,
  type UndoChunk,
  type UndoFacts,
} from '../../src/renderer/src/domain/import/undo-plan';
import { undoSummary } from '../../src/renderer/src/domain/import/undo-summary';
import type { CustomerProfile, ImportUndo } from '../../src/renderer/src/domain/records';

const T0 = '2026-11-20T10:00:00.000Z';
const WRITE = '2026-11-20T10:00:05.000Z';
const LATER = '2026-11-21T09:00:00.000Z';
// UUIDv7 ids of chunk records: their first 48 bits are a time (10:00:06 and 10:00:09 here).
const CHUNK_1 = '01a1f866-2470-7000-8000-000000000001';
const CHUNK_2 = '01a1f866-3028-7000-8000-000000000002';

function profile(id: string, patch: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id,
    created_at: WRITE,
    updated_at: WRITE,
    deleted: 0,
    first_name: id,
    last_name: '',
    date_of_birth: null,
    notes: '',
    tags: [],
    lifecycle: 'lead',
    owner_id: null,
    email_consent: NO_CONSENT,
    sms_consent: NO_CONSENT,
    ...patch,
  };
}

function point(id: string, customerId: string, patch: Partial<PointStamp> = {}): PointStamp {
  return {
    id,
    customer_id: customerId,
    source: 'import',
    created_at: WRITE,
    updated_at: WRITE,
    deleted: 0,
    ...patch,
  };
}

function facts(
  undo: ImportUndo,
  profiles: CustomerProfile[],
  more: Partial<UndoFacts> = {},
): UndoFacts {
  return {
    jobCreatedAt: T0,
    chunks: [{ id: CHUNK_1, undo }],
    profiles: new Map(profiles.map((p) => [p.id, p])),
    emails: [],
    phones: [],
    links: new Map(),
    ...more,
  };
}

describe('customers the import created', () => {
  const undo: ImportUndo = { written_at: WRITE, created: ['a', 'b'], updated: [] };

  it('removes one untouched since, with its emails and phones', () => {
    const plan = planUndo(
      facts(undo, [profile('a'), profile('b')], {
        emails: [point('ea', 'a'), point('eb', 'b')],
        phones: [point('pa', 'a')],
      }),
    );
    expect(plan.removeCustomers).toEqual(['a', 'b']);
    expect(plan.removeEmails).toEqual(['ea', 'eb']);
    expect(plan.removePhones).toEqual(['pa']);
    expect(plan.counts).toEqual({ removed: 2, restored: 0, kept: 0 });
  });

  it('keeps one edited since, whole, and says so', () => {
    const plan = planUndo(
      facts(undo, [profile('a', { updated_at: LATER }), profile('b')], {
        emails: [point('ea', 'a'), point('eb', 'b')],
      }),
    );
    expect(plan.removeCustomers).toEqual(['b']);
    expect(plan.removeEmails).toEqual(['eb']);
    expect(plan.kept).toEqual([
      { customer_id: 'a', created: true, reasons: ['edited since the import'], partly: false },
    ]);
    expect(plan.counts).toEqual({ removed: 1, restored: 0, kept: 1 });
  });

  it('keeps one that gained an email or phone, or whose own email changed', () => {
    const plan = planUndo(
      facts(undo, [profile('a'), profile('b')], {
        emails: [
          point('ea', 'a'),
          point('manual', 'a', { source: 'manual', created_at: LATER, updated_at: LATER }),
          point('eb', 'b', { updated_at: LATER }),
        ],
        phones: [point('gone', 'b', { source: 'manual', created_at: LATER, deleted: 1 })],
      }),
    );
    expect(plan.removeCustomers).toEqual([]);
    expect(plan.kept.map((k) => [k.customer_id, k.reasons])).toEqual([
      ['a', ['1 email added since']],
      ['b', ['an email changed since']],
    ]);
  });

  it('an email added by a later import counts as gained', () => {
    const later = point('e2', 'a', { created_at: LATER, updated_at: LATER });
    const plan = planUndo(facts(undo, [profile('a'), profile('b')], { emails: [later] }));
    expect(plan.kept.map((k) => k.customer_id)).toEqual(['a']);
  });

  it('keeps one with touchpoints, tasks, deals or relationships', () => {
    const links = new Map([
      ['a', { touchpoints: 2, tasks: 1, deals: 0, relationships: 0 }],
      ['b', { touchpoints: 0, tasks: 0, deals: 1, relationships: 3 }],
    ]);
    const plan = planUndo(facts(undo, [profile('a'), profile('b')], { links }));
    expect(plan.kept.map((k) => [k.customer_id, k.reasons])).toEqual([
      ['a', ['2 touchpoints', '1 task']],
      ['b', ['in 1 deal', '3 relationships']],
    ]);
  });

  it('leaves alone one deleted since, or gone', () => {
    const plan = planUndo(facts(undo, [profile('a', { deleted: 1, updated_at: LATER })]));
    expect(plan).toMatchObject({ removeCustomers: [], kept: [] });
  });
});

describe('customers the import updated', () => {
  const before = { first_name: 'Ana', notes: '', tags: ['vip'] };
  const wrote = { first_name: 'Anna', notes: 'From the file', tags: ['vip', 'fan'] };
  const update = (extra: Partial<ImportUndo['updated'][number]> = {}) => ({
    customer_id: 'u',
    previous: before,
    written: wrote,
    email_ids: ['added'],
    phone_ids: [],
    ...extra,
  });

  it('reverts every field still holding what the import wrote, and removes what it added', () => {
    const plan = planUndo(
      facts({ written_at: WRITE, created: [], updated: [update()] }, [profile('u', wrote)], {
        emails: [point('added', 'u')],
      }),
    );
    expect(plan.restoreProfiles).toEqual([{ id: 'u', changes: before }]);
    expect(plan.removeEmails).toEqual(['added']);
    expect(plan.counts).toEqual({ removed: 0, restored: 1, kept: 0 });
  });

  it('keeps a field edited since, reverts the others, and lists the customer', () => {
    const now = profile('u', { ...wrote, notes: 'Called her', updated_at: LATER });
    const plan = planUndo(
      facts({ written_at: WRITE, created: [], updated: [update()] }, [now], {
        emails: [point('added', 'u', { updated_at: LATER })],
      }),
    );
    expect(plan.restoreProfiles).toEqual([
      { id: 'u', changes: { first_name: 'Ana', tags: ['vip'] } },
    ]);
    expect(plan.removeEmails).toEqual([]);
    expect(plan.kept).toEqual([
      {
        customer_id: 'u',
        created: false,
        reasons: ['an email the import added was changed since', 'Notes edited since'],
        partly: true,
      },
    ]);
    expect(plan.counts).toEqual({ removed: 0, restored: 0, kept: 1 });
  });

  it('compares consent by value, whatever the order of its keys', () => {
    const consent = { opted_in: true, source: 'import: a.csv', changed_at: WRITE };
    const reordered = { changed_at: WRITE, source: 'import: a.csv', opted_in: true };
    const plan = planUndo(
      facts(
        {
          written_at: WRITE,
          created: [],
          updated: [
            update({
              previous: { email_consent: NO_CONSENT },
              written: { email_consent: consent },
              email_ids: [],
            }),
          ],
        },
        [profile('u', { email_consent: reordered as never })],
      ),
    );
    expect(plan.restoreProfiles).toEqual([{ id: 'u', changes: { email_consent: NO_CONSENT } }]);
  });

  it('undoes a resumed job newest chunk first: the older chunk sees what the newer restored', () => {
    const first = { customer_id: 'u', previous: { notes: 'a' }, written: { notes: 'b' } };
    const second = { customer_id: 'u', previous: { notes: 'b' }, written: { notes: 'c' } };
    const chunks: UndoChunk[] = [
      {
        id: CHUNK_1,
        undo: {
          written_at: WRITE,
          created: [],
          updated: [{ ...first, email_ids: [], phone_ids: [] }],
        },
      },
      {
        id: CHUNK_2,
        undo: {
          written_at: LATER,
          created: [],
          updated: [{ ...second, email_ids: [], phone_ids: [] }],
        },
      },
    ];
    const plan = planUndo(
      facts({ created: [], updated: [] }, [profile('u', { notes: 'c' })], { chunks }),
    );
    expect(plan.restoreProfiles).toEqual([{ id: 'u', changes: { notes: 'a' } }]);
  });
});

describe('undo records written before they kept the written values', () => {
  const legacyUpdate = {
    customer_id: 'u',
    previous: { first_name: 'Ana' },
    email_ids: [],
    phone_ids: [],
  };

  it('infers the chunk write time from what it wrote, ignoring edits after it', () => {
    const chunk = { id: CHUNK_1, undo: { created: ['a'], updated: [legacyUpdate] } };
    const found = facts(chunk.undo, [profile('a'), profile('u', { updated_at: LATER })]);
    expect(legacyWriteTime(chunk, found, indexPoints([]))).toBe(WRITE);
    // Only an edit after the chunk: nothing tells the write time, so nothing is proven.
    const alone = { id: CHUNK_1, undo: { created: [], updated: [legacyUpdate] } };
    expect(
      legacyWriteTime(
        alone,
        facts(alone.undo, [profile('u', { updated_at: LATER })]),
        indexPoints([]),
      ),
    ).toBe(null);
  });

  it('tells the write time by the contact points a chunk added, and by its created ones', () => {
    const withEmail = {
      id: CHUNK_1,
      undo: { created: ['a'], updated: [{ ...legacyUpdate, email_ids: ['added'] }] },
    };
    const edited = [profile('u', { updated_at: LATER })];
    const added = point('added', 'u', { updated_at: LATER });
    expect(legacyWriteTime(withEmail, facts(withEmail.undo, edited), indexPoints([added]))).toBe(
      WRITE,
    );
    // A created customer's own email tells it even when its profile is gone.
    expect(
      legacyWriteTime(withEmail, facts(withEmail.undo, edited), indexPoints([point('ea', 'a')])),
    ).toBe(WRITE);
  });

  it('reverts an update only when the profile still carries the write time', () => {
    const undo = { created: ['a'], updated: [legacyUpdate, { ...legacyUpdate, customer_id: 'v' }] };
    const plan = planUndo(
      facts(undo, [
        profile('a'),
        profile('u', { first_name: 'Anna' }),
        profile('v', { first_name: 'Vic', updated_at: LATER }),
      ]),
    );
    expect(plan.restoreProfiles).toEqual([{ id: 'u', changes: { first_name: 'Ana' } }]);
    expect(plan.kept).toEqual([
      { customer_id: 'v', created: false, reasons: ['edited since the import'], partly: false },
    ]);
    expect(plan.removeCustomers).toEqual(['a']);
  });

  it('keeps every update of a chunk whose write time cannot be told', () => {
    const undo = { created: [], updated: [legacyUpdate] };
    const plan = planUndo(facts(undo, [profile('u', { updated_at: LATER })]));
    expect(plan.restoreProfiles).toEqual([]);
    expect(plan.counts.kept).toBe(1);
  });
});

describe('property: a created customer goes exactly when nothing happened to it', () => {
  it('removed and kept split the created customers by what was done to them since', () => {
    const change = fc.constantFrom('none', 'edited', 'email', 'phone-changed', 'task', 'deleted');
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        const ids = changes.map((_, i) => `c${i}`);
        const profiles = changes.map((c, i) =>
          profile(ids[i] ?? '', {
            updated_at: c === 'edited' || c === 'deleted' ? LATER : WRITE,
            deleted: c === 'deleted' ? 1 : 0,
          }),
        );
        const emails = changes.flatMap((c, i) => [
          point(`e${i}`, ids[i] ?? ''),
          ...(c === 'email' ? [point(`x${i}`, ids[i] ?? '', { source: 'manual' })] : []),
        ]);
        const phones = changes.map((c, i) =>
          point(`p${i}`, ids[i] ?? '', c === 'phone-changed' ? { updated_at: LATER } : {}),
        );
        const links = new Map(
          changes.flatMap((c, i) =>
            c === 'task'
              ? [[ids[i] ?? '', { touchpoints: 0, tasks: 1, deals: 0, relationships: 0 }] as const]
              : [],
          ),
        );
        const plan = planUndo(
          facts({ written_at: WRITE, created: ids, updated: [] }, profiles, {
            emails,
            phones,
            links,
          }),
        );
        const untouched = ids.filter((_, i) => changes[i] === 'none');
        const touched = ids.filter((_, i) => changes[i] !== 'none' && changes[i] !== 'deleted');
        expect(plan.removeCustomers).toEqual(untouched);
        expect(plan.kept.map((k) => k.customer_id).sort()).toEqual([...touched].sort());
        expect(plan.removePhones).toEqual(untouched.map((id) => `p${id.slice(1)}`));
        expect(plan.removeEmails).toEqual(untouched.map((id) => `e${id.slice(1)}`));
      }),
      { numRuns: 200 },
    );
  });
});

describe('helpers', () => {
  it('reads the time of a UUIDv7 and refuses other ids', () => {
    expect(uuidV7Time(CHUNK_1)).toBe('2026-11-20T10:00:06.000Z');
    expect(uuidV7Time('not-an-id')).toBeNull();
    expect(uuidV7Time('01a1f866-2470-4000-8000-000000000001')).toBeNull();
  });

  it('compares stored values deeply', () => {
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue({ a: 1, b: null }, { b: null, a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
    expect(sameValue('x', 'x')).toBe(true);
  });

  it('says the numbers in words, before and after', () => {
    const counts = { removed: 1204, restored: 310, kept: 12 };
    expect(undoSummary(counts, 'will')).toBe(
      '1,204 customers will be removed, 310 restored; 12 were changed since the import and stay as they are',
    );
    expect(undoSummary({ removed: 1, restored: 0, kept: 1 }, 'done')).toBe(
      '1 customer removed, 0 restored; 1 customer changed since the import kept as it was',
    );
    expect(undoSummary({ removed: 0, restored: 0, kept: 0 }, 'will')).toBe(
      'No customer will be removed or restored',
    );
  });
});
