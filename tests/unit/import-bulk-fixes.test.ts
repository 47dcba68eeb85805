// The check step's fixes for every row with one issue.
import { describe, expect, it } from 'vitest';
import {
  dropInvalidPhones,
  issueSummary,
  openRowsWithIssue,
  rereadPhonesIn,
  rereadRegionDefault,
  rowsWithIssue,
} from '../../src/renderer/src/domain/import/bulk-fixes';
import type { RowIssue } from '../../src/renderer/src/domain/import/rows';

const phoneIssue: RowIssue = { kind: 'invalid-phone', column: 1, message: 'bad phone' };
const noEmail: RowIssue = { kind: 'no-email', column: null, message: 'no email' };
const rows = [
  { row: 2, cells: ['Ada', '030 1234567'], issues: [phoneIssue] },
  { row: 3, cells: ['Bert', '555 ::: 0151 23456789'], issues: [phoneIssue, noEmail] },
  { row: 4, cells: ['Carl', '555'], issues: [phoneIssue] },
  { row: 5, cells: ['Dana', ''], issues: [noEmail] },
];

describe('bulk fixes on the check step', () => {
  it('finds the rows with one kind of issue', () => {
    expect(rowsWithIssue(rows, 'invalid-phone')).toEqual([2, 3, 4]);
    expect(rowsWithIssue(rows, 'no-email')).toEqual([3, 5]);
  });

  it('offers to skip only the rows with the issue that are not skipped yet', () => {
    const many = Array.from({ length: 30_000 }, (_, i) => ({
      row: i + 2,
      cells: ['x', 'y'],
      issues: i % 3 === 0 ? [noEmail] : [phoneIssue],
      skipped: i % 4 === 0,
    }));
    const open = openRowsWithIssue(many, 'invalid-phone');
    expect(open).toEqual(
      many.filter((r) => !r.skipped && r.issues[0] === phoneIssue).map((r) => r.row),
    );
    expect(open).toHaveLength(15_000);
  });

  it('sums each kind of issue once per row, and the rows not skipped', () => {
    const twice: RowIssue = { ...phoneIssue, column: 2 };
    const summary = issueSummary([
      { ...rows[0]!, issues: [phoneIssue, twice], skipped: false },
      { ...rows[1]!, skipped: true },
      { ...rows[2]!, skipped: false },
      { ...rows[3]!, skipped: false },
    ]);
    expect(summary).toEqual([
      { kind: 'invalid-phone', rows: 3, open: 2 },
      { kind: 'no-email', rows: 2, open: 1 },
    ]);
  });

  it('re-reads invalid phones in another region, as international numbers', () => {
    const { fixes, read, unread } = rereadPhonesIn(rows, 'DE');
    expect(fixes).toEqual([
      { row: 2, column: 1, value: '+49301234567' },
      { row: 3, column: 1, value: '555 ::: +4915123456789' },
    ]);
    expect({ read, unread }).toEqual({ read: 1, unread: 2 });
  });

  it('drops only the phones that do not read in the import region', () => {
    expect(dropInvalidPhones(rows, 'DE')).toEqual([
      { row: 2, column: 1, value: '030 1234567' },
      { row: 3, column: 1, value: '0151 23456789' },
      { row: 4, column: 1, value: '' },
    ]);
    expect(dropInvalidPhones(rows, 'US').map((fix) => fix.value)).toEqual(['', '', '']);
  });
});

describe('the region a re-read of invalid phones starts at', () => {
  it("is the file's suggestion, then the user's region, never the region already used", () => {
    expect(rereadRegionDefault('US', 'DE', 'FR')).toBe('DE');
    // The suggestion was taken: the phones still invalid are not re-read in it again.
    expect(rereadRegionDefault('DE', 'DE', 'FR')).toBe('FR');
    expect(rereadRegionDefault('DE', null, 'DE')).toBe('US');
    expect(rereadRegionDefault('US', null, 'US')).toBe('GB');
  });
});
