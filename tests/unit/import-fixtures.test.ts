// The shared fixtures through the pure pipeline: reader -> auto-mapping -> rows -> plan. The
// counts must agree with the facts each fixture's .expect.json states.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferByteSource, readCsvRows, sniffCsv, uniqueHeaderNames } from '@shared/csv';
import { autoMap } from '../../src/renderer/src/domain/import/mapping';
import { buildPlan } from '../../src/renderer/src/domain/import/plan';
import { convertRow } from '../../src/renderer/src/domain/import/rows';
import { detectDateFormat } from '../../src/renderer/src/domain/import/values';

export const fixtureDir = join(process.cwd(), '..', 'shared', 'fixtures', 'csv');
const fixtures = [
  'hubspot-contacts-export.csv',
  'google-contacts.csv',
  'excel-de-semicolon-cp1252.csv',
];

async function readFixture(name: string) {
  const source = bufferByteSource(new Uint8Array(readFileSync(join(fixtureDir, name))), name);
  const sniff = await sniffCsv(source);
  const rows: string[][] = [];
  const dialect = {
    encoding: sniff.encoding.encoding,
    delimiter: sniff.delimiter,
    newline: sniff.newline,
  };
  for await (const batch of readCsvRows(source, dialect)) rows.push(...batch.rows);
  return { sniff, rows };
}

describe.each(fixtures)('%s', (name) => {
  const facts = JSON.parse(readFileSync(join(fixtureDir, `${name}.expect.json`), 'utf8'));

  it('plans exactly the customers and issues its facts state', async () => {
    const { sniff, rows } = await readFixture(name);
    expect(sniff.encoding.encoding).toBe(facts.encoding);
    expect(sniff.delimiter).toBe(facts.delimiter);
    const [header = [], ...data] = rows;
    const mapping = autoMap(uniqueHeaderNames(header));
    const dobColumn = mapping.find((m) => m.field === 'date_of_birth')?.column ?? -1;
    const dateFormat = detectDateFormat(data.map((row) => row[dobColumn] ?? ''));
    if (facts.date_format) expect(dateFormat).toBe(facts.date_format);
    const settings = { mapping, defaultRegion: facts.default_region ?? 'US', dateFormat };
    const candidates = data.map((cells, i) => convertRow(cells, i + 2, settings));
    const plan = buildPlan(candidates, new Map(), 'fill-blanks');
    expect(plan.counts).toMatchObject({
      rows_read: facts.data_rows,
      invalid_emails: facts.rows_with_invalid_email,
      invalid_phones: facts.rows_with_invalid_phone,
      duplicates_in_file: facts.rows_that_are_duplicates_by_email,
      new: facts.distinct_valid_emails,
    });
  });

  it('planning leaves the candidates as they were read (the plan is rebuilt on every change)', async () => {
    const { rows } = await readFixture(name);
    const [header = [], ...data] = rows;
    const settings = { mapping: autoMap(uniqueHeaderNames(header)), defaultRegion: 'US' };
    const read = () =>
      data.map((cells, i) => convertRow(cells, i + 2, { ...settings, dateFormat: 'YYYY-MM-DD' }));
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object') {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
      }
      return value;
    };
    // Frozen: any write to a candidate throws (modules are strict).
    const candidates = deepFreeze(read());
    const first = buildPlan(candidates, new Map(), 'fill-blanks');
    const again = buildPlan(candidates, new Map(), 'overwrite');
    expect(again.counts.new).toBe(first.counts.new);
    expect(candidates).toEqual(read());
  });
});
