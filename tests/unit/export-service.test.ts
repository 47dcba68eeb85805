import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { unneutralizeCell } from '../../src/shared/csv/neutralize';
import type { ExportColumnGroup } from '../../src/renderer/src/domain/export/export-columns';
import { EXPORT_COLUMN_GROUPS } from '../../src/renderer/src/domain/export/export-columns';
import { newId, nowIso } from '../../src/renderer/src/domain/ids';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import type { ExportScope } from '../../src/renderer/src/services/crm/export/export-service';
import {
  createExportService,
  exportFileName,
} from '../../src/renderer/src/services/crm/export/export-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { draft, emailDraft, freshDb, phoneDraft } from './helpers';

let db: CrmDatabase;
let customers: ReturnType<typeof createCustomerService>;
let exporter: ReturnType<typeof createExportService>;

beforeEach(() => {
  db = freshDb();
  customers = createCustomerService(db);
  exporter = createExportService(db);
});

async function create(overrides: Parameters<typeof draft>[0]): Promise<string> {
  const result = await customers.create(draft(overrides), 'US');
  if (!result.ok) throw new Error(`not created: ${JSON.stringify(result)}`);
  return result.value;
}

/** Runs an export and returns the file text and the chunks it came in. */
async function runExport(
  scope: ExportScope,
  groups: readonly ExportColumnGroup[] = EXPORT_COLUMN_GROUPS,
  pageSize?: number,
) {
  const plan = await exporter.plan(scope, groups);
  const chunks = [];
  for await (const chunk of exporter.stream(plan, { pageSize })) chunks.push(chunk);
  return { plan, chunks, text: chunks.map((chunk) => chunk.text).join('') };
}

/** Rows as objects keyed by header, neutralization undone: what an importer would see. */
function records(text: string): Record<string, string>[] {
  expect(text.startsWith('\ufeff')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data.slice(0, -1);
  return rows.map((row) =>
    Object.fromEntries(header.map((name, index) => [name, unneutralizeCell(row[index] ?? '')])),
  );
}

describe('export service', () => {
  it('exports the current list with its filters and sort, and nothing else', async () => {
    await create({ first_name: 'Ana', last_name: 'Lima', lifecycle: 'customer' });
    await create({ first_name: 'Zoe', last_name: 'Adams', lifecycle: 'customer' });
    await create({ first_name: 'Bo', last_name: 'Berg', lifecycle: 'lead' });
    await create({ first_name: 'Cy', last_name: 'Cole', lifecycle: 'customer', tags: ['vip'] });

    const scope: ExportScope = {
      kind: 'list',
      query: { ...DEFAULT_LIST_QUERY, lifecycle: 'customer', sort: 'name', direction: 'desc' },
    };
    expect(await exporter.count(scope)).toBe(3);
    const { text } = await runExport(scope, ['name', 'lifecycle']);
    expect(records(text)).toEqual([
      { 'First name': 'Ana', 'Last name': 'Lima', Stage: 'customer' },
      { 'First name': 'Cy', 'Last name': 'Cole', Stage: 'customer' },
      { 'First name': 'Zoe', 'Last name': 'Adams', Stage: 'customer' },
    ]);

    const tagged = await runExport({ kind: 'list', query: { ...DEFAULT_LIST_QUERY, tag: 'vip' } }, [
      'name',
    ]);
    expect(records(tagged.text)).toEqual([{ 'First name': 'Cy', 'Last name': 'Cole' }]);

    const searched = await runExport(
      { kind: 'list', query: { ...DEFAULT_LIST_QUERY, search: 'berg' } },
      ['name'],
    );
    expect(records(searched.text)).toEqual([{ 'First name': 'Bo', 'Last name': 'Berg' }]);
  });

  it('exports everything by name when asked for everything, whatever the list shows', async () => {
    await create({ first_name: 'Zoe', last_name: 'Adams', lifecycle: 'lead' });
    await create({ first_name: 'Ana', last_name: 'Lima', lifecycle: 'customer' });
    const { text, plan } = await runExport({ kind: 'all' }, ['name']);
    expect(plan.ids).toHaveLength(2);
    expect(records(text).map((row) => row['Last name'])).toEqual(['Adams', 'Lima']);
    expect(await exporter.count({ kind: 'all' })).toBe(2);
  });

  it('writes every email and phone, primary first, with labels and types', async () => {
    const ana = await create({
      first_name: 'Ana',
      emails: [
        { address: 'ana@home.example', label: 'home', is_primary: false },
        { address: 'ana@work.example', label: 'work', is_primary: true },
        { address: 'ana@old.example', label: '', is_primary: false },
      ],
      phones: [
        { raw_input: '(415) 555-0134', type: 'mobile', label: 'cell', is_primary: true },
        { raw_input: '+49 30 1234567', type: 'work', label: 'Berlin office', is_primary: false },
      ],
    });
    await create({ first_name: 'Bo', emails: [emailDraft('bo@example.com')] });
    // A removed email is not exported.
    const old = await db.customer_emails
      .where('address_normalized')
      .equals('ana@old.example')
      .first();
    await customers.removeEmail(old?.id ?? '');
    await customers.addEmail(ana, 'ana@new.example', 'new');

    const { text } = await runExport({ kind: 'all' }, ['name', 'emails', 'phones']);
    const [first, second] = records(text);
    expect(first).toEqual({
      'First name': 'Ana',
      'Last name': '',
      'Email 1': 'ana@work.example',
      'Email 1 label': 'work',
      'Email 2': 'ana@home.example',
      'Email 2 label': 'home',
      'Email 3': 'ana@new.example',
      'Email 3 label': 'new',
      'Phone 1': '+14155550134',
      'Phone 1 type': 'mobile',
      'Phone 1 label': 'cell',
      'Phone 2': '+49301234567',
      'Phone 2 type': 'work',
      'Phone 2 label': 'Berlin office',
    });
    expect(second).toMatchObject({
      'First name': 'Bo',
      'Email 1': 'bo@example.com',
      'Email 2': '',
      'Phone 1': '',
    });
    // In the file itself the phone is neutralized, so a spreadsheet shows it as text.
    expect(text).toContain(",'+14155550134,");
  });

  it('writes raw values, no apostrophe, when asked (for another system)', async () => {
    await create({
      first_name: '=Ana',
      notes: '-15% on the next show',
      phones: [phoneDraft('(415) 555-0134')],
    });
    const plan = await exporter.plan({ kind: 'all' }, ['name', 'phones', 'notes'], {
      cells: 'raw',
    });
    let text = '';
    for await (const chunk of exporter.stream(plan)) text += chunk.text;
    expect(text).toContain('=Ana,');
    expect(text).toContain(',+14155550134,');
    expect(text).toContain(',-15% on the next show');
    expect(text).not.toContain("'");
    // The same export protected: each of them gets its apostrophe.
    const { text: protectedText } = await runExport({ kind: 'all' }, ['name', 'phones', 'notes']);
    expect(protectedText).toContain("'=Ana,");
    expect(protectedText).toContain(",'+14155550134,");
    expect(protectedText).toContain(",'-15% on the next show");
  });

  it('writes owner names, tags, consent with source and time, notes and relations', async () => {
    const team = createTeamService(db);
    const member = await team.add('Alex Moreno');
    const ownerId = member.ok ? member.value : null;
    const ana = await create({
      first_name: 'Ana',
      last_name: 'Lima',
      owner_id: ownerId,
      tags: ['vip', 'jazz fest'],
      notes: '=cmd|" /C calc"!A0\nsecond line',
      date_of_birth: '--03-14',
      email_opt_in: true,
      emails: [emailDraft('ana@example.com')],
    });
    const bo = await create({ first_name: 'Bo', last_name: 'Berg' });
    await customers.setConsent(bo, 'sms', true, 'web-form: spring signup');
    const now = nowIso();
    const relation = (from: string, to: string, type: string) => ({
      id: newId(),
      from_customer_id: from,
      to_customer_id: to,
      type,
      note: '',
      created_at: now,
      updated_at: now,
      deleted: 0 as const,
    });
    await db.customer_relationships.bulkAdd([
      relation(ana, bo, 'manages'),
      relation(bo, ana, 'books'),
    ]);

    const { text } = await runExport({ kind: 'all' }, EXPORT_COLUMN_GROUPS);
    const rows = records(text);
    const anaRow = rows.find((row) => row['First name'] === 'Ana');
    const boRow = rows.find((row) => row['First name'] === 'Bo');
    const anaProfile = await db.customer_profiles.get(ana);
    expect(anaRow).toMatchObject({
      'Encore ID': ana,
      Owner: 'Alex Moreno',
      Tags: 'vip; jazz fest',
      Notes: '=cmd|" /C calc"!A0\nsecond line',
      'Date of birth': '--03-14',
      'Email opt-in': 'yes',
      'Email consent source': 'manual: customer form',
      'Email consent changed at': anaProfile?.email_consent.changed_at,
      'SMS opt-in': 'no',
      'SMS consent source': '',
      'SMS consent changed at': '',
      'Created at': anaProfile?.created_at,
      Relations: 'booked by Bo Berg; manages Bo Berg',
    });
    expect(boRow).toMatchObject({
      Owner: '',
      'SMS opt-in': 'yes',
      'SMS consent source': 'web-form: spring signup',
      Relations: 'books Ana Lima; managed by Ana Lima',
    });
    // The formula in the notes reaches the file only behind a quote.
    expect(text).toContain(`"'=cmd|"" /C calc""!A0\nsecond line"`);
  });

  it('leaves out relations to a deleted customer and removed relations', async () => {
    const ana = await create({ first_name: 'Ana' });
    const bo = await create({ first_name: 'Bo' });
    const cy = await create({ first_name: 'Cy' });
    const now = nowIso();
    const base = { note: '', created_at: now, updated_at: now };
    await db.customer_relationships.bulkAdd([
      {
        ...base,
        id: newId(),
        from_customer_id: ana,
        to_customer_id: bo,
        type: 'manages',
        deleted: 0,
      },
      {
        ...base,
        id: newId(),
        from_customer_id: ana,
        to_customer_id: cy,
        type: 'books',
        deleted: 1,
      },
    ]);
    await customers.remove(bo);
    const { text } = await runExport({ kind: 'all' }, ['name', 'relations']);
    expect(records(text)).toEqual([
      { 'First name': 'Ana', 'Last name': '', Relations: '' },
      { 'First name': 'Cy', 'Last name': '', Relations: '' },
    ]);
  });

  it('streams a page per chunk, header first, counting rows as it goes', async () => {
    for (let n = 0; n < 7; n += 1)
      await create({ first_name: `Person ${n}`, phones: [phoneDraft(`(415) 555-01${10 + n}`)] });
    const { chunks, text } = await runExport({ kind: 'all' }, ['name', 'phones'], 3);
    expect(chunks.map((chunk) => chunk.rowsWritten)).toEqual([0, 3, 6, 7]);
    expect(chunks.every((chunk) => chunk.total === 7)).toBe(true);
    expect(chunks[0]?.text).toBe(
      '\ufeffFirst name,Last name,Phone 1,Phone 1 type,Phone 1 label\r\n',
    );
    expect(text.split('\r\n')).toHaveLength(1 + 7 + 1);
    expect(records(text).map((row) => row['First name'])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((n) => `Person ${n}`),
    );
  });

  it('skips a customer deleted after the plan was made', async () => {
    await create({ first_name: 'Ana' });
    const bo = await create({ first_name: 'Bo' });
    const plan = await exporter.plan({ kind: 'all' }, ['name']);
    await customers.remove(bo);
    let text = '';
    for await (const chunk of exporter.stream(plan)) text += chunk.text;
    expect(records(text).map((row) => row['First name'])).toEqual(['Ana']);
  });

  it('writes a header-only file for an empty scope, with one set of email columns', async () => {
    const { text } = await runExport({ kind: 'all' }, ['emails']);
    expect(text).toBe('\ufeffEmail 1,Email 1 label\r\n');
  });

  it('names files with the date and time', () => {
    expect(exportFileName(new Date('2026-11-25T15:04:09Z'))).toBe(
      'encore-customers-2026-11-25-1504.csv',
    );
  });
});
