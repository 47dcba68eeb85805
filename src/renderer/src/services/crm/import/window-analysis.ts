/**
 * What the window holds of an import's analysis. A file of 100,000 rows can have 66,000 rows
 * with issues; sending them all to the window on every fix or skip cost the UI thread seconds
 * (structured clone of every row, then garbage collection: an 8 s task at 100,000 rows in
 * docs/import.md). So the rows stay beside the session, in the import worker: the window gets
 * the counts, a summary per kind of issue and the first page, and reads further pages as the
 * list scrolls. Bulk fixes run here, over every row, not in the window.
 */
import type { IssueKind } from '../../../domain/import/rows';
import {
  dropInvalidPhones,
  issueSummary,
  openRowsWithIssue,
  rereadPhonesIn,
  type CellFix,
  type IssueKindSummary,
} from '../../../domain/import/bulk-fixes';
import type { Analysis, IssueRow } from './session-types';

/** Rows per page the window reads (its list shows about 15 at once). */
export const ISSUE_PAGE_ROWS = 100;

export type WindowAnalysis = Omit<Analysis, 'issueRows'> & {
  /** Rises with every analysis: the window's pages of an older one are stale. */
  version: number;
  issues: {
    total: number;
    kinds: IssueKindSummary[];
    /** The first page of rows with issues, so the check step shows rows at once. */
    head: IssueRow[];
  };
};

export type IssueRowsPage = { version: number; from: number; rows: IssueRow[] };

/** The last analysis the session gave, and the window's view of it. */
export function createWindowAnalysis() {
  let last: Analysis | null = null;
  let view: WindowAnalysis | null = null;
  let version = 0;
  const rows = () => last?.issueRows ?? [];
  return {
    show(analysis: Analysis): WindowAnalysis {
      last = analysis;
      version += 1;
      const { issueRows, ...rest } = analysis;
      view = {
        ...rest,
        version,
        issues: {
          total: issueRows.length,
          kinds: issueSummary(issueRows),
          head: issueRows.slice(0, ISSUE_PAGE_ROWS),
        },
      };
      return view;
    },
    current(): WindowAnalysis {
      if (!view) throw new Error('Choose a file first');
      return view;
    },
    page(from: number, to: number): IssueRowsPage {
      const start = Math.max(0, Math.floor(from));
      const end = Math.min(Math.max(start, Math.floor(to)), start + 10 * ISSUE_PAGE_ROWS);
      return { version, from: start, rows: rows().slice(start, end) };
    },
    rereadPhones(region: string): { fixes: CellFix[]; read: number; unread: number } {
      return rereadPhonesIn(rows(), region);
    },
    dropInvalidPhones(region: string): CellFix[] {
      return dropInvalidPhones(rows(), region);
    },
    openRows(kind: IssueKind): number[] {
      return openRowsWithIssue(rows(), kind);
    },
  };
}
