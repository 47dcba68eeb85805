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
import { createCustomerService } from '../../src/renderer/src/services/crm/customer-service';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { bufferByteSource } from '@shared/csv';
import { draft, emailDraft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';

async function createCustomer(db: CrmDatabase, firstName: string, email: string): Promise<string> {
  const result = await createCustomerService(db).create(
    draft({ first_name: firstName, emails: [emailDraft(email, true)] }),
    'US',
  );
  if (result.status !== 'created') throw new Error(`setup failed: ${JSON.stringify(result)}`);
  return result.id;
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

describe('import staging', () => {
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
        async (rows, existingAt, policy, skip) => {
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
          const { session, settings } = await detectedImport(db, csv, 'x.csv', 'US', {
            chunkBytes: 64,
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
      { numRuns: 30 },
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
