// Re-importing our own exports: the "Encore ID" column identifies people (with or without an
// email), matches them before their emails do, restores them with the same id into another
// database, and never lets an id and an email of two different people merge.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import {
  EXPORT_COLUMN_GROUPS,
  exportHeader,
  exportLayout,
} from '../../src/renderer/src/domain/export/export-columns';
import { newId } from '../../src/renderer/src/domain/ids';
import { autoMap, mappingProblems } from '../../src/renderer/src/domain/import/mapping';
import {
  buildPlan,
  emptyExistingIndex,
  type ExistingCustomer,
  type ExistingIndex,
} from '../../src/renderer/src/domain/import/plan';
import { convertRow, type ImportCandidate } from '../../src/renderer/src/domain/import/rows';
import { readEncoreId } from '../../src/renderer/src/domain/import/values';
import { NO_CONSENT } from '../../src/renderer/src/domain/consent';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createExportService } from '../../src/renderer/src/services/crm/export/export-service';
import { errorReportCsv } from '../../src/renderer/src/services/crm/import/import-jobs';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';
import { detectedImport } from './import-helpers';

const ID_A = '019a0000-0000-7000-8000-00000000000a';
const ID_B = '019a0000-0000-7000-8000-00000000000b';
const ID_C = '019a0000-0000-7000-8000-00000000000c';

// ---- pure: mapping, rows, plan -------------------------------------------------------------

describe('mapping our own export headers', () => {
  it('recognises every importable Encore column, pairing labels and phone types', () => {
    const headers = exportHeader(exportLayout(EXPORT_COLUMN_GROUPS, 2, 2));
    const mapping = autoMap(headers);
    const fieldOf = (header: string) => mapping.find((m) => m.header === header);
    expect(fieldOf('Encore ID')?.field).toBe('encore_id');
    expect(fieldOf('Email 2 label')).toMatchObject({
      field: 'email_label',
      pairs_with: headers.indexOf('Email 2'),
    });
    expect(fieldOf('Phone 2 type')).toMatchObject({
      field: 'phone_type',
      pairs_with: headers.indexOf('Phone 2'),
    });
    expect(fieldOf('Phone 1 label')).toMatchObject({
      field: 'phone_label',
      pairs_with: headers.indexOf('Phone 1'),
    });
    const skipped = mapping.filter((m) => m.field === 'skip').map((m) => m.header);
    expect(skipped).toEqual([
      'Owner',
      'Email consent source',
      'Email consent changed at',
      'SMS consent source',
      'SMS consent changed at',
      'Created at',
      'Updated at',
      'Relations',
    ]);
  });

  it('matches header variants of the id, not other systems’ ids', () => {
    for (const header of ['Encore ID', 'encore_id', 'EncoreID', 'Encore Id', 'Encore-ID'])
      expect(autoMap([header])[0]?.field).toBe('encore_id');
    for (const header of ['Record ID', 'ID', 'Contact ID'])
      expect(autoMap([header])[0]?.field).toBe('skip');
    expect(mappingProblems(autoMap(['Encore ID', 'First name']))).toEqual([]);
  });

  it('reads UUIDs only, lower-cased', () => {
    expect(readEncoreId(` ${ID_A.toUpperCase()} `)).toBe(ID_A);
    expect(readEncoreId(newId())).not.toBeNull();
    for (const bad of ['', '42', 'not-an-id', `${ID_A}x`, ID_A.replace(/-/g, '')])
      expect(readEncoreId(bad)).toBeNull();
  });
});

const mapping = autoMap(['Encore ID', 'Email', 'First Name', 'Phone']);
const settings = { mapping, defaultRegion: 'US', dateFormat: 'YYYY-MM-DD' as const };
const row = (n: number, cells: [string, string, string, string?]) =>
  convertRow(
    cells.map((c) => c ?? ''),
    n,
    settings,
  );

describe('identity rule', () => {
  it('a valid email or a valid Encore ID identifies a person; neither blocks the row', () => {
    expect(row(2, [ID_A, '', 'Ana']).blocked).toBe(false);
    expect(row(2, [ID_A, '', 'Ana']).encore_id).toBe(ID_A);
    expect(row(3, ['', 'ana@x.io', 'Ana']).blocked).toBe(false);
    const neither = row(4, ['', '', 'Ana', '+1 415 555 0100']);
    expect(neither.blocked).toBe(true);
    expect(neither.issues).toEqual([
      {
        kind: 'no-email',
        column: null,
        message: 'No email and no Encore ID: nothing to match or identify this person by',
      },
    ]);
  });

  it('an invalid id is an issue and is ignored; an invalid email beside a valid id is dropped', () => {
    const badId = row(2, ['12345', 'ana@x.io', 'Ana']);
    expect(badId).toMatchObject({ blocked: false, encore_id: null });
    expect(badId.issues).toEqual([
      { kind: 'invalid-id', column: 0, message: expect.stringContaining('not an Encore ID') },
    ]);
    const onlyBadId = row(3, ['12345', '', 'Ana']);
    expect(onlyBadId.blocked).toBe(true);
    expect(onlyBadId.issues.map((i) => i.kind)).toEqual(['invalid-id']);
    const badEmail = row(4, [ID_A, 'ana@', 'Ana']);
    expect(badEmail).toMatchObject({ blocked: false, encore_id: ID_A, emails: [] });
    expect(badEmail.issues.map((i) => i.kind)).toEqual(['invalid-email']);
  });

  it('files without an id column keep today’s rule and message', () => {
    const plain = convertRow(['', 'Ana'], 2, { ...settings, mapping: autoMap(['Email', 'Name']) });
    expect(plain.blocked).toBe(true);
    expect(plain.issues[0]?.message).toBe('No email: nothing to match or identify this person by');
  });
});

function existing(id: string, first: string, emails: string[]): ExistingCustomer {
  return {
    id,
    profile: {
      first_name: first,
      last_name: '',
      date_of_birth: null,
      notes: '',
      tags: [],
      lifecycle: 'lead',
      email_consent: NO_CONSENT,
      sms_consent: NO_CONSENT,
    },
    emails,
    phones: [],
  };
}

function index(customers: ExistingCustomer[], deleted: string[] = []): ExistingIndex {
  return {
    byEmail: new Map(customers.flatMap((c) => c.emails.map((e) => [e, c] as const))),
    byId: new Map(customers.map((c) => [c.id, c])),
    deletedIds: new Set(deleted),
  };
}

describe('the plan with Encore IDs', () => {
  it('merges rows with the same id within the file, and an email-only row of the same person', () => {
    const plan = buildPlan(
      [
        row(2, [ID_A, '', 'Ana']),
        row(3, [ID_A, 'ana@x.io', '', '+1 415 555 0100']),
        row(4, ['', 'ANA@x.io', 'Anna']),
      ],
      emptyExistingIndex(),
      'fill-blanks',
    );
    expect(plan.counts).toMatchObject({ new: 1, restored_ids: 1, duplicates_in_file: 2 });
    const only = plan.customers[0];
    expect(only).toMatchObject({ kind: 'new', id: ID_A, rows: [2, 3, 4] });
    expect(only?.candidate.first_name).toBe('Ana');
    expect(only?.candidate.emails.map((e) => e.normalized)).toEqual(['ana@x.io']);
    expect(only?.candidate.phones).toHaveLength(1);
  });

  it('an id-less row and a later row adding the id become one person with that id', () => {
    const plan = buildPlan(
      [row(2, ['', 'ana@x.io', 'Ana']), row(3, [ID_A, 'ana@x.io', 'Ana'])],
      emptyExistingIndex(),
      'fill-blanks',
    );
    expect(plan.customers).toMatchObject([{ kind: 'new', id: ID_A, rows: [2, 3] }]);
  });

  it('blocks a row whose email is on a row with another Encore ID', () => {
    const plan = buildPlan(
      [row(2, [ID_A, 'ana@x.io', 'Ana']), row(3, [ID_B, 'ana@x.io', 'Ben'])],
      emptyExistingIndex(),
      'fill-blanks',
    );
    expect(plan.counts).toMatchObject({
      new: 1,
      id_conflicts: 1,
      rows_not_importable: 1,
      rows_with_issues: 1,
    });
    expect(plan.conflicts.get(3)).toEqual({
      kind: 'id-conflict',
      column: 1,
      message: 'Email also on row 2, with another Encore ID',
    });
  });

  it('matches by id before email, under the merge policy', () => {
    const ana = existing(ID_A, 'Ana', ['ana@x.io']);
    const candidates = [row(2, [ID_A, 'ana.new@x.io', 'Anna'])];
    const overwrite = buildPlan(candidates, index([ana]), 'overwrite');
    expect(overwrite.counts).toMatchObject({ new: 0, updated: 1, matched_by_id: 1 });
    expect(overwrite.customers[0]).toMatchObject({
      kind: 'update',
      existingId: ID_A,
      changes: { first_name: 'Anna' },
      addEmails: [{ normalized: 'ana.new@x.io' }],
    });
    const skip = buildPlan(candidates, index([ana]), 'skip');
    expect(skip.customers[0]).toMatchObject({ kind: 'skip-existing', existingId: ID_A });
  });

  it('blocks a row whose id is one customer and whose email is another’s, naming both', () => {
    const plan = buildPlan(
      [row(2, [ID_A, 'ben@x.io', 'Ana'])],
      index([existing(ID_A, 'Ana', ['ana@x.io']), existing(ID_B, 'Ben', ['ben@x.io'])]),
      'overwrite',
    );
    expect(plan.customers).toEqual([]);
    expect(plan.counts).toMatchObject({ id_conflicts: 1, rows_not_importable: 1, updated: 0 });
    expect(plan.conflicts.get(2)?.message).toBe('Encore ID of "Ana", email of "Ben"');
  });

  it('restores an unknown id, renews a deleted one, and falls back to email when the id is unknown', () => {
    const cyrus = existing(newId(), 'Cyrus', ['cy@x.io']);
    const plan = buildPlan(
      [row(2, [ID_A, '', 'Ana']), row(3, [ID_B, '', 'Ben']), row(4, [ID_C, 'cy@x.io', 'Cyrus'])],
      index([cyrus], [ID_B]),
      'fill-blanks',
    );
    expect(plan.customers.map((c) => [c.kind, c.kind === 'new' ? c.id : c.existingId])).toEqual([
      ['new', ID_A],
      ['new', null],
      ['unchanged', cyrus.id],
    ]);
    expect(plan.counts).toMatchObject({ new: 2, restored_ids: 1, renewed_ids: 1, unchanged: 1 });
  });

  it('groups finding the same customer (one by id, one by its other email) become one update', () => {
    const ana = existing(ID_A, 'Ana', ['ana@x.io', 'ana@work.io']);
    const plan = buildPlan(
      [row(2, [ID_A, '', 'Ana', '+1 415 555 0100']), row(3, ['', 'ana@work.io', 'Ana'])],
      index([ana]),
      'fill-blanks',
    );
    expect(plan.customers).toMatchObject([{ kind: 'update', existingId: ID_A, rows: [2, 3] }]);
    expect(plan.counts).toMatchObject({ updated: 1, duplicates_in_file: 1, matched_by_id: 1 });
  });

  it('never plans two customers with the same id or email, whatever the rows', () => {
    const ids = [ID_A, ID_B, ID_C, '', 'bad'];
    const emails = ['a@x.io', 'b@x.io', 'c@x.io', '', 'bad@'];
    const rowArb = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...emails));
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 12 }),
        fc.constantFrom('fill-blanks', 'overwrite', 'skip') as fc.Arbitrary<
          'fill-blanks' | 'overwrite' | 'skip'
        >,
        fc.boolean(),
        (cells, policy, withDb) => {
          const candidates: ImportCandidate[] = cells.map(([id, email], i) =>
            row(i + 2, [id, email, `P${i}`]),
          );
          const db = withDb
            ? index([existing(ID_A, 'A', ['b@x.io']), existing(newId(), 'C', ['c@x.io'])], [ID_B])
            : emptyExistingIndex();
          const plan = buildPlan(candidates, db, policy);
          const planned = plan.customers;
          // Every importable row is in exactly one planned customer or blocked by the plan.
          const rows = planned.flatMap((c) => c.rows);
          expect(new Set(rows).size).toBe(rows.length);
          for (const c of candidates)
            expect(rows.includes(c.row)).toBe(!c.blocked && !plan.conflicts.has(c.row));
          // No id and no email twice among the customers the plan creates or finds.
          const created = planned.flatMap((c) => (c.kind === 'new' && c.id ? [c.id] : []));
          const found = planned.flatMap((c) => (c.kind === 'new' ? [] : [c.existingId]));
          expect(new Set([...created, ...found]).size).toBe(created.length + found.length);
          for (const id of created) expect(db.byId.has(id) || db.deletedIds.has(id)).toBe(false);
          const owners = new Map<string, string>();
          planned.forEach((c, n) => {
            const key = c.kind === 'new' ? `new${n}` : c.existingId;
            const mine =
              c.kind === 'new'
                ? c.candidate.emails.map((e) => e.normalized)
                : c.addEmails.map((e) => e.normalized);
            for (const email of mine) {
              const owner = owners.get(email) ?? db.byEmail.get(email)?.id;
              expect(owner === undefined || owner === key).toBe(true);
              owners.set(email, key);
            }
          });
          expect(plan.counts.new + plan.counts.updated + plan.counts.unchanged).toBe(
            planned.length - plan.counts.skipped_existing,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---- the import service on our own exports -------------------------------------------------

async function exportAll(db: CrmDatabase): Promise<string> {
  const exporter = createExportService(db);
  const plan = await exporter.plan({ kind: 'all' }, EXPORT_COLUMN_GROUPS);
  let csv = '';
  for await (const chunk of exporter.stream(plan)) csv += chunk.text;
  return csv;
}

async function sessionFor(db: CrmDatabase, csv: string, name = 'export.csv') {
  return (await detectedImport(db, csv, name)).session;
}

const live = async (db: CrmDatabase) =>
  (await db.customer_profiles.toArray()).filter((p) => p.deleted === 0);

async function seed(db: CrmDatabase) {
  const customers = createCustomerService(db);
  const ana = await customers.create(
    draft({
      first_name: 'Ana',
      last_name: 'Lima',
      emails: [emailDraft('ana@x.io', true)],
      tags: ['vip'],
      lifecycle: 'customer',
    }),
    'US',
  );
  // No email at all: a name and a phone.
  const bo = await customers.create(
    draft({ first_name: 'Bo', phones: [phoneDraft('+1 415 555 0101', true)] }),
    'US',
  );
  if (!ana.ok || !bo.ok) throw new Error('seed failed');
  return { customers, ana: ana.value, bo: bo.value };
}

describe('re-importing an export with the Encore ID column', () => {
  it('into the same database: nothing new, fields restored under overwrite, email-less included', async () => {
    const db = freshDb();
    const { customers, ana, bo } = await seed(db);
    const csv = await exportAll(db);
    await customers.updateProfile(ana, { first_name: 'Changed', lifecycle: 'inactive' });
    await customers.updateProfile(bo, { first_name: 'Bob' });

    const session = await sessionFor(db, csv);
    let analysis = await session.analyse();
    expect(analysis.plan).toMatchObject({ new: 0, matched_by_id: 2, rows_not_importable: 0 });
    analysis = session.setPolicy('overwrite');
    expect(analysis.plan).toMatchObject({ new: 0, updated: 2 });
    const { job } = await session.commit({ fileName: 'export.csv' });
    expect(job.counts).toMatchObject({ created: 0, written_updates: 2, conflicts: 0 });
    const people = await live(db);
    expect(people).toHaveLength(2);
    expect(people.find((p) => p.id === ana)).toMatchObject({
      first_name: 'Ana',
      lifecycle: 'customer',
    });
    expect(people.find((p) => p.id === bo)?.first_name).toBe('Bo');
    expect((await db.customer_emails.toArray()).filter((e) => e.deleted === 0)).toHaveLength(1);
    expect((await db.customer_phones.toArray()).filter((p) => p.deleted === 0)).toHaveLength(1);

    await createImportService(db).undo(job.id);
    expect((await live(db)).find((p) => p.id === bo)?.first_name).toBe('Bob');
  });

  it('into an empty database: the same ids; undo tombstones them; again, fresh ids', async () => {
    const source = freshDb();
    const { ana, bo } = await seed(source);
    const csv = await exportAll(source);
    const target = freshDb();
    const session = await sessionFor(target, csv);
    expect((await session.analyse()).plan).toMatchObject({ new: 2, restored_ids: 2 });
    const { job } = await session.commit({ fileName: 'export.csv' });
    expect(job.counts['created']).toBe(2);
    expect((await live(target)).map((p) => p.id).sort()).toEqual([ana, bo].sort());
    expect(await target.customers_crm_v.count()).toBe(2);
    const bosPhone = (await target.customer_phones.toArray()).find((p) => p.customer_id === bo);
    expect(bosPhone?.e164).toBe('+14155550101');

    await createImportService(target).undo(job.id);
    expect(await live(target)).toHaveLength(0);

    const again = await sessionFor(target, csv);
    expect((await again.analyse()).plan).toMatchObject({ new: 2, renewed_ids: 2, restored_ids: 0 });
    await again.commit({ fileName: 'export.csv' });
    const now = await live(target);
    expect(now).toHaveLength(2);
    expect(now.some((p) => p.id === ana || p.id === bo)).toBe(false);
  });

  it('refuses, in the write transaction, to restore an id that was taken after the plan', async () => {
    const source = freshDb();
    await seed(source);
    const csv = await exportAll(source);
    const target = freshDb();
    const late = await sessionFor(target, csv);
    await late.analyse();
    const first = await sessionFor(target, csv);
    await first.analyse();
    await first.commit({ fileName: 'first.csv' });
    const { job } = await late.commit({ fileName: 'late.csv' });
    expect(job.counts).toMatchObject({ created: 0, conflicts: 2 });
    expect(await live(target)).toHaveLength(2);
    // The error report names both rows, with their cells, and why.
    expect(job.error_count).toBe(2);
    const report = Papa.parse<string[]>(
      await createImportService(target).errorReport(job.id),
    ).data.filter((r) => r.length > 1);
    expect(report.slice(1).map((r) => [r[0], r[1]])).toEqual([
      // The customer without an email is kept out by its id, the other by its email.
      ['2', 'Not written: its Encore ID was used meanwhile'],
      ['3', 'Not written: one of its emails was given to another customer meanwhile'],
    ]);
    expect(report[1]?.length).toBe(report[0]?.length);
  });

  it('blocks a row whose Encore ID is one customer and whose email is another’s', async () => {
    const db = freshDb();
    const { customers, ana } = await seed(db);
    const ben = await customers.create(
      draft({ first_name: 'Ben', emails: [emailDraft('ben@x.io', true)] }),
      'US',
    );
    if (!ben.ok) throw new Error('seed failed');
    const csv = `Encore ID,First name,Email 1\r\n${ana},Ana,ben@x.io\r\n${ID_C},Cy,cy@x.io\r\n`;
    const session = await sessionFor(db, csv, 'mixed.csv');
    const analysis = await session.analyse();
    expect(analysis.plan).toMatchObject({ id_conflicts: 1, rows_not_importable: 1, new: 1 });
    expect(analysis.issueRows).toEqual([
      {
        row: 2,
        person: { name: 'Ana', email: 'ben@x.io' },
        cells: [ana, 'Ana', 'ben@x.io'],
        issues: [
          {
            kind: 'id-conflict',
            column: 2,
            message: 'Encore ID of "Ana Lima", email of "Ben"',
          },
        ],
        blocked: true,
        skipped: false,
      },
    ]);
    // Fixing the email resolves it: the row then updates Ana.
    const fixed = await session.fixCell(2, 2, 'ana.new@x.io');
    expect(fixed.plan).toMatchObject({ id_conflicts: 0, updated: 1, new: 1 });
    await session.fixCell(2, 2, 'ben@x.io');
    await session.commit({ fileName: 'mixed.csv' });
    const bens = (await db.customer_emails.toArray()).filter(
      (e) => e.address_normalized === 'ben@x.io' && e.deleted === 0,
    );
    expect(bens.map((e) => e.customer_id)).toEqual([ben.value]);
    expect((await live(db)).map((p) => p.id)).toContain(ID_C);
    expect(errorReportCsv(session.headers, session.errorRows())).toContain(
      `2,"Not imported; Encore ID of ""Ana Lima"", email of ""Ben""",${ana},Ana,ben@x.io`,
    );
  });
});
