import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { behindDetailText } from '../../domain/reports/behind-row';
import { parseDrillParam } from '../../domain/reports/drill-link';
import { systemTimeZone } from '../../domain/tasks/task-groups';
import { userLocale } from '../../hooks/settings/user-locale';
import { useNow } from '../../hooks/tasks/use-tasks';
import { useRowsBehind } from '../../hooks/reports/use-reports';

const NOUNS = {
  deals: ['deal', 'deals'],
  customers: ['customer', 'customers'],
  tasks: ['task', 'tasks'],
} as const;

/**
 * The rows behind a figure of the dashboard: the same predicates the figure counted with
 * (drill-resolve.ts), so the list has as many rows as the cell said. Each row opens its page.
 */
export function ReportListPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const parsed = useMemo(() => parseDrillParam(params.get('drill')), [params]);
  const list = useRowsBehind(parsed.ok ? parsed.drill : null);
  const title = parsed.ok ? parsed.drill.label : 'Report list';
  // Dates, statuses and money as the board, the customer list and the task list write them.
  const now = useNow();
  const writing = { now, timeZone: systemTimeZone(), locale: userLocale() };
  return (
    <>
      <header className="page-header">
        <button type="button" className="btn btn-ghost" onClick={() => navigate(-1)}>
          ← Reports
        </button>
        <h1 className="page-title">{title}</h1>
        {list && (
          <span className="page-subtitle" data-testid="report-list-count">
            {list.total.toLocaleString()} {NOUNS[list.kind][list.total === 1 ? 0 : 1]}
            {list.rows.length < list.total
              ? ` (first ${list.rows.length.toLocaleString()} shown)`
              : ''}
          </span>
        )}
      </header>
      <div className="page-body">
        {!parsed.ok && (
          <div className="empty" role="alert">
            <p>{parsed.message}</p>
            <Link to="/reports">Back to the reports</Link>
          </div>
        )}
        {parsed.ok && list === undefined && <div className="empty">Finding the rows…</div>}
        {list && list.total === 0 && <div className="empty">Nothing behind this figure.</div>}
        {list && list.rows.length > 0 && (
          <ul className="report-list" aria-label={title}>
            {list.rows.map((row) => (
              <li key={row.id}>
                <Link to={row.href} className="report-list-title">
                  {row.title}
                </Link>
                <span className="report-list-detail">{behindDetailText(row.detail, writing)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
