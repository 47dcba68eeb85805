import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ReportFigure } from '../../components/reports/ReportFigure';
import { QuietDaysSelect, ReportFilters } from '../../components/reports/ReportFilters';
import { useTablesMounted } from '../../components/reports/chart-slices';
import { useCatchUpsOpen } from '../../components/reports/figure-catch-up';
import { ReportFilterWords } from '../../components/reports/report-filter-context';
import { describeReportFilter } from '../../components/reports/report-filter-words';
import { userLocale } from '../../hooks/settings/user-locale';
import type { Drill } from '../../domain/reports/drill';
import { drillHref } from '../../domain/reports/drill-link';
import type { ReportTable } from '../../domain/reports/report-table';
import { useReadProgress, useReports } from '../../hooks/reports/use-reports';
import { readProgressWords } from '../../domain/reports/read-progress';
import { useTeamMembers } from '../../hooks/team/use-team';
import { useReportFilterStore } from '../../stores/reports/report-filter-store';

const SECTIONS = [
  { prefix: 'revenue', title: 'Revenue' },
  { prefix: 'pipeline', title: 'Pipeline' },
  { prefix: 'team', title: 'Team' },
  { prefix: 'engagement', title: 'Engagement' },
  { prefix: 'audience', title: 'Audience' },
] as const;

/**
 * Where a click-through left the reports: the number (or bar) clicked and how far down the
 * page was, with the history entry it left (its location key). Back from the list returns to
 * that entry: the page scrolls to the number again and gives it the focus (it opened at its
 * top, the number pages away). Reached anew (the sidebar, a link), the page opens at its top.
 */
type LeftAt = { key: string; figure: string | null; cell: string | null; top: number };
let leftAt: LeftAt | null = null;

function bySection(tables: readonly ReportTable[]) {
  return SECTIONS.map((section) => ({
    ...section,
    tables: tables.filter((t) => t.id.startsWith(section.prefix)),
  }));
}

/**
 * Marks the moment figures are on screen, the moment every section is, and the moment the
 * figures shown are the worker's answer for this filter and data (not the figures kept from
 * before, marked "Updating…"); read by the benchmark.
 */
function useRenderedMark(
  tables: readonly ReportTable[] | undefined,
  complete: boolean,
  current: boolean,
) {
  // The commit that put these figures in the DOM (the benchmark splits a filter change).
  useLayoutEffect(() => {
    if (tables) performance.mark('reports-committed');
  }, [tables]);
  useEffect(() => {
    if (!tables) return;
    const frame = requestAnimationFrame(() => {
      performance.mark('reports-rendered');
      if (complete) performance.mark('reports-complete');
    });
    return () => cancelAnimationFrame(frame);
  }, [tables, complete]);
  // Apart: "Updating…" coming or going changes no figure, and must not mark them drawn.
  useEffect(() => {
    if (!tables || !complete || !current) return;
    const frame = requestAnimationFrame(() => performance.mark('reports-current'));
    return () => cancelAnimationFrame(frame);
  }, [tables, complete, current]);
}

/** Figures mounted per step: the first screen's worth, then as many more each task. */
const FIGURES_PER_STEP = 2;

/**
 * How many figures are mounted: the first few at once, then a few more per task until all
 * are. Mounting thirty figures with their tables in one commit held the main thread for
 * seconds at manager scale on a loaded laptop; in steps, no one task holds it long, and every
 * table is still in the page (copyable, found by the browser's search) a moment later.
 */
function useMountedCount(total: number, paused: boolean): number {
  const [count, setCount] = useState(FIGURES_PER_STEP);
  useEffect(() => {
    // Paused while the figures shown are superseded: mounting figures about to be replaced
    // held the main thread when the new ones came (a filter changed as the page opened).
    if (count >= total || paused) return;
    // A plain update in a task of its own, after the previous step committed: a transition
    // starved for seconds on a loaded machine expires and React then renders every pending
    // step in one task (traced: 2.9 s), where a bounded step is one short task each.
    const timer = setTimeout(() => setCount((n) => n + FIGURES_PER_STEP));
    return () => clearTimeout(timer);
  }, [count, total, paused]);
  return count;
}

/**
 * `held` at once when it turns true; its turning false only once the next frame is drawn, so
 * the work it held (mount steps, chart turns, catch-ups) does not delay the frame that shows
 * the new figures.
 */
function useHeldUntilFrame(held: boolean): boolean {
  const [holding, setHolding] = useState(held);
  useEffect(() => {
    if (held) {
      setHolding(true);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setHolding(false));
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [held]);
  return held || holding;
}

export function ReportsPage() {
  const filter = useReportFilterStore((state) => state.filter);
  const quietDays = useReportFilterStore((state) => state.quietDays);
  const members = useTeamMembers();
  const { view, choices, busy, superseded, error } = useReports(filter, quietDays);
  const navigate = useNavigate();
  const location = useLocation();
  const body = useRef<HTMLDivElement>(null);
  const onDrill = useCallback(
    (drill: Drill) => {
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const figure = active?.closest<HTMLElement>('[data-figure]')?.dataset['figure'] ?? null;
      leftAt = {
        key: location.key,
        figure,
        cell: figure ? (active?.getAttribute('aria-label') ?? null) : null,
        top: body.current?.scrollTop ?? 0,
      };
      navigate(drillHref(drill));
    },
    [navigate, location.key],
  );
  const tables = view?.ok ? view.tables : undefined;
  // The filters in words for an exported chart: one function reading the latest of both.
  const latest = useRef({ filter, members });
  latest.current = { filter, members };
  const filterWords = useCallback(() => {
    const { filter: now, members: team } = latest.current;
    const name = (id: string) => team?.find((member) => member.id === id)?.name;
    return describeReportFilter(now, name, userLocale());
  }, []);
  const pending: readonly string[] = view?.ok ? view.pending : [];
  // While rows are read (a first visit, a build at rest; minutes at a million customers): how
  // far, counted, and the sections whose rows are read shown meanwhile.
  const progress = useReadProgress(!error && (!view || pending.length > 0));
  const progressWords = useMemo(() => {
    if (!progress) return null;
    const format = (n: number) => n.toLocaleString(userLocale());
    return readProgressWords(progress.sources, progress.reading, format);
  }, [progress]);
  const sections = useMemo(() => (tables ? bySection(tables) : []), [tables]);
  const held = useHeldUntilFrame(superseded);
  const mounted = useMountedCount(tables?.length ?? 0, held);
  // Tables first: the charts are drawn once every table is in, one per task; none, nor any
  // catch-up, while the figures shown are about to be replaced (a filter change on its way).
  useTablesMounted(tables !== undefined && mounted >= tables.length && !held);
  useCatchUpsOpen(!held);
  // The index of each section's first figure in page order, to mount them in that order.
  const firstIndex = useMemo(() => {
    let index = 0;
    return sections.map((section) => {
      const first = index;
      index += section.tables.length;
      return first;
    });
  }, [sections]);
  useRenderedMark(tables, view?.ok === true && view.pending.length === 0, !busy);
  const allMounted = tables !== undefined && mounted >= tables.length;
  useEffect(() => {
    const left = leftAt;
    if (!left || left.key !== location.key || !allMounted) return;
    leftAt = null;
    const page = body.current;
    const figure = left.figure
      ? page?.querySelector(`[data-figure="${CSS.escape(left.figure)}"]`)
      : null;
    const cell = figure
      ? [...figure.querySelectorAll<HTMLElement>('[aria-label]')].find(
          (element) => element.getAttribute('aria-label') === left.cell,
        )
      : undefined;
    if (cell) {
      cell.scrollIntoView({ block: 'center' });
      cell.focus({ preventScroll: true });
    } else if (page) page.scrollTop = left.top;
  }, [allMounted, location.key]);
  return (
    <>
      <header className="page-header">
        <h1 className="page-title">Reports</h1>
        <span className="page-subtitle" aria-live="polite">
          {busy ? 'Updating…' : view?.ok && !view.reportingCurrency ? 'Per currency' : ''}
          {!busy && view?.ok && view.reportingCurrency
            ? `Combined figures in ${view.reportingCurrency}`
            : ''}
        </span>
        <nav className="page-actions report-jump" aria-label="Report sections">
          {SECTIONS.map((s) => (
            <a
              key={s.prefix}
              href={`#reports-${s.prefix}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`reports-${s.prefix}`)?.scrollIntoView();
              }}
            >
              {s.title}
            </a>
          ))}
        </nav>
      </header>
      <ReportFilters
        members={members ?? []}
        choices={choices}
        problems={view && !view.ok ? view.problems : []}
      />
      <ReportFilterWords.Provider value={filterWords}>
        <div ref={body} className="page-body report-page" aria-busy={busy}>
          {error && (
            <p
              className="report-problems"
              role="alert"
            >{`The reports could not be computed: ${error}`}</p>
          )}
          {!view && !error && (
            <div className="empty" role="status">
              Computing the reports…
              {progressWords && (
                <span className="report-progress">
                  {' '}
                  Reading every row once: {progressWords.summary}
                  {progressWords.now ? ` (${progressWords.now})` : ''}.
                </span>
              )}
            </div>
          )}
          {view?.ok && pending.length > 0 && progressWords && (
            <p className="report-progress" role="status">
              {`Reading every row once: ${progressWords.summary}`}
              {progressWords.now ? ` (${progressWords.now})` : ''}. The sections below fill in as
              their rows are read.
            </p>
          )}
          {view?.ok && !view.reportingCurrency && (
            <p className="report-hint">
              Figures are shown per currency. Choose a reporting currency and exchange rates in{' '}
              <Link to="/settings">Settings</Link> to see them combined.
            </p>
          )}
          {sections.map((section, sectionIndex) => (
            <section
              key={section.prefix}
              id={`reports-${section.prefix}`}
              className="report-section"
              aria-labelledby={`reports-${section.prefix}-title`}
            >
              <div className="report-section-head">
                <h2 id={`reports-${section.prefix}-title`} className="report-section-title">
                  {section.title}
                </h2>
                {section.prefix === 'engagement' && <QuietDaysSelect />}
              </div>
              {pending.includes(section.prefix) && (
                <p className="report-calculating" role="status">
                  Calculating… (the {section.title.toLowerCase()} figures are shown once every row
                  they count is read)
                </p>
              )}
              {section.tables
                .filter((_, t) => firstIndex[sectionIndex]! + t < mounted)
                .map((table) => (
                  <ReportFigure key={table.id} table={table} onDrill={onDrill} />
                ))}
            </section>
          ))}
        </div>
      </ReportFilterWords.Provider>
    </>
  );
}
