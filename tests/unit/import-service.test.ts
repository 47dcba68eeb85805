import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { unneutralizeCell } from '@shared/csv/neutralize';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { errorReportCsv } from '../../src/renderer/src/services/crm/import/import-jobs';
import { createImportService } from '../../src/renderer/src/services/crm/import-service';
import { holdImportLock } from '../../src/renderer/src/services/crm/import/import-locks';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { capturingDb, draft, emailDraft, freshDb } from './helpers';
import { detectedImport } from './import-helpers';

const fixtureDir = join(process.cwd(), '..', 'shared', 'fixtures', 'csv');
const utf8 = (text: string) => new TextEncoder().encode(text);

async function sessionFor(db: CrmDatabase, bytes: Uint8Array, name: string, region = 'US') {
  return (await detectedImport(db, bytes, name, region)).session;
}

const liveCustomers = async (db: CrmDatabase) =>
  (await db.customer_profiles.toArray()).filter((p) => p.deleted === 0).length;

/**
 * A stand-in for the Web Locks API (Chromium has it; Node does not): exclusive, a request
 * waits for the one before it; `held` names the locks held now.
 */
function fakeLocks() {
  const held = new Set<string>();
  const tails = new Map<string, Promise<unknown>>();
  const locks = {
    request: (lockName: string, callback: () => Promise<void>) => {
      const run = (tails.get(lockName) ?? Promise.resolve()).then(async () => {
        held.add(lockName);
        try {
          await callback();
        } finally {
          held.delete(lockName);
        }
      });
      tails.set(
        lockName,
        run.catch(() => undefined),
      );
      return run;
    },
    query: async () => ({ held: [...held].map((lockName) => ({ name: lockName })) }),
  };
  return { locks, held };
}

/** Runs `body` with fakeLocks as the navigator's lock manager. */
async function withFakeLocks(body: (held: Set<string>) => Promise<void>): Promise<void> {
  const { locks, held } = fakeLocks();
  vi.stubGlobal('navigator', { locks });
  try {
    await body(held);
  } finally {
    vi.unstubAllGlobals();
  }
}

/**
 * An import of `bytes` cut off after its first chunk of `chunkSize` and found interrupted, as
 * after a crash: the job it left, and a new session on the same file to resume it with.
 */
async function cutOffImport(
  db: CrmDatabase,
  bytes: Uint8Array,
  name: string,
  chunkSize: number,
  holdBudget?: number,
) {
  const session = await sessionFor(db, bytes, name);
  await session.analyse();
  const controller = new AbortController();
  const cut = await session.commit({
    fileName: name,
    chunkSize,
    signal: controller.signal,
    onProgress: () => controller.abort(),
  });
  await db.import_jobs.update(cut.job.id, { status: 'running' });
  await createImportService(db).markInterrupted();
  const resumed = (await detectedImport(db, bytes, name, 'US', { holdBudget })).session;
  return { cut, resumed };
}

describe('import service on the HubSpot fixture', () => {
  const name = 'hubspot-contacts-export.csv';
  const bytes = new Uint8Array(readFileSync(join(fixtureDir, name)));
  const facts = JSON.parse(readFileSync(join(fixtureDir, `${name}.expect.json`), 'utf8'));

  it('creates one customer per distinct valid email, with list rows and outbox, and again none', async () => {
    const db = await capturingDb();
    const session = await sessionFor(db, bytes, name);
    const analysis = await session.analyse();
    expect(analysis.plan.new).toBe(facts.distinct_valid_emails);
    const result = await session.commit({ fileName: name, chunkSize: 50 });
    expect(result.status).toBe('finished');
    expect(result.job.counts['created']).toBe(facts.distinct_valid_emails);
    expect(await liveCustomers(db)).toBe(facts.distinct_valid_emails);
    expect(await db.customers_crm_v.count()).toBe(facts.distinct_valid_emails);
    expect(await db.sync_outbox.where('table').equals('customer_profiles').count()).toBe(
      facts.distinct_valid_emails,
    );
    const emails = await db.customer_emails.toArray();
    // The header "Email" only names the kind: no label (it was "Email" under every address).
    expect(emails.every((e) => e.source === 'import' && e.label === '')).toBe(true);

    const again = await sessionFor(db, bytes, name);
    const second = await again.analyse();
    expect(second.plan).toMatchObject({
      new: 0,
      updated: 0,
      unchanged: facts.distinct_valid_emails,
    });
    await again.commit({ fileName: name });
    expect(await liveCustomers(db)).toBe(facts.distinct_valid_emails);
  });

  it('undoes an import as one batch', async () => {
    const db = freshDb();
    const session = await sessionFor(db, bytes, name);
    await session.analyse();
    const { job } = await session.commit({ fileName: name, chunkSize: 40 });
    await createImportService(db).undo(job.id);
    expect(await liveCustomers(db)).toBe(0);
    expect(await db.customers_crm_v.count()).toBe(0);
    expect((await db.import_jobs.get(job.id))?.status).toBe('undone');
    // Undone means the addresses are free again: importing re-creates everyone.
    const again = await sessionFor(db, bytes, name);
    expect((await again.analyse()).plan.new).toBe(facts.distinct_valid_emails);
  });

  it('cancel keeps whole committed chunks and the job can be undone', async () => {
    const db = freshDb();
    const session = await sessionFor(db, bytes, name);
    await session.analyse();
    const controller = new AbortController();
    const result = await session.commit({
      fileName: name,
      chunkSize: 30,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 60) controller.abort();
      },
    });
    expect(result.status).toBe('cancelled');
    expect(result.job.committed).toBe(60);
    expect(await liveCustomers(db)).toBe(60);
    await createImportService(db).undo(result.job.id);
    expect(await liveCustomers(db)).toBe(0);
  });

  it('cancel in the middle of a chunk rolls that chunk back whole and keeps the ones before', async () => {
    const db = freshDb();
    const session = await sessionFor(db, bytes, name);
    await session.analyse();
    const controller = new AbortController();
    let emailsWritten = 0;
    // The 45th email written (inside the second chunk of 30) presses cancel.
    db.customer_emails.hook('creating', () => {
      emailsWritten += 1;
      if (emailsWritten === 45) controller.abort();
    });
    const result = await session.commit({
      fileName: name,
      chunkSize: 30,
      signal: controller.signal,
    });
    expect(result.status).toBe('cancelled');
    expect(result.job.committed).toBe(30);
    expect(result.job.message).toBeNull();
    expect(await liveCustomers(db)).toBe(30);
    expect(await db.customers_crm_v.count()).toBe(30);
    await createImportService(db).undo(result.job.id);
    expect(await liveCustomers(db)).toBe(0);
  });

  it('resumes an interrupted import into the same job, which then undoes as one', async () => {
    const db = freshDb();
    const { cut, resumed } = await cutOffImport(db, bytes, name, 50);
    expect((await resumed.analyse()).plan).toMatchObject({ new: facts.distinct_valid_emails - 50 });
    const result = await resumed.commit({ fileName: name, resumeJobId: cut.job.id });
    expect(result.job).toMatchObject({ id: cut.job.id, status: 'finished' });
    expect(result.job.counts['created']).toBe(facts.distinct_valid_emails);
    expect(await liveCustomers(db)).toBe(facts.distinct_valid_emails);
    await createImportService(db).undo(cut.job.id);
    expect(await liveCustomers(db)).toBe(0);
  });

  // A resumed million-row file has far more than 100,000 matches: most are planned alone.
  it.each([
    ['held', undefined],
    ['planned alone', 0],
  ])(
    'a resumed import plans what it wrote as unchanged, with matches %s',
    async (_how, holdBudget) => {
      const db = freshDb();
      const { cut, resumed } = await cutOffImport(db, bytes, name, 40, holdBudget);
      const { plan } = await resumed.analyse();
      // Nothing written is written again: a resume costs the rows left, not the whole file.
      expect(plan).toMatchObject({
        new: facts.distinct_valid_emails - 40,
        updated: 0,
        unchanged: 40,
      });
      const result = await resumed.commit({ fileName: name, resumeJobId: cut.job.id });
      expect(result.job).toMatchObject({
        id: cut.job.id,
        status: 'finished',
        committed: result.job.total,
      });
      expect(result.job.total).toBe(facts.distinct_valid_emails - 40);
      expect(await liveCustomers(db)).toBe(facts.distinct_valid_emails);
    },
  );

  it('marks a job interrupted once the window that was writing it lets its lock go', async () => {
    await withFakeLocks(async (held) => {
      const db = freshDb();
      const session = await sessionFor(db, bytes, name);
      await session.analyse();
      const { job } = await session.commit({ fileName: name });
      const service = createImportService(db);
      const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

      // A closing window still holds the lock when this one looks: left alone, then marked.
      await db.import_jobs.update(job.id, { status: 'running' });
      const closingWindow = await holdImportLock(job.id);
      expect(await service.markInterrupted()).toBe(0);
      const watching = service.markInterruptedWhenReleased();
      await tick();
      expect((await db.import_jobs.get(job.id))?.status).toBe('running');
      closingWindow();
      await watching;
      expect((await db.import_jobs.get(job.id))?.status).toBe('interrupted');
      expect(held.size).toBe(0);

      // A writer that finishes before letting go leaves its job finished.
      await db.import_jobs.update(job.id, { status: 'running' });
      const writer = await holdImportLock(job.id);
      const watchingAgain = service.markInterruptedWhenReleased();
      await tick();
      await db.import_jobs.update(job.id, { status: 'finished' });
      writer();
      await watchingAgain;
      expect((await db.import_jobs.get(job.id))?.status).toBe('finished');
    });
  });

  it('marks a job left running as interrupted', async () => {
    const db = freshDb();
    const session = await sessionFor(db, bytes, name);
    await session.analyse();
    const { job } = await session.commit({ fileName: name });
    await db.import_jobs.update(job.id, { status: 'running' });
    const service = createImportService(db);
    expect(await service.markInterrupted()).toBe(1);
    expect((await db.import_jobs.get(job.id))?.status).toBe('interrupted');
  });

  it('does not call a job interrupted while another tab or worker holds its lock', async () => {
    await withFakeLocks(async (held) => {
      const db = freshDb();
      const session = await sessionFor(db, bytes, name);
      await session.analyse();
      const service = createImportService(db);
      const heldWhileWriting: boolean[] = [];
      const { job } = await session.commit({
        fileName: name,
        chunkSize: 50,
        onProgress: () =>
          heldWhileWriting.push([...held].some((n) => n.startsWith('encore-import:'))),
      });
      expect(heldWhileWriting.length).toBeGreaterThan(0);
      expect(heldWhileWriting.every(Boolean)).toBe(true);
      expect(job.status).toBe('finished');
      expect(held.size).toBe(0);
      // A job another tab is writing (its lock held) is left alone; once let go, it is cut off.
      await db.import_jobs.update(job.id, { status: 'running' });
      const release = await holdImportLock(job.id);
      expect(await service.markInterrupted()).toBe(0);
      expect((await db.import_jobs.get(job.id))?.status).toBe('running');
      release();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(await service.markInterrupted()).toBe(1);
    });
  });
});

describe('merge policies and undo of updates', () => {
  const first = utf8('Email,First Name,Last Name,Phone,Notes\nana@x.io,Ana,,,\n');
  const second = utf8(
    'Email,First Name,Last Name,Phone,Notes\nANA@x.io ,Anna,García,+49 30 1234567,VIP\n',
  );

  it.each([
    ['fill-blanks', { first_name: 'Ana', last_name: 'García', notes: 'VIP' }],
    ['overwrite', { first_name: 'Anna', last_name: 'García', notes: 'VIP' }],
    ['skip', { first_name: 'Ana', last_name: '', notes: '' }],
  ] as const)('%s', async (policy, expected) => {
    const db = freshDb();
    const a = await sessionFor(db, first, 'a.csv');
    await a.analyse();
    await a.commit({ fileName: 'a.csv' });
    const before = (await db.customer_profiles.toArray())[0];
    const b = await sessionFor(db, second, 'b.csv');
    await b.analyse();
    const analysis = b.setPolicy(policy);
    expect(analysis.plan.new).toBe(0);
    const { job } = await b.commit({ fileName: 'b.csv' });
    const after = (await db.customer_profiles.toArray())[0];
    expect(after).toMatchObject(expected);
    const phones = (await db.customer_phones.toArray()).filter((p) => p.deleted === 0);
    expect(phones).toHaveLength(policy === 'skip' ? 0 : 1);
    await createImportService(db).undo(job.id);
    const restored = (await db.customer_profiles.toArray())[0];
    expect(restored).toMatchObject({
      first_name: before?.first_name,
      last_name: before?.last_name,
      notes: before?.notes,
    });
    expect((await db.customer_phones.toArray()).filter((p) => p.deleted === 0)).toHaveLength(0);
    expect(await db.customers_crm_v.count()).toBe(1);
  });
});

describe('issues, fixes, skips and the error report', () => {
  const file = utf8(
    'Email,Name,Phone,Birthday\n' +
      'ok@x.io,Ok Person,(415) 555-0134,1990-01-02\n' +
      'bad-email,Bad Email,,\n' +
      'phone@x.io,Bad Phone,call me,\n' +
      ',No Email,,\n' +
      'date@x.io,Bad Date,,31.02.1990\n',
  );

  it('counts issues, imports rows with bad phones without them, lets a cell be fixed or a row skipped', async () => {
    const db = freshDb();
    const session = await sessionFor(db, file, 'issues.csv');
    let analysis = await session.analyse();
    expect(analysis.plan).toMatchObject({
      rows_read: 5,
      invalid_emails: 1,
      invalid_phones: 1,
      invalid_dates: 1,
      no_email: 1,
      rows_not_importable: 2,
      new: 3,
    });
    expect(analysis.issueRows.map((r) => r.row)).toEqual([3, 4, 5, 6]);
    analysis = await session.fixCell(3, 0, 'fixed@x.io');
    expect(analysis.plan).toMatchObject({ invalid_emails: 0, new: 4 });
    analysis = await session.setSkipped(4, true);
    expect(analysis.plan).toMatchObject({ rows_skipped_by_user: 1, new: 3 });
    await session.commit({ fileName: 'issues.csv' });
    const people = await db.customer_profiles.toArray();
    expect(people.map((p) => p.first_name).sort()).toEqual(['Bad', 'Bad', 'Ok']);
    const report = errorReportCsv(session.headers, session.errorRows());
    expect(report.split('\r\n')[0]).toBe('Row,Reason,Email,Name,Phone,Birthday');
    expect(report).toContain('4,"Skipped by you; ""call me"" has no digits"');
    expect(report).toContain('5,Not imported; No email');
  });

  it('fixes many cells and skips many rows at once, each issue row naming its person', async () => {
    const db = freshDb();
    const session = await sessionFor(db, file, 'issues.csv');
    let analysis = await session.analyse();
    expect(analysis.issueRows.find((r) => r.row === 4)?.person).toEqual({
      name: 'Bad Phone',
      email: 'phone@x.io',
    });
    analysis = await session.fixCells([
      { row: 3, column: 0, value: 'fixed@x.io' },
      { row: 4, column: 2, value: '+1 415 555 0135' },
    ]);
    expect(analysis.plan).toMatchObject({ invalid_emails: 0, invalid_phones: 0, new: 4 });
    analysis = await session.setSkippedRows([5, 6], true);
    expect(analysis.plan).toMatchObject({ rows_skipped_by_user: 2 });
    expect(analysis.issueRows.filter((r) => r.skipped).map((r) => r.row)).toEqual([5, 6]);
    analysis = await session.setSkippedRows([6], false);
    expect(analysis.plan).toMatchObject({ rows_skipped_by_user: 1 });
  });

  it('refuses a header-only file with a clear message', async () => {
    const db = freshDb();
    const session = await sessionFor(db, utf8('Email,Name\n'), 'empty.csv');
    await expect(session.analyse()).rejects.toMatchObject({
      code: 'no-data-rows',
      message: '"empty.csv" has a header row but no rows of data below it.',
    });
  });

  it('reads several emails and phones from Google columns, with their labels', async () => {
    const db = freshDb();
    const google = utf8(
      'First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Labels\n' +
        'Ana,Lee,* Home,ana@x.io ::: ana@work.io,Mobile,+49 30 1234567 ::: +44 20 7946 0958,* myContacts ::: Promoters\n',
    );
    const session = await sessionFor(db, google, 'google.csv');
    await session.analyse();
    await session.commit({ fileName: 'google.csv' });
    const emails = await db.customer_emails.toArray();
    expect(emails.map((e) => [e.address, e.label, e.is_primary])).toEqual([
      ['ana@x.io', 'Home', 1],
      ['ana@work.io', 'Home', 0],
    ]);
    const phones = await db.customer_phones.toArray();
    expect(phones.map((p) => [p.e164, p.type, p.label])).toEqual([
      ['+49301234567', 'mobile', 'Mobile'],
      ['+442079460958', 'mobile', 'Mobile'],
    ]);
    expect((await db.customer_profiles.toArray())[0]?.tags).toEqual(['Promoters']);
  });
});

describe('error report', () => {
  it('keeps a formula in a hostile cell from running in Excel', () => {
    const csv = errorReportCsv(['Email'], [{ row: 2, cells: ['=HYPERLINK("x")'], reason: 'bad' }]);
    expect(csv).toBe('Row,Reason,Email\r\n2,bad,"\'=HYPERLINK(""x"")"\r\n');
  });

  it("neutralizes multi-line cells, headers and full-width signs with the app's rule", () => {
    const csv = errorReportCsv(
      ['=cmd|calc', '＋Phone'],
      [{ row: 3, cells: ['=1+1\nsecond line', '＠SUM(A1)'], reason: '-bad' }],
    );
    expect(csv).toBe(
      "Row,Reason,'=cmd|calc,'＋Phone\r\n3,'-bad,\"'=1+1\nsecond line\",'＠SUM(A1)\r\n",
    );
    // Read back, the importer's inverse gives the original cells.
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
    expect(parsed.map((row) => row.map(unneutralizeCell))).toEqual([
      ['Row', 'Reason', '=cmd|calc', '＋Phone'],
      ['3', '-bad', '=1+1\nsecond line', '＠SUM(A1)'],
    ]);
  });
});

describe('looking up existing customers', () => {
  it('finds every owner among more addresses than one wave of lookups holds', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const known: string[] = [];
    for (let n = 0; n < 12; n += 1) {
      const address = `known${n}@x.io`;
      const made = await customers.create(
        draft({ first_name: `K${n}`, emails: [emailDraft(address)] }),
        'US',
      );
      if (!made.ok) throw new Error('setup failed');
      known.push(address);
    }
    // 10,000 addresses: five batches of 2,000, so more than one wave; the known ones spread out.
    const addresses = Array.from({ length: 10_000 }, (_, n) => `stranger${n}@x.io`);
    known.forEach((address, n) => addresses.splice(n * 800, 0, address));
    const found = await createImportService(db).lookupExisting(addresses);
    expect([...found.byEmail.keys()].sort()).toEqual([...known].sort());
    for (const address of known) expect(found.byEmail.get(address)?.emails).toEqual([address]);
  });
});
