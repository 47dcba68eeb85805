/**
 * "Export then import into an empty database reproduces the same customers, emails, phones,
 * tags and consent", through the real importer: the export's text as a byte source, the
 * mapping the importer auto-detects from our own headers, analyse, commit. The customers keep
 * their ids (the Encore ID column), customers without an email included.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvReadError } from '@shared/csv';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import type { CustomerDraft } from '../../src/renderer/src/domain/customer-draft';
import {
  EXPORT_COLUMN_GROUPS,
  orderContactPoints,
} from '../../src/renderer/src/domain/export/export-columns';
import type { CustomerProfile, Lifecycle, PhoneType } from '../../src/renderer/src/domain/records';
import { LIFECYCLE_STAGES, PHONE_TYPES } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createExportService } from '../../src/renderer/src/services/crm/export/export-service';
import { unneutralizeCell } from '../../src/shared/csv/neutralize';
import { freshDb } from './helpers';
import { detectedImport } from './import-helpers';
import { BULK_DATABASE_BUDGET_MS } from './budgets';

/** The file as rows of header -> cell, neutralization undone: to check cells of the file. */
function readRows(csv: string): Record<string, string>[] {
  const text = csv.startsWith('\ufeff') ? csv.slice(1) : csv;
  const parsed = Papa.parse<string[]>(text, { newline: '\r\n', delimiter: ',' });
  if (parsed.errors.length > 0) throw new Error(JSON.stringify(parsed.errors));
  const [header = [], ...rows] = parsed.data.filter((row) => !(row.length === 1 && row[0] === ''));
  return rows.map((row) =>
    Object.fromEntries(header.map((name, i) => [name, unneutralizeCell(row[i] ?? '')])),
  );
}

/** The import service on a file's text, with the settings the wizard would detect. */
function importSession(db: CrmDatabase, csv: string, name = 'export.csv') {
  return detectedImport(db, csv, name);
}

// ---- generators: what the app can hold -------------------------------------------------

/** Text a spreadsheet would try to evaluate, quotes, separators, accents, emoji. */
const text = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    ' ',
    ',',
    ';',
    '"',
    "'",
    '=',
    '+',
    '-',
    '@',
    // Full-width and small formula signs (neutralized too).
    '\uFF1D',
    '\uFE66',
    '\uFF0B',
    '\uFF0D',
    '\uFF20',
    '\t',
    '\n',
    'é',
    'ß',
    '😀',
  ),
  maxLength: 12,
});
/** The service trims names and labels; a tag cannot hold the ";" or "," the tag input splits on. */
const trimmed = text.map((value) => value.trim());
const tag = text.map((value) => value.replace(/[,;]/g, '').trim()).filter((value) => value !== '');
const emailLocal = fc.string({
  unit: fc.constantFrom('a', 'B', '7', '=', '+', '-', '_', "'", '!'),
  minLength: 1,
  maxLength: 6,
});
const dateOfBirth = fc.oneof(
  fc.constant(''),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2000-12-31'), noInvalidDate: true })
    .map((d) => `--${d.toISOString().slice(5, 10)}`),
);

type PersonSpec = {
  first: string;
  last: string;
  notes: string;
  dob: string;
  tags: string[];
  lifecycle: Lifecycle;
  emailLocals: string[];
  phones: { type: PhoneType; label: string; primary: boolean }[];
  emailLabels: string[];
  emailOptIn: boolean;
  smsOptIn: boolean;
};

const person: fc.Arbitrary<PersonSpec> = fc.record({
  first: trimmed,
  last: trimmed,
  notes: text,
  dob: dateOfBirth,
  tags: fc.array(tag, { maxLength: 4 }),
  lifecycle: fc.constantFrom(...LIFECYCLE_STAGES),
  emailLocals: fc.array(emailLocal, { maxLength: 3 }),
  emailLabels: fc.array(trimmed, { minLength: 3, maxLength: 3 }),
  phones: fc.array(
    fc.record({ type: fc.constantFrom(...PHONE_TYPES), label: trimmed, primary: fc.boolean() }),
    { maxLength: 3 },
  ),
  emailOptIn: fc.boolean(),
  smsOptIn: fc.boolean(),
});

/** Unique, valid addresses and numbers across the whole data set, from the generated parts. */
function toDrafts(specs: PersonSpec[]): CustomerDraft[] {
  let phoneNumber = 0;
  return specs.map((spec, index) => ({
    first_name: spec.first,
    last_name: spec.last,
    notes: spec.notes,
    date_of_birth: spec.dob,
    tags: spec.tags,
    lifecycle: spec.lifecycle,
    owner_id: null,
    email_opt_in: spec.emailOptIn,
    sms_opt_in: spec.smsOptIn,
    emails: spec.emailLocals.map((local, n) => ({
      // "=x@..." and "+x@..." are valid addresses: they must survive neutralization too.
      address: `${local}.${index}x${n}@Example.com`,
      label: spec.emailLabels[n] ?? '',
      is_primary: n === spec.emailLocals.length - 1,
    })),
    phones: spec.phones.map((phone) => ({
      raw_input: `+1 415 555 01${String(phoneNumber++ % 100).padStart(2, '0')}`,
      type: phone.type,
      label: phone.label,
      is_primary: phone.primary,
    })),
  }));
}

// ---- the comparison ----------------------------------------------------------------------

/** Everything the round trip must keep, without ids, timestamps or consent provenance. */
async function snapshot(db: CrmDatabase) {
  const profiles = (await db.customer_profiles.toArray()).filter((p) => p.deleted === 0);
  const emails = (await db.customer_emails.toArray()).filter((e) => e.deleted === 0);
  const phones = (await db.customer_phones.toArray()).filter((p) => p.deleted === 0);
  const people = profiles.map((p: CustomerProfile) => ({
    first_name: p.first_name,
    last_name: p.last_name,
    date_of_birth: p.date_of_birth,
    notes: p.notes,
    tags: p.tags,
    lifecycle: p.lifecycle,
    email_opt_in: p.email_consent.opted_in,
    sms_opt_in: p.sms_consent.opted_in,
    emails: orderContactPoints(emails.filter((e) => e.customer_id === p.id)).map((e) => ({
      address: e.address,
      label: e.label,
      primary: e.is_primary,
    })),
    phones: orderContactPoints(phones.filter((x) => x.customer_id === p.id)).map((x) => ({
      e164: x.e164,
      type: x.type,
      label: x.label,
      primary: x.is_primary,
    })),
  }));
  return people.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

async function exportAll(db: CrmDatabase): Promise<string> {
  const exporter = createExportService(db);
  const plan = await exporter.plan({ kind: 'all' }, EXPORT_COLUMN_GROUPS);
  let csv = '';
  for await (const chunk of exporter.stream(plan, { pageSize: 2 })) csv += chunk.text;
  return csv;
}

describe('export, then import into an empty database', { timeout: BULK_DATABASE_BUDGET_MS }, () => {
  it('reproduces the same customers (same ids), emails, phones, tags and consent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { maxLength: 6 }), async (specs) => {
        const source = freshDb();
        const service = createCustomerService(source);
        for (const draft of toDrafts(specs)) {
          const created = await service.create(draft, 'US');
          // A person with no name, email or phone is refused by the app: not part of the data.
          if (!created.ok && created.error.fields) continue;
          expect(created.ok).toBe(true);
        }
        const count = (await source.customer_profiles.toArray()).length;
        const csv = await exportAll(source);
        const target = freshDb();
        const { session, mapping } = await importSession(target, csv);
        // Every column the importer can use is recognised from our own headers.
        expect(mapping.filter((m) => m.field !== 'skip').map((m) => m.header)).toEqual(
          mapping
            .map((m) => m.header)
            .filter(
              (h) => !/^(Owner|Relations|Created at|Updated at)$|consent (source|changed)/.test(h),
            ),
        );

        if (count === 0) {
          // Header only: the importer refuses it, and nothing is written.
          const refusal = await session.analyse().catch((error: unknown) => error);
          expect(refusal).toBeInstanceOf(CsvReadError);
          expect(refusal).toMatchObject({ code: 'no-data-rows' });
          expect(await target.customer_profiles.count()).toBe(0);
          expect(await target.import_jobs.count()).toBe(0);
        } else {
          const analysis = await session.analyse();
          expect(analysis.plan).toMatchObject({
            rows_read: count,
            new: count,
            restored_ids: count,
            rows_not_importable: 0,
            duplicates_in_file: 0,
          });
          const result = await session.commit({ fileName: 'export.csv', chunkSize: 4 });
          expect(result.status).toBe('finished');
        }

        expect(await snapshot(target)).toEqual(await snapshot(source));
        const ids = async (db: CrmDatabase) =>
          (await db.customer_profiles.toArray()).map((p) => p.id).sort();
        expect(await ids(target)).toEqual(await ids(source));

        // Consent provenance (source and time) is in the file, cell for cell; the importer
        // stamps its own (the import), so it is checked in the file, not in the target.
        const byId = new Map((await source.customer_profiles.toArray()).map((p) => [p.id, p]));
        for (const row of readRows(csv)) {
          const original = byId.get(row['Encore ID'] ?? '');
          expect(original).toBeDefined();
          expect(row['Email consent source']).toBe(original?.email_consent.source ?? '');
          expect(row['Email consent changed at']).toBe(original?.email_consent.changed_at ?? '');
          expect(row['SMS consent source']).toBe(original?.sms_consent.source ?? '');
          expect(row['SMS consent changed at']).toBe(original?.sms_consent.changed_at ?? '');
        }
        source.close();
        target.close();
      }),
      { numRuns: 40 },
    );
  });
});
