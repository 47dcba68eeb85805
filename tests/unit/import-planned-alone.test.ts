/** Rows planned alone from their bits: the bits agree with buildPlan, the counts add up. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_CONSENT } from '../../src/renderer/src/domain/consent';
import { autoMap } from '../../src/renderer/src/domain/import/mapping';
import {
  buildPlan,
  emptyExistingIndex,
  MERGE_POLICIES,
  type ExistingCustomer,
  type ExistingIndex,
} from '../../src/renderer/src/domain/import/plan';
import {
  aloneCounts,
  HAS_ID,
  HELD,
  matchedAloneBits,
  touchedCustomers,
  withAloneCounts,
  writesUpdate,
} from '../../src/renderer/src/domain/import/planned-alone';
import { RowFlags } from '../../src/renderer/src/domain/import/row-index';
import { convertRow } from '../../src/renderer/src/domain/import/rows';

const ID_A = '019a0000-0000-7000-8000-00000000000a';
const ID_B = '019a0000-0000-7000-8000-00000000000b';
const settings = {
  mapping: autoMap(['Encore ID', 'Email', 'First Name', 'Tags']),
  defaultRegion: 'US',
  dateFormat: 'YYYY-MM-DD' as const,
};
const row = (n: number, cells: [string, string, string, string]) => convertRow(cells, n, settings);

function customer(id: string, email: string, firstName: string, tags: string[]): ExistingCustomer {
  return {
    id,
    profile: {
      first_name: firstName,
      last_name: '',
      date_of_birth: null,
      notes: '',
      tags,
      lifecycle: 'lead',
      email_consent: NO_CONSENT,
      sms_consent: NO_CONSENT,
    },
    emails: [email],
    phones: [],
  };
}

const ana = customer(ID_A, 'ana@x.io', '', ['vip']);
const bo = customer(ID_B, 'bo@x.io', 'Bo', []);
const index: ExistingIndex = {
  byEmail: new Map([
    ['ana@x.io', ana],
    ['bo@x.io', bo],
  ]),
  byId: new Map([
    [ID_A, ana],
    [ID_B, bo],
  ]),
  deletedIds: new Set(['019a0000-0000-7000-8000-0000000000dd']),
};

describe('rows planned alone', () => {
  it('names the customers a row touches by its id and its emails', () => {
    expect(touchedCustomers(row(2, [ID_A, 'bo@x.io', '', '']), index).sort()).toEqual([ID_A, ID_B]);
    expect(touchedCustomers(row(2, ['', 'new@x.io', '', '']), index)).toEqual([]);
  });

  it('leaves rows that block, become new or have issues to the full plan', () => {
    // Encore ID of Ana, email of Bo.
    expect(matchedAloneBits(row(2, [ID_A, 'bo@x.io', '', '']), index)).toBeNull();
    // A deleted customer's id: a new customer with a fresh id.
    const deleted = row(2, ['019a0000-0000-7000-8000-0000000000dd', 'z@x.io', '', '']);
    expect(matchedAloneBits(deleted, index)).toBeNull();
    expect(matchedAloneBits(row(2, ['', 'new@x.io', '', '']), emptyExistingIndex())).toBeNull();
    // An unreadable Encore ID is an issue: the row is listed with the issues, so held.
    expect(matchedAloneBits(row(2, ['42', 'ana@x.io', '', '']), index)).toBeNull();
    expect(matchedAloneBits(row(2, ['', 'ana@x.io', 'Ana', 'crew']), index)).not.toBeNull();
  });

  it('counts what a plan of the rows counts, for every policy', () => {
    const cell = fc.tuple(
      fc.constantFrom('', ID_A, ID_B),
      fc.constantFrom('ana@x.io', 'bo@x.io', 'new@x.io'),
      fc.constantFrom('', 'Ana', 'Bo'),
      fc.constantFrom('', 'vip', 'crew'),
    );
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 8 }),
        fc.constantFrom(...MERGE_POLICIES),
        (cells, policy) => {
          const flags = new RowFlags();
          // Each row alone (a file of one row), at rows 2.., the way a session records them.
          const rows = cells.map((c, i) => row(i + 2, c));
          let sum = buildPlan([], index, policy).counts;
          for (const candidate of rows) {
            const bits = matchedAloneBits(candidate, index);
            const alone = buildPlan([candidate], index, policy);
            if (bits === null) {
              flags.add(candidate.row, HELD);
              continue;
            }
            flags.add(candidate.row, bits);
            expect(writesUpdate(flags, candidate.row, policy)).toBe(alone.counts.updated === 1);
            sum = withAloneCounts(sum, {
              rows_read: 1,
              new: alone.counts.new,
              restored_ids: alone.counts.restored_ids,
              updated: alone.counts.updated,
              unchanged: alone.counts.unchanged,
              skipped_existing: alone.counts.skipped_existing,
              matched_by_id: alone.counts.matched_by_id,
            });
          }
          const counted = withAloneCounts(
            buildPlan([], index, policy).counts,
            aloneCounts(flags, 2, rows.length + 1, policy),
          );
          expect(counted).toEqual(sum);
        },
      ),
    );
  });

  it('counts rows not held and not matched as new, restoring their Encore IDs', () => {
    const flags = new RowFlags();
    flags.add(3, HELD);
    flags.add(4, HAS_ID);
    expect(aloneCounts(flags, 2, 5, 'fill-blanks')).toEqual({
      rows_read: 3,
      new: 3,
      restored_ids: 1,
      updated: 0,
      unchanged: 0,
      skipped_existing: 0,
      matched_by_id: 0,
    });
  });
});
