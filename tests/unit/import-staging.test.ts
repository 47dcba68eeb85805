/**
 * The import session keeps only rows it must plan in full in memory and stages the rest in
 * IndexedDB. These tests hold it to the plan of the whole file (buildPlan over every row, as
 * before staging), to holding few rows, and to leaving no staged rows behind.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { readCsvRows } from '@shared/csv';
import { buildPlan, MERGE_POLICIES } from '../../src/renderer/src/domain/import/plan';
import { convertRow, type ImportCandidate } from '../../src/renderer/src/domain/import/rows';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { bufferByteSource } from '@shared/csv';
import { draft, emailDraft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';
import { BULK_DATABASE_BUDGET_MS } from './budgets';

async function createCustomer(db: CrmDatabase, firstName: string, email: string): Promise<string> {
  const result = await createCustomerService(db).create(
    draft({ first_name: firstName, emails: [emailDraft(email, true)] }),
    'US',
  );
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result)}`);
  return result.value;
}

const HEADER = ['Email', 'Encore ID', 'First Name', 'Phone Number'];
const csvOf = (rows: string[][]) => Papa.unparse({ fields: HEADER, data: rows });

/** Every row's candidate, read the way the session reads them. */
async function allCandidates(
  csv: string,
  settings: Awaited<ReturnType<typeof detectedImport>>['settings'],
): Promise<ImportCandidate[]> {
  const candidates: ImportCandidate[] = [];
  const source = bufferByteSource(new TextEncoder().encode(csv), 'x.csv');
  for await (const batch of readCsvRows(source, settings.dialect))
    batch.rows.forEach((cells, i) => {
      const index = batch.firstRow + i;
      if (index > settings.headerRow) candidates.push(convertRow(cells, index + 1, settings));
    });
  return candidates;
}

describe('import staging', { timeout: BULK_DATABASE_BUDGET_MS }, () => {
  it('plans exactly what a plan of the whole file in memory plans', async () => {
    const emails = ['ana@example.com', 'bo@example.com', 'cy@example.com', 'di@example.com'];
    const row = fc.tuple(
      fc.constantFrom(...emails, '', 'not-an-email', 'ANA@example.com'),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom('', 'Ana', 'Bo'),
      fc.constantFrom('', '+1 415 555 0101', '12'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 14 }),
        fc.subarray([0, 1, 2]),
        fc.constantFrom(...MERGE_POLICIES),
        fc.array(fc.integer({ min: 2, max: 15 }), { maxLength: 2 }),
        fc.constantFrom(0, 1, 1000),
        async (rows, existingAt, policy, skip, holdBudget) => {
          const db = freshDb();
          // Customers in the database: some own pool emails; one more is deleted (its id a tombstone).
          const ids: string[] = [];
          for (const at of existingAt)
            ids.push(await createCustomer(db, `E${at}`, emails[at] ?? ''));
          const gone = await createCustomer(db, 'Gone', 'gone@example.com');
          await createCustomerService(db).remove(gone);
          const pool = [...ids, gone, '0196d1c5-6b8e-7000-8000-000000000001', ''];
          const csv = csvOf(
            rows.map(([email, id, name, phone]) => [
              email,
              pool[id % pool.length] ?? '',
              name,
              phone,
            ]),
          );
          // Read batches of 64 bytes: a row or two per staged record, so duplicates, fixes and
          // the writer all cross batches.
          // A budget of 0 or 1 plans rows matching the database alone (from their bits).
          const { session, settings } = await detectedImport(db, csv, 'x.csv', 'US', {
            chunkBytes: 64,
            holdBudget,
          });
          await session.analyse();
          for (const r of skip) if (r <= rows.length + 1) await session.setSkipped(r, true);
          const analysis = session.setPolicy(policy);

          const candidates = await allCandidates(csv, settings);
          const service = createImportService(db);
          const index = await service.lookupExisting(
            candidates.flatMap((c) => c.emails.map((e) => e.normalized)),
            candidates.flatMap((c) => (c.encore_id ? [c.encore_id] : [])),
          );
          const whole = buildPlan(candidates, index, policy, new Set(skip));
          expect(analysis.plan).toEqual(whole.counts);

          const { job } = await session.commit({ fileName: 'x.csv', chunkSize: 3 });
          expect(job.counts['created']).toBe(whole.counts.new);
          expect(job.counts['written_updates']).toBe(whole.counts.updated);
          expect(await db.import_staging.count()).toBe(0);
          await db.delete();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('holds in memory only rows with issues, duplicates and database matches', async () => {
    const db = freshDb();
    await createCustomer(db, 'Known', 'known@example.com');
    const rows = Array.from({ length: 3000 }, (_, i) => [`p${i}@example.com`, '', `P${i}`, '']);
    rows[10] = ['p2000@example.com', '', 'Again', '']; // shares an email with a later row
    rows[20] = ['broken@', '', 'Broken', '']; // an issue
    rows[30] = ['known@example.com', '', 'Known', '']; // in the database
    const { session } = await detectedImport(db, csvOf(rows), 'many.csv', 'US', {
      chunkBytes: 4096,
    });
    const analysis = await session.analyse();
    expect(session.heldRows).toBe(4);
    expect(analysis.plan).toMatchObject({
      rows_read: 3000,
      new: 2997,
      duplicates_in_file: 1,
      invalid_emails: 1,
      unchanged: 1,
    });
    // One staged record per batch the reader yields.
    const batches = await db.import_staging.toArray();
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.reduce((sum, batch) => sum + batch.candidates.length, 0)).toBe(3000);
    const { job } = await session.commit({ fileName: 'many.csv', chunkSize: 700 });
    expect(job.counts['created']).toBe(2997);
    expect(job.committed).toBe(job.total);
    expect(await db.customers_crm_v.count()).toBe(2998);
    // The duplicate's two rows became one customer with the first row's name.
    const merged = await db.customer_emails
      .where('address_normalized')
      .equals('p2000@example.com')
      .first();
    expect((await db.customer_profiles.get(merged?.customer_id ?? ''))?.first_name).toBe('Again');
    expect(await db.import_staging.count()).toBe(0);
    await expect(session.commit({ fileName: 'many.csv' })).rejects.toThrow(/Choose the file again/);
  });

  /** Live customers as the user sees them, keyed by their first email (ids differ per db). */
  async function snapshot(db: CrmDatabase) {
    const live = <T extends { deleted: 0 | 1 }>(rows: T[]) => rows.filter((r) => r.deleted === 0);
    const emails = live(await db.customer_emails.toArray());
    const phones = live(await db.customer_phones.toArray());
    const profiles = live(await db.customer_profiles.toArray());
    return profiles
      .map((p) => ({
        emails: emails
          .filter((e) => e.customer_id === p.id)
          .map((e) => e.address_normalized)
          .sort(),
        phones: phones
          .filter((ph) => ph.customer_id === p.id)
          .map((ph) => ph.e164)
          .sort(),
        name: `${p.first_name}|${p.last_name}`,
        notes: p.notes,
        tags: [...p.tags].sort(),
      }))
      .sort((a, b) => (a.emails.join() < b.emails.join() ? -1 : 1));
  }

  /** 40 customers, c8 with a second email; the same in every database it is called on. */
  async function seed(db: CrmDatabase): Promise<void> {
    const customers = createCustomerService(db);
    for (let i = 0; i < 40; i++) {
      const emails = [emailDraft(`c${i}@example.com`, true)];
      if (i === 8) emails.push(emailDraft('c8b@example.com'));
      const result = await customers.create(
        draft({ first_name: i % 3 === 0 ? '' : `C${i}`, emails, tags: i % 2 ? ['vip'] : [] }),
        'US',
      );
      if (!result.ok) throw new Error('setup failed');
    }
  }

  it.each(MERGE_POLICIES)(
    'writes the same customers whether matches are held or planned alone (%s)',
    async (policy) => {
      const header = ['Email', 'First Name', 'Phone Number', 'Tags'];
      const rows = Array.from({ length: 40 }, (_, i) => [
        `C${i}@example.com`,
        i % 4 === 0 ? `New${i}` : '',
        i % 5 === 0 ? `+1 415 555 01${String(i).padStart(2, '0')}` : '',
        i % 6 === 0 ? 'promoter' : '',
      ]);
      rows.push(['c8b@example.com', 'Second', '', 'late']); // names c8 by its other email
      for (let i = 0; i < 20; i++) rows.push([`n${i}@example.com`, `N${i}`, '', '']);
      const csv = Papa.unparse({ fields: header, data: rows });
      const results = [];
      for (const holdBudget of [0, undefined]) {
        const db = freshDb();
        await seed(db);
        const before = await snapshot(db);
        const { session } = await detectedImport(db, csv, 'm.csv', 'US', {
          chunkBytes: 256,
          holdBudget,
        });
        await session.analyse();
        const analysis = session.setPolicy(policy);
        const held = session.heldRows;
        const { job } = await session.commit({ fileName: 'm.csv', chunkSize: 7 });
        expect(job.committed).toBe(job.total);
        const after = await snapshot(db);
        await createImportService(db).undo(job.id);
        expect(await snapshot(db)).toEqual(before);
        results.push({ counts: analysis.plan, held, after, job: job.counts });
        await db.delete();
      }
      const [alone, held] = results;
      // Planned alone, only the two rows naming c8 are held; under the budget, every match is.
      expect(alone?.held).toBe(2);
      expect(held?.held).toBe(41);
      expect(alone?.counts).toEqual(held?.counts);
      expect(alone?.job).toEqual(held?.job);
      expect(alone?.after).toEqual(held?.after);
      expect(alone?.counts).toMatchObject({ rows_read: 61, new: 20, duplicates_in_file: 1 });
    },
  );

  it('does not write a row planned alone that names two people by the time it is written', async () => {
    const db = freshDb();
    const x = await createCustomer(db, 'Xa', 'x@example.com');
    const y = await createCustomer(db, 'Ya', 'y@example.com');
    const csv = csvOf([
      ['x@example.com', x, 'Xavier', ''],
      ['new@example.com', '', 'New', ''],
    ]);
    const { session } = await detectedImport(db, csv, 'late.csv', 'US', { holdBudget: 0 });
    expect((await session.analyse()).plan).toMatchObject({ updated: 0, unchanged: 1, new: 1 });
    const overwrite = session.setPolicy('overwrite');
    expect(overwrite.plan).toMatchObject({ updated: 1, new: 1, matched_by_id: 1 });
    expect(session.heldRows).toBe(0);
    // Meanwhile x@ moves to Y: the row's Encore ID names X, its email Y.
    const email = await db.customer_emails
      .where('address_normalized')
      .equals('x@example.com')
      .first();
    await db.customer_emails.update(email?.id ?? '', { customer_id: y });
    const { job } = await session.commit({ fileName: 'late.csv' });
    expect(job.counts).toMatchObject({ created: 1, written_updates: 0, conflicts: 1 });
    expect((await db.customer_profiles.get(x))?.first_name).toBe('Xa');
    // Counted as done, so the progress reaches its end.
    expect(job.committed).toBe(job.total);
    // Listed in the error report with its original cells.
    expect(job.error_count).toBe(1);
    const report = await createImportService(db).errorReport(job.id);
    expect(report.split('\r\n')[1]).toBe(
      `2,Not written: its Encore ID and an email now name two different customers,x@example.com,${x},Xavier,`,
    );
  });

  it('does not write a row planned alone whose customer was deleted or is no longer its match', async () => {
    const db = freshDb();
    const x = await createCustomer(db, 'Xa', 'x@example.com');
    const c = await createCustomer(db, 'Ca', 'c@example.com');
    const d = await createCustomer(db, 'Da', 'd@example.com');
    const csv = csvOf([
      ['x@example.com', '', 'Xavier', ''],
      ['d@example.com', '', 'Dee', ''],
      ['c@example.com', '', 'Cee', ''],
    ]);
    const { session } = await detectedImport(db, csv, 'late.csv', 'US', { holdBudget: 0 });
    await session.analyse();
    expect(session.setPolicy('overwrite').plan).toMatchObject({ updated: 3, new: 0 });
    expect(session.heldRows).toBe(0);
    // Meanwhile X is deleted and c@ moves from C to D (a merge in another window, say).
    await createCustomerService(db).remove(x);
    const email = await db.customer_emails
      .where('address_normalized')
      .equals('c@example.com')
      .first();
    await db.customer_emails.update(email?.id ?? '', { customer_id: d });
    const { job } = await session.commit({ fileName: 'late.csv' });
    // Neither a deleted customer brought back nor D updated twice from two rows.
    expect(job.counts).toMatchObject({ created: 0, written_updates: 1, conflicts: 2 });
    expect(job.committed).toBe(job.total);
    expect((await db.customer_profiles.get(d))?.first_name).toBe('Dee');
    expect((await db.customer_profiles.get(c))?.first_name).toBe('Ca');
    expect((await db.customer_profiles.toArray()).filter((p) => p.deleted === 0)).toHaveLength(2);
    const report = (await createImportService(db).errorReport(job.id)).trimEnd().split('\r\n');
    expect(report.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([
      ['2', 'Not written: the customer it matched was changed or deleted meanwhile'],
      ['4', 'Not written: the customer it matched was changed or deleted meanwhile'],
    ]);
  });

  it('plans a row in full once a fix gives it an email of a row not held', async () => {
    const db = freshDb();
    const rows = [
      ['ana@example.com', '', 'Ana', ''],
      ['bo@', '', 'Bo', ''],
    ];
    const { session } = await detectedImport(db, csvOf(rows), 'fix.csv', 'US', { chunkBytes: 40 });
    expect((await session.analyse()).plan).toMatchObject({ new: 1, invalid_emails: 1 });
    expect(session.heldRows).toBe(1);
    const fixed = await session.fixCell(3, 0, 'ana@example.com');
    expect(session.heldRows).toBe(2);
    expect(fixed.plan).toMatchObject({ new: 1, duplicates_in_file: 1 });
    // The fix is staged too, in the row's own batch.
    const staged = (await db.import_staging.toArray()).flatMap((batch) => batch.candidates);
    expect(staged.map((c) => [c.row, c.emails[0]?.normalized])).toEqual([
      [2, 'ana@example.com'],
      [3, 'ana@example.com'],
    ]);
    const { job } = await session.commit({ fileName: 'fix.csv' });
    expect(job.counts['created']).toBe(1);
  });

  it('drops the staged rows of sessions nobody holds when an import starts', async () => {
    const held = new Set<string>();
    vi.stubGlobal('navigator', {
      locks: {
        request: async (name: string, callback: () => Promise<void>) => {
          held.add(name);
          await callback();
          held.delete(name);
        },
        query: async () => ({ held: [...held].map((name) => ({ name })) }),
      },
    });
    try {
      const db = freshDb();
      const csv = csvOf([['ana@example.com', '', 'Ana', '']]);
      // A window that crashed mid-wizard left its rows; nobody holds its lock.
      await db.import_staging.bulkPut([
        { session: 'crashed', row: 2, candidates: [] },
        { session: 'crashed', row: 9, candidates: [] },
      ]);
      const alive = (await detectedImport(db, csv, 'a.csv')).session;
      await alive.analyse();
      const next = (await detectedImport(db, csv, 'b.csv')).session;
      await next.analyse();
      const sessions = new Set((await db.import_staging.toArray()).map((s) => s.session));
      expect(sessions.has('crashed')).toBe(false);
      expect(sessions.size).toBe(2);
      await alive.dispose();
      expect(await db.import_staging.count()).toBe(1);
      // Opening the import page drops only what nobody holds: the live session stays.
      await db.import_staging.put({ session: 'closed', row: 2, candidates: [] });
      await createImportService(db).dropAbandonedStaging();
      expect(await db.import_staging.count()).toBe(1);
      await next.dispose();
      expect(await db.import_staging.count()).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
