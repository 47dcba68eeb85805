import { bufferByteSource } from '@shared/csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  encodeLine,
  type BackupChunk,
  type BackupHeader,
} from '../../src/renderer/src/domain/backup/backup-format';
import { BackupFileError, readBackup } from '../../src/renderer/src/domain/backup/backup-reader';
import { Sha256 } from '../../src/renderer/src/domain/backup/sha256';
import { inspectBackup } from '../../src/renderer/src/services/crm/backup/restore-preview';
import { restoreIntoStaging } from '../../src/renderer/src/services/crm/backup/restore-staging';
import { scenarioArbitrary, writeScenario } from './backup-arbitraries';
import { backupBytes, databaseExists, snapshot, stagingName } from './backup-helpers';
import { freshDb } from './helpers';

const encoder = new TextEncoder();

/** A backup file built by hand, with a correct checksum unless told otherwise. */
function handMade(chunks: BackupChunk[], header: Partial<BackupHeader> = {}): Uint8Array {
  const lines = [
    encodeLine({
      format: BACKUP_FORMAT,
      format_version: 2,
      app: 'Encore CRM',
      app_version: '0.1.0',
      schema_version: 2,
      created_at: '2026-11-27T10:00:00.000Z',
      reason: 'manual',
      tables: [...new Set(chunks.map((chunk) => chunk.table))],
      ...header,
    }),
    ...chunks.map((chunk) => encodeLine(chunk)),
  ];
  const hash = new Sha256();
  for (const line of lines) hash.update(encoder.encode(line));
  const counts: Record<string, number> = {};
  for (const chunk of chunks) counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
  lines.push(
    encodeLine({
      end: BACKUP_FORMAT,
      counts,
      unreadable: [],
      lines: lines.length,
      sha256: hash.hex(),
    }),
  );
  return encoder.encode(lines.join(''));
}

async function refusal(bytes: Uint8Array): Promise<BackupFileError> {
  const db = freshDb();
  const error = await inspectBackup(db, bufferByteSource(bytes, 'x.ndjson')).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupFileError);
  return error as BackupFileError;
}

/** Restores `bytes` over a database holding a generated scenario and checks it is unchanged. */
async function expectRestoreRefusedAndNothingChanged(bytes: Uint8Array): Promise<BackupFileError> {
  const db = freshDb();
  const [scenario] = fc.sample(scenarioArbitrary, { numRuns: 1, seed: 3 });
  if (!scenario) throw new Error('no sample');
  await writeScenario(db, scenario);
  const before = await snapshot(db);
  const staging = stagingName();
  const error = await restoreIntoStaging(bufferByteSource(bytes, 'x.ndjson'), {
    stagingName: staging,
    deviceSyncState: [],
    newClientId: 'new',
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupFileError);
  expect(await snapshot(db)).toEqual(before);
  // The staging database went with the refusal.
  expect(await databaseExists(staging)).toBe(false);
  return error as BackupFileError;
}

const profile = (id: string) => ({
  id,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  deleted: 0,
  first_name: 'Ana',
  last_name: 'Lima',
  date_of_birth: null,
  notes: '',
  tags: [],
  lifecycle: 'lead',
  owner_id: null,
  email_consent: { opted_in: false, source: null, changed_at: null },
  sms_consent: { opted_in: false, source: null, changed_at: null },
});

describe('a damaged or foreign backup is refused and changes nothing', () => {
  it('a file cut short anywhere is refused, and the database is unchanged', async () => {
    const source = freshDb();
    const [scenario] = fc.sample(scenarioArbitrary, { numRuns: 1, seed: 5 });
    if (!scenario) throw new Error('no sample');
    await writeScenario(source, scenario);
    const bytes = await backupBytes(source, { chunkRows: 3 });
    await fc.assert(
      // Up to the trailer's last character: only its final newline may go unnoticed.
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 2 }), async (cut) => {
        const error = await refusal(bytes.subarray(0, cut));
        expect(['truncated', 'damaged', 'not-a-backup']).toContain(error.problem);
        expect(error.message).toMatch(/Nothing was changed|not an Encore CRM backup/);
      }),
      { numRuns: 40 },
    );
    // The cut the issue names: the last line gone (everything else intact).
    const lastLine = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    const truncated = await expectRestoreRefusedAndNothingChanged(bytes.subarray(0, lastLine));
    expect(truncated.problem).toBe('truncated');
    expect(truncated.message).toMatch(/incomplete/);
  });

  it('one changed character anywhere is refused', async () => {
    const source = freshDb();
    await writeScenario(source, fc.sample(scenarioArbitrary, { numRuns: 1, seed: 9 })[0]!);
    const bytes = await backupBytes(source);
    const trailerStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: trailerStart - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, xor) => {
          const altered = bytes.slice();
          altered[at] = (altered[at] ?? 0) ^ xor;
          const error = await refusal(altered);
          expect(['damaged', 'not-a-backup']).toContain(error.problem);
        },
      ),
      { numRuns: 40 },
    );
    const altered = bytes.slice();
    const at = new TextDecoder().decode(bytes).indexOf('0.1.0-test') + 2;
    altered[at] = 0x39; // "0.1.9-test": still valid JSON, only the checksum can tell
    expect((await expectRestoreRefusedAndNothingChanged(altered)).message).toMatch(
      /do not match its checksum/,
    );
  });

  it.each([
    ['an empty file', ''],
    ['a CSV', 'First name,Email\nAna,ana@example.com\n'],
    ['some other JSON lines', '{"hello":"world"}\n{"end":true}\n'],
    ['binary noise', '\u0000\u00ff\u00fe garbage'],
  ])('%s is not an Encore backup', async (_label, text) => {
    const error = await refusal(encoder.encode(text));
    expect(error.problem).toBe('not-a-backup');
    expect(error.message).toBe('This file is not an Encore CRM backup.');
  });

  it('the single-JSON backups of earlier builds are named as such', async () => {
    const old = JSON.stringify({ format: 'encore-crm-backup', version: 1, tables: {} }, null, 1);
    const error = await refusal(encoder.encode(old));
    expect(error.problem).toBe('older-format');
  });

  it('a backup from a newer Encore (format or database version) asks for an update', async () => {
    const newerFormat = await refusal(handMade([], { format_version: 3 }));
    expect(newerFormat.problem).toBe('newer-format');
    const newerSchema = await refusal(
      handMade([{ table: 'customer_profiles', rows: [profile('a')] }], { schema_version: 99 }),
    );
    expect(newerSchema.message).toMatch(/newer version of Encore CRM.*Update Encore CRM/);
  });

  it('rows the data-layer guard refuses are refused, and nothing is changed', async () => {
    const bad = handMade([
      { table: 'customer_profiles', rows: [profile('a')] },
      {
        table: 'customer_emails',
        rows: [
          {
            id: 'e1',
            customer_id: 'a',
            address: 'not an email',
            address_normalized: 'not an email',
            label: '',
            source: 'manual',
            is_primary: 1,
            created_at: '2026-01-01T00:00:00.000Z',
            updated_at: '2026-01-01T00:00:00.000Z',
            deleted: 0,
          },
        ],
      },
    ]);
    // The first pass checks the format only; the guard sees rows when they are written.
    await expect(inspectBackup(freshDb(), bufferByteSource(bad, 'x'))).resolves.toBeDefined();
    const error = await expectRestoreRefusedAndNothingChanged(bad);
    expect(error.problem).toBe('refused');
    expect(error.message).toMatch(
      /refuses \(customer_emails\): Email needs an @\. Nothing was changed\./,
    );
  });

  it('rows without a key, tables a backup never holds, repeated keys and tables out of order are refused', async () => {
    const noId = await refusal(
      handMade([{ table: 'customer_profiles', rows: [{ first_name: 'x' }] }]),
    );
    expect(noId.message).toMatch(/customer_profiles row that has no id/);
    const excluded = await refusal(
      handMade([{ table: 'customers_crm_v', rows: [{ customer_id: 'a' }] }]),
    );
    expect(excluded.message).toMatch(/belongs to no table a backup holds/);
    const repeated = await expectRestoreRefusedAndNothingChanged(
      handMade([{ table: 'customer_profiles', rows: [profile('a'), profile('a')] }]),
    );
    expect(repeated.message).toMatch(/2 customer_profiles rows but only 1 different/);
    const chunks = [
      { table: 'customer_profiles', rows: [profile('a')] },
      { table: 'team_members', rows: [{ id: 'm' }] },
      { table: 'customer_profiles', rows: [profile('b')] },
    ];
    const backwards = await refusal(
      handMade(chunks, { tables: ['customer_profiles', 'team_members'] }),
    );
    expect(backwards.message).toMatch(/goes back to customer_profiles/);
  });

  it('a valid backup reads with every count and its header', async () => {
    const source = freshDb();
    await writeScenario(source, fc.sample(scenarioArbitrary, { numRuns: 1, seed: 2 })[0]!);
    const summary = await readBackup(bufferByteSource(await backupBytes(source), 'b'));
    for (const table of summary.header.tables)
      expect(summary.counts[table] ?? 0).toBe(await source.table(table).count());
    expect(summary.header).toMatchObject({
      app_version: '0.1.0-test',
      schema_version: source.verno,
    });
  });
});
