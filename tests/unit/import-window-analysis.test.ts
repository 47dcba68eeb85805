// What crosses to the window of an import's analysis: counts, a summary and pages of rows,
// never every row with an issue (services/crm/import/window-analysis.ts).
import { describe, expect, it } from 'vitest';
import type { RowIssue } from '../../src/renderer/src/domain/import/rows';
import type { Analysis, IssueRow } from '../../src/renderer/src/services/crm/import-service';
import {
  ISSUE_PAGE_ROWS,
  createWindowAnalysis,
} from '../../src/renderer/src/services/crm/import/window-analysis';

const phoneIssue: RowIssue = { kind: 'invalid-phone', column: 1, message: 'bad phone' };
const noEmail: RowIssue = { kind: 'no-email', column: null, message: 'no email' };

function issueRow(row: number, skipped = false): IssueRow {
  return {
    row,
    person: { name: `Fan ${row}`, email: '' },
    cells: [`Fan ${row}`, row % 2 ? '030 1234567' : '555'],
    issues: row % 3 ? [phoneIssue] : [phoneIssue, noEmail],
    blocked: row % 3 === 0,
    skipped,
  };
}

function analysisOf(issueRows: IssueRow[]): Analysis {
  return {
    headers: ['Name', 'Phone'],
    plan: { rows_read: issueRows.length } as Analysis['plan'],
    issueRows,
    mergeInto: [],
    merged: 0,
  };
}

describe('the window view of an import analysis', () => {
  const many = Array.from({ length: 1_000 }, (_, i) => issueRow(i + 2, i % 10 === 0));

  it('sends counts, a summary and only the first page of rows', () => {
    const view = createWindowAnalysis().show(analysisOf(many));
    expect(view).not.toHaveProperty('issueRows');
    expect(view.issues.total).toBe(1_000);
    expect(view.issues.head).toEqual(many.slice(0, ISSUE_PAGE_ROWS));
    expect(view.issues.kinds).toEqual([
      { kind: 'invalid-phone', rows: 1_000, open: 900 },
      {
        kind: 'no-email',
        rows: many.filter((r) => r.issues.includes(noEmail)).length,
        open: many.filter((r) => r.issues.includes(noEmail) && !r.skipped).length,
      },
    ]);
  });

  it('reads any page of the latest analysis, with its version', () => {
    const shown = createWindowAnalysis();
    const first = shown.show(analysisOf(many));
    expect(shown.page(250, 350)).toEqual({
      version: first.version,
      from: 250,
      rows: many.slice(250, 350),
    });
    const fewer = many.slice(0, 300);
    const second = shown.show(analysisOf(fewer));
    expect(second.version).toBeGreaterThan(first.version);
    expect(shown.page(250, 350)).toEqual({
      version: second.version,
      from: 250,
      rows: fewer.slice(250),
    });
    // A hostile range never reads the whole list at once.
    expect(shown.page(-5, 1e9).rows).toHaveLength(300);
    expect(createWindowAnalysis().page(0, 10).rows).toEqual([]);
  });

  it('runs the bulk fixes over every row, not only the pages the window read', () => {
    const shown = createWindowAnalysis();
    shown.show(analysisOf(many));
    expect(shown.openRows('invalid-phone')).toHaveLength(900);
    expect(shown.rereadPhones('DE').fixes).toHaveLength(500);
    expect(shown.dropInvalidPhones('DE')).toHaveLength(1_000);
  });
});
