/**
 * The check step's fixes for every row with one issue at once: re-read the phones in another
 * region, import the rows without the phones that do not read, or skip the rows. Pure: they
 * return cell fixes and row numbers; the import session applies them.
 */
import { checkPhone } from '../contact-points';
import type { IssueKind, RowIssue } from './rows';
import { splitMultiValue } from './values';

export type IssueRowLike = { row: number; cells: readonly string[]; issues: readonly RowIssue[] };
export type CellFix = { row: number; column: number; value: string };

/** The rows with at least one issue of this kind, in file order. */
export function rowsWithIssue(rows: readonly IssueRowLike[], kind: IssueKind): number[] {
  return rows.filter((row) => row.issues.some((issue) => issue.kind === kind)).map((r) => r.row);
}

/**
 * The rows with an issue of this kind that are not skipped, in file order. One pass with a
 * set: looking each row's skip up in the list was quadratic (13,333 rows with an invalid phone
 * held the window 2.6 s at 20,000 rows, profiled in docs/import.md).
 */
export function openRowsWithIssue(
  rows: readonly (IssueRowLike & { skipped: boolean })[],
  kind: IssueKind,
): number[] {
  const skipped = new Set(rows.filter((row) => row.skipped).map((row) => row.row));
  return rowsWithIssue(rows, kind).filter((row) => !skipped.has(row));
}

/** Each (row, phone column) with an invalid phone, once, with the cell as it stands. */
function invalidPhoneCells(rows: readonly IssueRowLike[]) {
  const cells: { row: number; column: number; cell: string }[] = [];
  for (const row of rows) {
    const columns = new Set(
      row.issues
        .filter((issue) => issue.kind === 'invalid-phone' && issue.column !== null)
        .map((issue) => issue.column as number),
    );
    for (const column of columns)
      cells.push({ row: row.row, column, cell: row.cells[column] ?? '' });
  }
  return cells;
}

/** A phone cell's values (Google's " ::: " joins several). */
const phonesOf = (cell: string) => splitMultiValue(cell);

/**
 * Every invalid phone read again in `region`: the ones that read become international
 * (E.164, so the import's own region no longer matters). `read` counts the cells whose every
 * phone now reads, `unread` those where some phone still does not.
 */
export function rereadPhonesIn(
  rows: readonly IssueRowLike[],
  region: string,
): { fixes: CellFix[]; read: number; unread: number } {
  const fixes: CellFix[] = [];
  let unread = 0;
  let read = 0;
  for (const { row, column, cell } of invalidPhoneCells(rows)) {
    const values = phonesOf(cell).map((value) => {
      const check = checkPhone(value, region);
      return check.ok ? { value: check.e164, read: true } : { value, read: false };
    });
    if (values.some((value) => !value.read)) unread += 1;
    else read += 1;
    if (values.some((value) => value.read))
      fixes.push({ row, column, value: values.map((value) => value.value).join(' ::: ') });
  }
  return { fixes, read, unread };
}

/**
 * The rows' phone cells without the phones that do not read in `region` (the import's region):
 * the person is imported, with the phones that do read.
 */
export function dropInvalidPhones(rows: readonly IssueRowLike[], region: string): CellFix[] {
  return invalidPhoneCells(rows).map(({ row, column, cell }) => ({
    row,
    column,
    value: phonesOf(cell)
      .filter((value) => checkPhone(value, region).ok)
      .join(' ::: '),
  }));
}

/** Per kind of issue: its rows, and those not skipped (what "Skip all" would skip). */
export type IssueKindSummary = { kind: IssueKind; rows: number; open: number };

/**
 * The check step's lines in one pass over the rows with issues, kinds in order of first
 * appearance: the window shows these counts without holding the rows themselves.
 */
export function issueSummary(
  rows: readonly (IssueRowLike & { skipped: boolean })[],
): IssueKindSummary[] {
  const byKind = new Map<IssueKind, IssueKindSummary>();
  for (const row of rows) {
    const seen = new Set<IssueKind>();
    for (const issue of row.issues) {
      if (seen.has(issue.kind)) continue;
      seen.add(issue.kind);
      let line = byKind.get(issue.kind);
      if (!line) byKind.set(issue.kind, (line = { kind: issue.kind, rows: 0, open: 0 }));
      line.rows += 1;
      if (!row.skipped) line.open += 1;
    }
  }
  return [...byKind.values()];
}

/**
 * The region the "Read their phones in" menu starts at: another region than the one the
 * phones were just read in (re-reading in it changes nothing), the one the file itself points
 * to first (region-suggestion.ts), then the user's own region, then a common one.
 */
export function rereadRegionDefault(
  importRegion: string,
  suggested: string | null,
  userRegion: string,
): string {
  for (const region of [suggested, userRegion, 'US', 'GB'])
    if (region && region !== importRegion) return region;
  return 'US';
}
