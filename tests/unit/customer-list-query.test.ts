import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { CustomerDraft } from '../../src/renderer/src/domain/customer-draft';
import type { CustomerListRow, Lifecycle } from '../../src/renderer/src/domain/records';
import { searchDocOf } from '../../src/renderer/src/services/crm/customers/search/search-docs';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import type { CustomerListQuery } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import {
  countCustomers,
  DEFAULT_LIST_QUERY,
  FIRST_WINDOW,
  firstMatchWindow,
  LIST_OVERSCAN,
  LIST_ROW_HEIGHT,
  listRowsByIds,
  listTags,
  queryCustomerIds,
  queryCustomerList,
} from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { customerSearch } from '../../src/renderer/src/workers/search-client';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';
import { referenceMatches } from './search-reference';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function create(db: CrmDatabase, overrides: Partial<CustomerDraft>): Promise<string> {
  const result = await createCustomerService(db).create(draft(overrides), 'US');
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result)}`);
  // Distinct created_at for every customer, so "sort by created" has no ties.
  await sleep(2);
  return result.value;
}

type Fixture = {
  db: CrmDatabase;
  jose: string;
  ana: string;
  bo: string;
  maria: string;
  zed: string;
};

async function fixture(): Promise<Fixture> {
  const db = freshDb();
  const jose = await create(db, {
    first_name: 'José',
    last_name: 'García',
    emails: [emailDraft('jose.garcia@example.com')],
    phones: [phoneDraft('(415) 555-0134')],
    tags: ['vip', 'festival'],
    lifecycle: 'customer',
    owner_id: 'member-1',
    email_opt_in: true,
  });
  const ana = await create(db, {
    first_name: 'Ana',
    last_name: 'Lima',
    emails: [emailDraft('ana@x.com')],
    phones: [phoneDraft('+49 30 1234567')],
    tags: ['jazz'],
    lifecycle: 'lead',
    sms_opt_in: true,
  });
  const bo = await create(db, {
    first_name: 'Bo',
    last_name: 'Zhang',
    phones: [phoneDraft('415 555 0199')],
    tags: ['vip'],
    lifecycle: 'lead',
    owner_id: 'member-2',
  });
  const maria = await create(db, {
    first_name: 'María José',
    last_name: 'Pérez',
    emails: [emailDraft('maria@band.es')],
    tags: ['festival'],
    lifecycle: 'prospect',
    owner_id: 'member-1',
    email_opt_in: true,
    sms_opt_in: true,
  });
  const zed = await create(db, {
    first_name: 'Zed',
    last_name: 'Adams',
    emails: [emailDraft('zed@x.com')],
    phones: [phoneDraft('(415) 555-0177')],
    tags: ['gone', 'vip'],
    lifecycle: 'lead',
  });
  await createCustomerService(db).remove(zed);
  return { db, jose, ana, bo, maria, zed };
}

function query(overrides: Partial<CustomerListQuery>): CustomerListQuery {
  return { ...DEFAULT_LIST_QUERY, ...overrides };
}

describe('customer list query', () => {
  it('with no search and no filter lists every live customer by name', async () => {
    const f = await fixture();
    // By last name: García, Lima, Pérez, Zhang.
    expect(await queryCustomerIds(f.db, DEFAULT_LIST_QUERY)).toEqual([
      f.jose,
      f.ana,
      f.maria,
      f.bo,
    ]);
    await customerSearch(f.db).whenReady();
    expect(await countCustomers(f.db)).toBe(4);
  });

  it('counts customers from the search index: null while it loads, then exact after each write, never a table count', async () => {
    const f = await fixture();
    // IndexedDB counts a table by walking every row: the count must never ask for one.
    f.db.customers_crm_v.count = () => {
      throw new Error('counted customers_crm_v');
    };
    expect(await countCustomers(f.db)).toBeNull();
    await customerSearch(f.db).whenReady();
    expect(await countCustomers(f.db)).toBe(4);
    const added = await create(f.db, { first_name: 'Ines', last_name: 'Ribeiro' });
    expect(await countCustomers(f.db)).toBe(5);
    await createCustomerService(f.db).remove(f.ana);
    await createCustomerService(f.db).remove(added);
    expect(await countCustomers(f.db)).toBe(3);
    await createCustomerService(f.db).restore(f.ana);
    expect(await countCustomers(f.db)).toBe(4);
  });

  it('answers "indexing" for a search while the index loads, without counting the table', async () => {
    const f = await fixture();
    f.db.customers_crm_v.count = () => {
      throw new Error('counted customers_crm_v');
    };
    const answer = await queryCustomerList(f.db, query({ search: 'ana' }));
    expect(answer).toMatchObject({ kind: 'indexing', indexed: 0 });
    await customerSearch(f.db).whenReady();
    expect(await queryCustomerList(f.db, query({ search: 'ana' }))).toMatchObject({
      kind: 'matches',
      exactCount: 1,
    });
  });

  it.each([
    ['555 01', ['jose', 'bo']],
    ['555-0134', ['jose']],
    ['(415) 555', ['jose', 'bo']],
    ['+1 415 555 0199', ['bo']],
    ['0199', ['bo']],
    ['030 1234', ['ana']],
    ['+49 30', ['ana']],
    ['0049 30 123', ['ana']],
    ['1234567', ['ana']],
    ['jose garc', ['jose']],
    ['José García', ['jose']],
    ['JOSE', ['jose', 'maria']],
    ['jose p', ['maria']],
    ['perez maria', ['maria']],
    ['garcía maría', []],
    ['jose.garcia@ex', ['jose']],
    ['ana@x', ['ana']],
    ['maria@', ['maria']],
    ['example', ['jose']],
    ['band', ['maria']],
    ['zed', []],
    ['0177', []],
    ['nobody', []],
    ['ana nobody', []],
  ] as const)('search %j finds %j', async (search, expected) => {
    const f = await fixture();
    const ids = await queryCustomerIds(f.db, query({ search }));
    expect([...ids].sort()).toEqual(expected.map((key) => f[key]).sort());
  });

  it.each([
    [{ lifecycle: 'lead' as Lifecycle }, ['ana', 'bo']],
    [{ lifecycle: 'customer' as Lifecycle }, ['jose']],
    [{ lifecycle: 'inactive' as Lifecycle }, []],
    [{ tag: 'vip' }, ['jose', 'bo']],
    [{ tag: 'festival' }, ['jose', 'maria']],
    [{ tag: 'gone' }, []],
    [{ tag: 'VIP' }, []],
    [{ optIn: 'email' as const }, ['jose', 'maria']],
    [{ optIn: 'sms' as const }, ['ana', 'maria']],
    [{ ownerId: 'member-1' }, ['jose', 'maria']],
    [{ ownerId: 'member-2' }, ['bo']],
    [{ ownerId: '' }, ['ana']],
    [{ tag: 'vip', lifecycle: 'lead' as Lifecycle }, ['bo']],
    [{ tag: 'festival', optIn: 'sms' as const }, ['maria']],
    [{ ownerId: 'member-1', lifecycle: 'customer' as Lifecycle }, ['jose']],
    [{ ownerId: '', tag: 'vip' }, []],
    [{ search: '415', tag: 'vip' }, ['jose', 'bo']],
    [{ search: '415', lifecycle: 'lead' as Lifecycle }, ['bo']],
    [{ search: 'jose', optIn: 'sms' as const }, ['maria']],
    [{ search: 'jose', ownerId: 'member-1' }, ['jose', 'maria']],
    [{ search: 'jose', ownerId: '' }, []],
    [{ search: 'ana', ownerId: '' }, ['ana']],
  ] as const)('filter %j finds %j, in name order', async (filters, expected) => {
    const f = await fixture();
    const ids = await queryCustomerIds(f.db, query(filters));
    const everyone = await queryCustomerIds(f.db, DEFAULT_LIST_QUERY);
    const wanted = new Set(expected.map((key) => f[key]));
    expect(ids).toEqual(everyone.filter((id) => wanted.has(id)));
  });

  it("answers a search's first window with each id's own list row, and the unfiltered list with its first rows", async () => {
    const f = await fixture();
    await customerSearch(f.db).whenReady();
    const found = await queryCustomerList(f.db, query({ search: 'vip' }));
    expect(found.kind).toBe('matches');
    if (found.kind !== 'matches') return;
    expect(found.first.ids).toEqual([f.jose, f.bo]);
    for (const id of found.first.ids) {
      expect(found.first.rows.get(id)).toEqual(await f.db.customers_crm_v.get(id));
    }
    const all = await queryCustomerList(f.db, DEFAULT_LIST_QUERY);
    expect(all.kind).toBe('all');
    if (all.kind !== 'all') return;
    expect(all.first.map((row) => row.customer_id)).toEqual([f.jose, f.ana, f.maria, f.bo]);
  });

  it("reads, for a search's first answer, the rows that fit the window, and no more", async () => {
    // 820 px: at most 23 rows of 36 px in view (the list is shorter than the window); the
    // overscan rows are read after the answer is drawn.
    expect(firstMatchWindow(820)).toBe(Math.ceil(820 / LIST_ROW_HEIGHT));
    expect(firstMatchWindow(820)).toBe(23);
    expect(firstMatchWindow(4000)).toBe(FIRST_WINDOW);
    expect(firstMatchWindow(0)).toBe(LIST_OVERSCAN * 2);
    const f = await fixture();
    await customerSearch(f.db).whenReady();
    const one = await queryCustomerList(f.db, query({ search: 'vip' }), undefined, 1);
    if (one.kind !== 'matches') throw new Error(one.kind);
    // The count is every match; the window holds the rows asked for.
    expect([one.first.ids, one.exactCount]).toEqual([[f.jose], 2]);
    expect([...one.first.rows.keys()]).toEqual([f.jose]);
  });

  it('sorts by name both ways and by creation', async () => {
    const f = await fixture();
    const byName = [f.jose, f.ana, f.maria, f.bo];
    const byCreation = [f.jose, f.ana, f.bo, f.maria];
    expect(await queryCustomerIds(f.db, query({ direction: 'desc' }))).toEqual(
      [...byName].reverse(),
    );
    expect(await queryCustomerIds(f.db, query({ sort: 'created' }))).toEqual(byCreation);
    expect(await queryCustomerIds(f.db, query({ sort: 'created', direction: 'desc' }))).toEqual(
      [...byCreation].reverse(),
    );
    // The same orders when the ids come from a search or a filter instead of the index.
    expect(await queryCustomerIds(f.db, query({ search: '415', direction: 'desc' }))).toEqual([
      f.bo,
      f.jose,
    ]);
    expect(
      await queryCustomerIds(f.db, query({ tag: 'festival', sort: 'created', direction: 'desc' })),
    ).toEqual([f.maria, f.jose]);
  });

  it('sorts by last touch', async () => {
    const f = await fixture();
    const customers = createCustomerService(f.db);
    await customers.addTouchpoint(f.bo, {
      kind: 'call',
      occurred_at: '2026-01-01T10:00:00Z',
      summary: '',
      value: 0,
    });
    await customers.addTouchpoint(f.ana, {
      kind: 'call',
      occurred_at: '2026-03-01T10:00:00Z',
      summary: '',
      value: 0,
    });
    const ids = await queryCustomerIds(f.db, query({ sort: 'last_touch', direction: 'desc' }));
    expect(ids.slice(0, 2)).toEqual([f.ana, f.bo]);
    expect(new Set(ids)).toEqual(new Set([f.jose, f.ana, f.bo, f.maria]));
  });

  it('never shows a soft-deleted customer, and shows it again once restored', async () => {
    const f = await fixture();
    const queries = [
      DEFAULT_LIST_QUERY,
      query({ search: 'zed' }),
      query({ search: 'adams' }),
      query({ search: '0177' }),
      query({ tag: 'gone' }),
      query({ tag: 'vip' }),
      query({ lifecycle: 'lead' }),
      query({ ownerId: '' }),
      query({ sort: 'created', direction: 'desc' }),
    ];
    for (const q of queries) expect(await queryCustomerIds(f.db, q)).not.toContain(f.zed);
    expect(await listRowsByIds(f.db, [f.zed, f.ana])).toEqual([
      undefined,
      expect.objectContaining({ customer_id: f.ana }),
    ]);
    expect(await createCustomerService(f.db).restore(f.zed)).toEqual({ ok: true });
    expect(await queryCustomerIds(f.db, query({ search: 'zed' }))).toEqual([f.zed]);
    expect(await queryCustomerIds(f.db, query({ tag: 'gone' }))).toEqual([f.zed]);
  });

  it('follows edits: a changed name, a removed email and a new phone', async () => {
    const f = await fixture();
    const customers = createCustomerService(f.db);
    await customers.updateProfile(f.ana, { first_name: 'Anaïs' });
    expect(await queryCustomerIds(f.db, query({ search: 'anais' }))).toEqual([f.ana]);
    const email = await f.db.customer_emails.where('customer_id').equals(f.jose).first();
    await customers.removeEmail(email!.id);
    expect(await queryCustomerIds(f.db, query({ search: 'example' }))).toEqual([]);
    await customers.addPhone(f.maria, '+34 612 345 678', 'US');
    expect(await queryCustomerIds(f.db, query({ search: '612 345' }))).toEqual([f.maria]);
  });

  it('lists the distinct tags of live customers', async () => {
    const f = await fixture();
    expect(await listTags(f.db)).toEqual(['festival', 'jazz', 'vip']);
  });

  it('lists no tags in an empty database', async () => {
    const db = freshDb();
    expect(await listTags(db)).toEqual([]);
    expect(await queryCustomerIds(db, query({ search: 'a' }))).toEqual([]);
    expect(await queryCustomerIds(db, DEFAULT_LIST_QUERY)).toEqual([]);
  });
});

// ------------------------------------------------------------------ search = brute force

const FIRST = ['José', 'Jose', 'Ana', 'Anaïs', 'María José', 'Bo', 'Zoë', 'Jean-Paul', ''];
const LAST = ['García', 'Garcia', 'Lima', 'Pérez', "O'Brien", 'Müller', 'Straße', ''];
const PHONES = [
  '(415) 555-0134',
  '415 555 0199',
  '+49 30 1234567',
  '+34 612 345 678',
  '+44 20 7946 0018',
];
const EMAILS = ['jose.garcia@example.com', 'ana@x.com', 'maria@band.es', 'bo+crm@mail.example.org'];
const QUERIES = [
  'jo',
  'jose',
  'josé garc',
  'an',
  'ANAIS',
  'ma jo',
  'garcia',
  'mull',
  'muller',
  'strasse',
  'obrien',
  "o'b",
  'jean-p',
  'paul',
  'zoe',
  '555',
  '555-01',
  '(415)',
  '+49 30',
  '030 123',
  '0018',
  '7946',
  '612',
  'example',
  'ana@x',
  'bo+crm@',
  'jose.garcia@example.com',
  'mail',
  'x',
  'nobody here',
];

type Person = {
  first_name: string;
  last_name: string;
  emails: string[];
  phones: string[];
  lifecycle: Lifecycle;
};

const person: fc.Arbitrary<Person> = fc.record({
  first_name: fc.constantFrom(...FIRST),
  last_name: fc.constantFrom(...LAST),
  emails: fc.subarray(EMAILS, { maxLength: 2 }),
  phones: fc.subarray(PHONES, { maxLength: 2 }),
  lifecycle: fc.constantFrom<Lifecycle>('lead', 'customer'),
});

const searchText = fc.oneof(
  fc.constantFrom(...QUERIES),
  fc.tuple(fc.constantFrom(...QUERIES), fc.constantFrom(...QUERIES)).map(([a, b]) => `${a} ${b}`),
  fc.stringMatching(/^[a-zé]{1,4}$/),
  fc.stringMatching(/^\d{3,5}$/),
);

describe('search agrees with the reference matcher over the list rows', () => {
  it('for any customers and any query', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(person, { minLength: 0, maxLength: 6 }),
        fc.array(searchText, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom<Lifecycle>('lead', 'customer'), { nil: null }),
        async (people, searches, lifecycle) => {
          const db = freshDb();
          const customers = createCustomerService(db);
          for (const p of people) {
            // Some drafts are refused (no name nor contact, or an email already taken): fine.
            await customers.create(
              draft({
                first_name: p.first_name,
                last_name: p.last_name,
                emails: p.emails.map((address) => emailDraft(address)),
                phones: p.phones.map((phone) => phoneDraft(phone)),
                lifecycle: p.lifecycle,
              }),
              'US',
            );
          }
          const rows: CustomerListRow[] = await db.customers_crm_v.toArray();
          for (const search of searches) {
            const { exact, close } = referenceMatches(
              rows.map(searchDocOf),
              query({ search, lifecycle }),
            );
            const expected = [...exact, ...close];
            expect(await queryCustomerIds(db, query({ search, lifecycle })), search).toEqual(
              expected,
            );
          }
          db.close();
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('sort stability across query paths', () => {
  it('orders customers with the same name identically with and without a filter, both directions', async () => {
    const db = freshDb();
    await create(db, { first_name: 'Ana', last_name: 'Lima' });
    await create(db, { first_name: 'Ana', last_name: 'Lima' });
    for (const direction of ['asc', 'desc'] as const) {
      const plain = await queryCustomerIds(db, query({ direction }));
      const filtered = await queryCustomerIds(db, query({ direction, lifecycle: 'lead' }));
      const searched = await queryCustomerIds(db, query({ direction, search: 'ana' }));
      expect(filtered).toEqual(plain);
      expect(searched).toEqual(plain);
    }
  });
});
