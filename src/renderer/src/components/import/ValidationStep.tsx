import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { ISSUE_LABELS, type IssueKind } from '../../domain/import/rows';
import type { IssueRow } from '../../services/crm/import-service';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { fixCell, skipRow } from './wizard-actions';
import { Count } from './Count';
import { IssueBulkFixes } from './IssueBulkFixes';
import { useWindowHeight } from '../ui/use-window-height';
import { useIssueRows } from './use-issue-rows';

const ROW_HEIGHT = 44;

type IssueCellProps = {
  row: number;
  column: number;
  value: string;
  /** A fix sent with Enter: the list keeps the keyboard at this place once it is read again. */
  onEnterFix: () => void;
};

function IssueCell({ row, column, value, onEnterFix }: IssueCellProps) {
  const [draft, setDraft] = useState(value);
  const header = useImportWizard((s) => s.analysis?.headers[column] ?? `Column ${column + 1}`);
  const commit = () => {
    if (draft === value) return false;
    void fixCell(row, column, draft);
    return true;
  };
  return (
    <input
      className="input import-fix"
      aria-label={`Fix ${header} in row ${row}`}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && commit()) onEnterFix();
        if (e.key === 'Escape') setDraft(value);
      }}
    />
  );
}

function IssueLine({ item, onEnterFix }: { item: IssueRow; onEnterFix: () => void }) {
  const skipped = item.skipped;
  const columns = [
    ...new Set(item.issues.map((i) => i.column).filter((c): c is number => c !== null)),
  ];
  return (
    <div className={`import-issue${skipped ? ' is-skipped' : ''}`} role="row">
      <span role="cell" className="cell-mono">
        {item.row}
      </span>
      <span role="cell" className="import-issue-person">
        <span className="import-issue-name">{item.person.name || 'No name'}</span>
        <span className="cell-muted">{item.person.email || 'no valid email'}</span>
      </span>
      <span role="cell" className="import-issue-text">
        {item.issues.map((issue, i) => (
          <span key={i} className={item.blocked ? 'badge badge-danger' : 'badge'}>
            {issue.message}
          </span>
        ))}
        {item.blocked ? <span className="cell-muted"> Not imported unless fixed</span> : null}
      </span>
      <span role="cell" className="import-issue-fix">
        {columns.map((column) => (
          <IssueCell
            key={`${column}:${item.cells[column] ?? ''}`}
            row={item.row}
            column={column}
            value={item.cells[column] ?? ''}
            onEnterFix={onEnterFix}
          />
        ))}
      </span>
      <span role="cell">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={skipped}
            onChange={(e) => void skipRow(item.row, e.target.checked)}
          />
          Skip
        </label>
      </span>
    </div>
  );
}

/** A row still being read from the import worker (a few milliseconds while scrolling). */
function ReadingLine() {
  return (
    <div className="import-issue is-reading" role="row">
      <span role="cell" className="cell-muted">
        Reading…
      </span>
    </div>
  );
}

export function ValidationStep() {
  const { analysis, mapping, set } = useImportWizard();
  const scroller = useRef<HTMLDivElement>(null);
  const total = analysis?.issues.total ?? 0;
  // The list takes the page's height down to the Back/Next buttons, not a small inner box.
  const windowHeight = useWindowHeight();
  const [listTop, setListTop] = useState(360);
  const hasRows = total > 0;
  useLayoutEffect(() => {
    if (hasRows && scroller.current) setListTop(scroller.current.getBoundingClientRect().top);
  }, [hasRows, analysis]);
  const listHeight = Math.max(ROW_HEIGHT * 6, windowHeight - listTop - 88);
  // Heights are kept by file row, not by place: a fixed row leaves the list and the rows below
  // move up, each keeping its own height (by place, a two-line row took a one-line row's
  // height and overlapped the next). The first page comes with the analysis; later pages are
  // read by the rows' view below (a ref: it is made after the virtualizer).
  const rowsView = useRef<((index: number) => IssueRow | undefined) | null>(null);
  const head = analysis?.issues.head;
  const getItemKey = useCallback(
    (index: number) =>
      (index < (head?.length ?? 0) ? head?.[index] : rowsView.current?.(index))?.row ??
      `reading-${index}`,
    [head],
  );
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const { rowAt, currentAt } = useIssueRows(
    analysis,
    virtualItems[0]?.index ?? 0,
    virtualItems[virtualItems.length - 1]?.index ?? 0,
  );
  rowsView.current = rowAt;

  // A fix sent with Enter takes its row out of the list (or redraws it): the keyboard stays at
  // the same place, in the fix field of the row there now, instead of falling to the page.
  const refocus = useRef<{ index: number; version: number } | null>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const version = analysis?.version ?? 0;
  useLayoutEffect(() => {
    const want = refocus.current;
    if (!want || version <= want.version) return;
    const active = document.activeElement;
    const list = scroller.current;
    // The user went elsewhere meanwhile: theirs to keep.
    if (active && active !== document.body && !list?.contains(active)) {
      refocus.current = null;
      return;
    }
    if (total === 0) {
      refocus.current = null;
      nextButton.current?.focus();
      return;
    }
    const index = Math.min(want.index, total - 1);
    const field = list?.querySelector<HTMLElement>(
      `.import-issue-slot[data-index="${index}"] .import-fix`,
    );
    if (!field) return;
    if (active !== field) field.focus();
    // A later page shows its older rows until it is read again: kept until it is.
    if (currentAt(index)) refocus.current = null;
  });

  if (!analysis) return null;
  const counts: [IssueKind, number][] = [
    ['invalid-email', analysis.plan.invalid_emails],
    ['no-email', analysis.plan.no_email],
    ['invalid-phone', analysis.plan.invalid_phones],
    ['invalid-date', analysis.plan.invalid_dates],
  ];
  // Files with an Encore ID column (our own exports) also report bad or disagreeing ids.
  const withIds = mapping.some((entry) => entry.field === 'encore_id');
  if (withIds)
    counts.push(
      ['invalid-id', analysis.plan.invalid_ids],
      ['id-conflict', analysis.plan.id_conflicts],
    );
  // Rare, and never a reason to drop a row: shown only when a file has them.
  if (analysis.plan.control_chars > 0) counts.push(['control-chars', analysis.plan.control_chars]);
  return (
    <section className="section import-step" aria-labelledby="validation-heading">
      <h2 id="validation-heading" className="section-title">
        Check rows
      </h2>
      <dl className="import-counts" aria-label="Issue counts">
        <div>
          <dt>Rows read</dt>
          <Count name="rows-read" value={analysis.plan.rows_read} />
        </div>
        <div>
          <dt>Rows with issues</dt>
          <Count name="rows-with-issues" value={analysis.plan.rows_with_issues} />
        </div>
        {counts.map(([kind, count]) => (
          <div key={kind}>
            <dt>{ISSUE_LABELS[kind]}</dt>
            <Count name={kind} value={count} />
          </div>
        ))}
      </dl>
      <p className="field-hint">
        {withIds
          ? 'Rows without a valid email or Encore ID, and rows whose Encore ID and email belong to different people, are not imported unless you fix them.'
          : 'Rows without a valid email are not imported unless you fix them.'}{' '}
        An invalid phone or date never drops a person: the row is imported without it, or fix the
        cell here.
      </p>
      <IssueBulkFixes kinds={analysis.issues.kinds} />
      {total > 0 ? (
        <div
          className="import-issues"
          role="table"
          aria-label="Rows with issues"
          aria-rowcount={total}
        >
          <div className="import-issue import-issue-head" role="row">
            <span role="columnheader">Row</span>
            <span role="columnheader">Person</span>
            <span role="columnheader">Issue</span>
            <span role="columnheader">Fix</span>
            <span role="columnheader">Skip</span>
          </div>
          <div ref={scroller} className="import-issue-scroller" style={{ height: listHeight }}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualItems.map((virtual) => {
                const item = rowAt(virtual.index);
                return (
                  <div
                    key={item ? item.row : `reading-${virtual.index}`}
                    // Measured: a row with two issues and "Not imported unless fixed" is taller
                    // than one line, and must push the rows below it down, not overlap them.
                    ref={virtualizer.measureElement}
                    data-index={virtual.index}
                    className="import-issue-slot"
                    style={{ transform: `translateY(${virtual.start}px)` }}
                  >
                    {item ? (
                      <IssueLine
                        item={item}
                        onEnterFix={() => {
                          refocus.current = { index: virtual.index, version };
                        }}
                      />
                    ) : (
                      <ReadingLine />
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      ) : (
        <p className="notice">No issues: every row can be imported.</p>
      )}
      <div className="import-nav">
        <button className="btn" onClick={() => set({ step: 'mapping' })}>
          Back
        </button>
        <button ref={nextButton} className="btn btn-primary" onClick={() => set({ step: 'plan' })}>
          Next: plan
        </button>
      </div>
    </section>
  );
}
