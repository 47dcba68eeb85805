/**
 * The first sync's apply, measured in what it asks of IndexedDB (docs/sync.md, "First sync"):
 * a page of rows this laptop has never seen is written with about 5/3 requests per row (the
 * rows, their list rows, the email claims, one search journal entry per page) and no read by key; the work
 * only some pages need (merged customers, shared addresses) still happens on those pages.
 */
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { mergeCustomers } from '../../src/renderer/src/services/crm/duplicates/merge-service';
import { applyPage } from '../../src/renderer/src/sync/apply';
import { pullAll } from '../../src/renderer/src/sync/engine';
import { storedByIds, storedByIndex } from '../../src/renderer/src/sync/stored-rows';
import { SYNC_KEYS } from '../../src/renderer/src/sync/sync-state';
import { draft, emailDraft, freshDb } from '../unit/helpers';
import { callsMatching, callsTo, countIdbCalls } from './idb-calls';
import {
  clockAt,
  customerRows,
  pagesTransport,
  remoteEmail,
  remotePhone,
  remoteProfile,
} from './pulled-pages';

const READS_BY_KEY = ['customer_profiles get', 'customer_emails get', 'customer_phones get'];

async function pull(db: CrmDatabase, rows: Parameters<typeof pagesTransport>[0], pageSize = 2000) {
  return countIdbCalls(() => pullAll(db, pagesTransport(rows), { pageSize }));
}

describe('first sync into an empty database', () => {
  it('writes each page with about 5/3 requests per row (one journal entry per page) and reads no row by key', async () => {
    const db = freshDb();
    await db.open();
    const rows = customerRows(900); // 2,700 rows: pages of 2,000 and 700
    const { result, calls } = await pull(db, rows);
    expect(result.pulled).toBe(2700);
    expect(result.rejected).toEqual([]);
    // What a first sync must write: 3 rows, 1 list row and 1 email claim per customer, and one
    // search journal entry per page = 5/3 per row. Reads are a few per page, never one per row:
    // by key only the profile of a customer whose rows straddle two pages (its list row is
    // rebuilt).
    expect(callsTo(calls, ...READS_BY_KEY)).toBeLessThanOrEqual(1);
    expect(callsMatching(calls, 'customer_emails[address_normalized]')).toBeLessThanOrEqual(4);
    expect(callsMatching(calls, 'search_journal')).toBeLessThanOrEqual(2);
    const total = Object.values(calls).reduce((sum, count) => sum + count, 0);
    expect(total / rows.length).toBeLessThan(1.75);
    // And everything is there, the list rows whole.
    expect(await db.customers_crm_v.count()).toBe(900);
    const row = await db.customers_crm_v.get('0190cust-0000007');
    expect(row).toMatchObject({
      display_name: 'First7 Last7',
      primary_email: 'person7@example.com',
      primary_phone: '+14152000007',
    });
    expect(await db.sync_outbox.count()).toBe(0);
  });

  it('applies a page over stored rows as before: merged field by field, by key', async () => {
    const db = freshDb();
    await db.open();
    await pull(db, customerRows(50));
    const later = clockAt(Date.now(), 1);
    const { calls } = await pull(db, [
      remoteProfile('0190cust-0000003', later, { first_name: 'Renamed', last_name: 'Last3' }),
    ]);
    expect(callsTo(calls, 'customer_profiles get')).toBeGreaterThan(0);
    expect((await db.customers_crm_v.get('0190cust-0000003'))?.display_name).toBe('Renamed Last3');
    expect(await db.customers_crm_v.count()).toBe(50);
  });
});

describe('pages in flight', () => {
  it('asks for the next page while the current one is written', async () => {
    const db = freshDb();
    await db.open();
    const inner = pagesTransport(customerRows(1500)); // 4,500 rows: 3 pages of 2,000
    const listRowsAtRequest: number[] = [];
    const transport: typeof inner = async (request) => {
      listRowsAtRequest.push(await db.customers_crm_v.count());
      return inner(request);
    };
    const result = await pullAll(db, transport, {});
    expect(result.pulled).toBe(4500);
    // Page 2 was asked for before page 1 was written, page 3 before page 2 was.
    expect(listRowsAtRequest).toEqual([0, 0, expect.any(Number)]);
    expect(listRowsAtRequest[2]).toBeLessThan(1333);
    expect(await db.customers_crm_v.count()).toBe(1500);
    expect((await db.sync_state.get(SYNC_KEYS.cursor))?.value).toMatch(/:4500$/);
  });

  it('a page that fails to download after one was written keeps that page and its cursor', async () => {
    const db = freshDb();
    await db.open();
    const inner = pagesTransport(customerRows(1000)); // pages of 2,000 and 1,000
    let requests = 0;
    const failing: typeof inner = async (request) => {
      requests += 1;
      if (requests === 2) throw new Error('connection dropped');
      return inner(request);
    };
    await expect(pullAll(db, failing, {})).rejects.toThrow('connection dropped');
    expect(await db.customers_crm_v.count()).toBeGreaterThan(600);
    expect((await db.sync_state.get(SYNC_KEYS.cursor))?.value).toMatch(/:2000$/);
    // The next sync goes on from there.
    const again = await pullAll(db, inner, {});
    expect(again.pulled).toBe(1000);
    expect(await db.customers_crm_v.count()).toBe(1000);
  });
});

describe('work only some pages need', () => {
  async function mergedPair(db: CrmDatabase) {
    const customers = createCustomerService(db);
    const made = await Promise.all(
      ['ana@agency.se', 'ana@gmail.com'].map((address) =>
        customers.create(
          draft({ first_name: 'Ana', last_name: 'Andersson', emails: [emailDraft(address, true)] }),
          'SE',
        ),
      ),
    );
    const [survivor, merged] = made.map((made) => (made.ok ? made.value : '')) as [string, string];
    expect((await mergeCustomers(db, { survivorId: survivor, otherIds: [merged] })).ok).toBe(true);
    return { survivor, merged };
  }

  it('a pulled phone of a customer merged away here moves to the survivor', async () => {
    const db = freshDb();
    const { survivor, merged } = await mergedPair(db);
    const hlc = clockAt(Date.now(), 5);
    await pull(db, [
      ...customerRows(20),
      remotePhone('0190phon-merged', merged, '+46701234567', hlc),
    ]);
    expect((await db.customer_phones.get('0190phon-merged'))?.customer_id).toBe(survivor);
    expect((await db.customers_crm_v.get(survivor))?.primary_phone).toBe('+46701234567');
  });

  it('a pull whose customers were never merged reads no profile for the merge redirect', async () => {
    const db = freshDb();
    await mergedPair(db); // merged customers exist, but the page names none of them
    const { calls } = await pull(db, customerRows(20));
    expect(callsTo(calls, 'customer_profiles get')).toBe(0);
  });

  it('an address pulled for a second customer is still resolved: the later claim keeps it', async () => {
    const db = freshDb();
    await db.open();
    const early = clockAt(Date.now() - 10_000, 1);
    const late = clockAt(Date.now() - 5_000, 1);
    await pull(db, [
      remoteProfile('0190cust-a', early),
      remoteEmail('0190mail-a', '0190cust-a', 'shared@example.com', early),
    ]);
    const { result } = await pull(db, [
      ...customerRows(10),
      remoteProfile('0190cust-b', late),
      remoteEmail('0190mail-b', '0190cust-b', 'shared@example.com', late),
    ]);
    expect(result.rejected).toEqual([]);
    expect((await db.customer_emails.get('0190mail-a'))?.deleted).toBe(1);
    expect((await db.customer_emails.get('0190mail-b'))?.deleted).toBe(0);
  });

  it('a page with no shared address reads no customer for the email rule', async () => {
    const db = freshDb();
    await db.open();
    const page = customerRows(30);
    const applied = await countIdbCalls(() => applyPage(db, page, 'c1'));
    expect(applied.result.written).toBe(90);
    expect(callsTo(applied.calls, 'customer_profiles get')).toBe(0);
  });
});

describe('bulk reads of a page', () => {
  it('find exactly the stored rows, whether the range is empty, sparse or crowded', async () => {
    const db = freshDb();
    await db.open();
    await pull(db, customerRows(400));
    const table = db.customer_profiles;
    // Sparse: 3 stored among 10 wanted in a range of 400 stored rows -> the range is crowded.
    const wanted = ['0190cust-0000001', '0190cust-0000399', '0190cust-9', '0190cust-0000200'];
    const found = await storedByIds(table, wanted);
    expect(found.map((row) => row?.id)).toEqual([
      '0190cust-0000001',
      '0190cust-0000399',
      undefined,
      '0190cust-0000200',
    ]);
    // Together: the range holds just them.
    const near = await storedByIds(table, ['0190cust-0000010', '0190cust-0000011', '0190cust-x']);
    expect(near.map((row) => row?.id)).toEqual(['0190cust-0000010', '0190cust-0000011', undefined]);
    const emails = await storedByIndex(db.customer_emails, 'address_normalized', [
      'person1@example.com',
      'person399@example.com',
      'nobody@example.com',
    ]);
    expect(emails.map((row) => row.id).sort()).toEqual(['0190mail-0000001', '0190mail-0000399']);
  });
});
