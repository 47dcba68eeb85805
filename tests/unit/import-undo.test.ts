/**
 * Undo of an import on a real database, through the real importer: later work survives it,
 * the preview says what it will do, and what it removes goes with its emails and phones.
 */
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { ImportJobChunk } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createDealService } from '../../src/renderer/src/services/crm/deals/deal-service';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { createRelationshipService } from '../../src/renderer/src/services/crm/relationships/relationship-service';
import { createTaskService } from '../../src/renderer/src/services/crm/tasks/task-service';
import { emptyDealDraft } from '../../src/renderer/src/domain/deals/deal-draft';
import { capturingDb, draft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';
import type { MergePolicy } from '../../src/renderer/src/domain/import/plan';

/** Edits stamped in the same millisecond as the import would be indistinguishable from it. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

async function runImport(db: CrmDatabase, csv: string, name: string, policy?: MergePolicy) {
  const { session } = await detectedImport(db, csv, name);
  await session.analyse();
  if (policy) session.setPolicy(policy);
  const { job } = await session.commit({ fileName: name, chunkSize: 2 });
  await tick();
  return job.id;
}

async function profileByEmail(db: CrmDatabase, address: string) {
  const email = await db.customer_emails.where('address_normalized').equals(address).first();
  return email ? db.customer_profiles.get(email.customer_id) : undefined;
}

const PEOPLE =
  'Email,First Name,Last Name,Phone,Notes\n' +
  'ana@x.io,Ana,Lima,+49 30 1234567,\n' +
  'bo@x.io,Bo,Ruiz,+44 20 7946 0958,\n' +
  'cy@x.io,Cy,Park,+1 415 555 0134,\n';

describe('undo of customers the import created', () => {
  it('removes the untouched ones, their emails and phones tombstoned (and synced)', async () => {
    const db = await capturingDb();
    const jobId = await runImport(db, PEOPLE, 'people.csv');
    const imports = createImportService(db);
    expect((await imports.undoPreview(jobId)).counts).toEqual({ removed: 3, restored: 0, kept: 0 });
    await imports.undo(jobId);
    const phones = await db.customer_phones.toArray();
    const emails = await db.customer_emails.toArray();
    expect(phones).toHaveLength(3);
    expect(phones.every((phone) => phone.deleted === 1)).toBe(true);
    expect(emails.every((email) => email.deleted === 1)).toBe(true);
    expect(await db.customers_crm_v.count()).toBe(0);
    const outbox = await db.sync_outbox.where('table').equals('customer_phones').toArray();
    expect(outbox.filter((entry) => entry.value?.['deleted'] === 1)).toHaveLength(3);
  });

  it('keeps one edited after the import, with the edit, and removes the others', async () => {
    const db = freshDb();
    const jobId = await runImport(db, PEOPLE, 'people.csv');
    const bo = await profileByEmail(db, 'bo@x.io');
    await createCustomerService(db).updateProfile(bo?.id ?? '', { last_name: 'Ruiz-Vega' });
    const imports = createImportService(db);
    const preview = await imports.undoPreview(jobId);
    expect(preview.counts).toEqual({ removed: 2, restored: 0, kept: 1 });
    expect(preview.kept).toEqual([
      expect.objectContaining({ name: 'Bo Ruiz-Vega', reasons: ['edited since the import'] }),
    ]);
    const done = await imports.undo(jobId);
    expect(done.counts).toEqual(preview.counts);
    expect(await profileByEmail(db, 'bo@x.io')).toMatchObject({
      deleted: 0,
      last_name: 'Ruiz-Vega',
    });
    expect((await profileByEmail(db, 'ana@x.io'))?.deleted).toBe(1);
    const livePhones = (await db.customer_phones.toArray()).filter((p) => p.deleted === 0);
    expect(livePhones.map((p) => p.customer_id)).toEqual([bo?.id]);
    const job = await db.import_jobs.get(jobId);
    expect(job?.status).toBe('undone');
    expect(job?.message).toBe(
      'Undone: 2 customers removed, 0 restored; 1 customer changed since the import kept as it was. Kept: Bo Ruiz-Vega (edited since the import).',
    );
  });

  it('keeps a customer given an email since, and the email', async () => {
    const db = freshDb();
    const jobId = await runImport(db, PEOPLE, 'people.csv');
    const ana = await profileByEmail(db, 'ana@x.io');
    await createCustomerService(db).addEmail(ana?.id ?? '', 'ana.lima@work.io');
    // addEmail also moves the profile's updated_at; the email alone must keep her too.
    await db.customer_profiles.update(ana?.id ?? '', { updated_at: ana?.updated_at });
    const imports = createImportService(db);
    const preview = await imports.undoPreview(jobId);
    expect(preview.kept).toEqual([
      expect.objectContaining({ name: 'Ana Lima', reasons: ['1 email added since'] }),
    ]);
    await imports.undo(jobId);
    expect((await profileByEmail(db, 'ana@x.io'))?.deleted).toBe(0);
    const emails = await db.customer_emails
      .where('customer_id')
      .equals(ana?.id ?? '')
      .toArray();
    expect(emails.map((e) => [e.address, e.deleted])).toEqual([
      ['ana@x.io', 0],
      ['ana.lima@work.io', 0],
    ]);
  });

  it('keeps customers that gained a touchpoint, a task, a deal or a relationship', async () => {
    const db = freshDb();
    const csv = PEOPLE + 'di@x.io,Di,Ng,,\nel@x.io,El,Fox,,\n';
    const jobId = await runImport(db, csv, 'people.csv');
    const id = async (address: string) => (await profileByEmail(db, address))?.id ?? '';
    const [ana, bo, cy, di] = await Promise.all(
      ['ana@x.io', 'bo@x.io', 'cy@x.io', 'di@x.io'].map(id),
    );
    // Only the links: each service may also move the profile's updated_at, reset below.
    const stamps = await db.customer_profiles.bulkGet([ana, bo, cy, di].map((x) => x ?? ''));
    await createCustomerService(db).addTouchpoint(ana ?? '', {
      kind: 'call',
      occurred_at: '2026-01-01T10:00:00Z',
      summary: '',
      value: 0,
    });
    await createTaskService(db).create({ title: 'Call back', customer_id: bo });
    await createDealService(db).create(emptyDealDraftFor('Show'), [
      { customer_id: cy ?? '', role: 'artist', share_percent: null },
    ]);
    const other = await createCustomerService(db).create(draft({ first_name: 'Outside' }), 'US');
    if (!other.ok) throw new Error(JSON.stringify(other));
    await createRelationshipService(db).link(
      other.value,
      { type: 'manages', direction: 'forward' },
      di ?? '',
    );
    for (const stamp of stamps)
      if (stamp) await db.customer_profiles.update(stamp.id, { updated_at: stamp.updated_at });
    const preview = await createImportService(db).undoPreview(jobId);
    expect(preview.counts).toEqual({ removed: 1, restored: 0, kept: 4 });
    expect(preview.kept.map((k) => [k.name, k.reasons]).sort()).toEqual([
      ['Ana Lima', ['1 touchpoint']],
      ['Bo Ruiz', ['1 task']],
      ['Cy Park', ['in 1 deal']],
      ['Di Ng', ['1 relationship']],
    ]);
    await createImportService(db).undo(jobId);
    expect((await profileByEmail(db, 'el@x.io'))?.deleted).toBe(1);
    expect((await profileByEmail(db, 'cy@x.io'))?.deleted).toBe(0);
  });
});

function emptyDealDraftFor(title: string) {
  return { ...emptyDealDraft('EUR'), title, event_name: title, venue: 'Paradiso' };
}

describe('undo of customers the import updated', () => {
  const before = 'Email,First Name,Notes\nana@x.io,Ana,\nbo@x.io,Bo,\n';
  const update =
    'Email,First Name,Notes,Phone\nana@x.io,Anna,From the file,+49 30 1234567\nbo@x.io,Bob,Fan,\n';

  it('keeps an edit made after the import and reverts the rest', async () => {
    const db = freshDb();
    await runImport(db, before, 'before.csv');
    const jobId = await runImport(db, update, 'update.csv', 'overwrite');
    const ana = await profileByEmail(db, 'ana@x.io');
    await createCustomerService(db).updateProfile(ana?.id ?? '', { notes: 'Called her' });
    const imports = createImportService(db);
    const preview = await imports.undoPreview(jobId);
    expect(preview.counts).toEqual({ removed: 0, restored: 1, kept: 1 });
    expect(preview.kept).toEqual([
      expect.objectContaining({ name: 'Anna', reasons: ['Notes edited since'], partly: true }),
    ]);
    await imports.undo(jobId);
    expect(await profileByEmail(db, 'ana@x.io')).toMatchObject({
      first_name: 'Ana',
      notes: 'Called her',
    });
    expect(await profileByEmail(db, 'bo@x.io')).toMatchObject({ first_name: 'Bo', notes: '' });
    // The phone the import added, untouched since, goes.
    expect((await db.customer_phones.toArray()).map((p) => p.deleted)).toEqual([1]);
  });

  it('respects a change made between the preview and the confirmation', async () => {
    const db = freshDb();
    await runImport(db, before, 'before.csv');
    const jobId = await runImport(db, update, 'update.csv', 'overwrite');
    const imports = createImportService(db);
    expect((await imports.undoPreview(jobId)).counts).toEqual({ removed: 0, restored: 2, kept: 0 });
    const bo = await profileByEmail(db, 'bo@x.io');
    await createCustomerService(db).updateProfile(bo?.id ?? '', { first_name: 'Robert' });
    const done = await imports.undo(jobId);
    expect(done.counts).toEqual({ removed: 0, restored: 1, kept: 1 });
    expect(await profileByEmail(db, 'bo@x.io')).toMatchObject({ first_name: 'Robert', notes: '' });
    await expect(imports.undo(jobId)).rejects.toThrow('This import was already undone');
  });

  it('judges undo records written before they kept values by the profile timestamp', async () => {
    const db = freshDb();
    await runImport(db, before, 'before.csv');
    const jobId = await runImport(db, update, 'update.csv', 'overwrite');
    // Strip what older versions did not record.
    const chunks = db.table<ImportJobChunk, string>('import_job_chunks');
    for (const chunk of await chunks.where('job_id').equals(jobId).toArray())
      if (chunk.undo) {
        delete chunk.undo.written_at;
        for (const u of chunk.undo.updated) delete u.written;
        await chunks.put(chunk);
      }
    const ana = await profileByEmail(db, 'ana@x.io');
    await createCustomerService(db).updateProfile(ana?.id ?? '', { notes: 'Called her' });
    await createImportService(db).undo(jobId);
    // Ana was edited since: nothing proves which of her values are the import's, so all stay.
    expect(await profileByEmail(db, 'ana@x.io')).toMatchObject({
      first_name: 'Anna',
      notes: 'Called her',
    });
    expect(await profileByEmail(db, 'bo@x.io')).toMatchObject({ first_name: 'Bo', notes: '' });
  });
});
