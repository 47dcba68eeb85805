/**
 * The check step's rows with issues, read from the import worker a page at a time as the list
 * scrolls (the worker holds them all; see services/crm/import/window-analysis.ts). After a fix
 * or a skip the pages in view are read again; until they come, the older page stays shown (a
 * row's buttons act on its file row number, never on its place in the list).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IssueRow } from '../../services/crm/import-service';
import { ISSUE_PAGE_ROWS, type WindowAnalysis } from '../../services/crm/import/window-analysis';
import { importClient } from '../../workers/import-client';

type Page = { version: number; rows: IssueRow[] };

export type IssueRowsView = {
  /** The row at a place in the list, from the newest page read (absent: not read yet). */
  rowAt: (index: number) => IssueRow | undefined;
  /** True when the row shown at `index` is of the newest analysis, not an older page. */
  currentAt: (index: number) => boolean;
};

export function useIssueRows(
  analysis: WindowAnalysis | null,
  firstIndex: number,
  lastIndex: number,
): IssueRowsView {
  const pages = useRef(new Map<number, Page>());
  const asked = useRef(new Map<number, number>());
  const [, setRead] = useState(0);
  const version = analysis?.version ?? 0;
  const total = analysis?.issues.total ?? 0;

  // The first page comes with the analysis: rows show in the same frame as the counts.
  if (analysis && (pages.current.get(0)?.version ?? -1) < version)
    pages.current.set(0, { version, rows: analysis.issues.head });

  useEffect(() => {
    if (!analysis || total === 0) return;
    const first = Math.floor(Math.max(0, firstIndex) / ISSUE_PAGE_ROWS);
    const last = Math.floor(Math.min(total - 1, Math.max(firstIndex, lastIndex)) / ISSUE_PAGE_ROWS);
    for (let page = first; page <= last; page += 1) {
      if ((pages.current.get(page)?.version ?? -1) >= version) continue;
      if ((asked.current.get(page) ?? -1) >= version) continue;
      asked.current.set(page, version);
      const from = page * ISSUE_PAGE_ROWS;
      importClient.issueRows(from, from + ISSUE_PAGE_ROWS).then(
        (read) => {
          // An answer for an older analysis is dropped; the newer one is asked for already.
          if (read.version < (pages.current.get(page)?.version ?? -1)) return;
          pages.current.set(page, { version: read.version, rows: read.rows });
          setRead((n) => n + 1);
        },
        () => asked.current.delete(page),
      );
    }
  }, [analysis, version, total, firstIndex, lastIndex]);

  const rowAt = useCallback(
    (index: number) =>
      pages.current.get(Math.floor(index / ISSUE_PAGE_ROWS))?.rows[index % ISSUE_PAGE_ROWS],
    // Read anew on every render: the pages change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version, pages.current.size],
  );
  const currentAt = useCallback(
    (index: number) =>
      (pages.current.get(Math.floor(index / ISSUE_PAGE_ROWS))?.version ?? -1) >= version,
    [version],
  );
  return { rowAt, currentAt };
}
