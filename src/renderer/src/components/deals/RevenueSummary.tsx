import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DealBoardFilters } from '../../domain/deals/board-filter';
import { formatMoney } from '../../domain/deals/money';
import { userLocale } from '../../hooks/settings/user-locale';
import { statusLabel } from '../../domain/deals/statuses';
import type { TotalsByCurrency } from '../../domain/deals/totals';
import { revenueSummary } from '../../domain/deals/totals';
import type { EventDeal } from '../../domain/records';
import type { BoardCurrencyTotal } from '../../domain/reports/board-revenue';
import { boardRevenue } from '../../domain/reports/board-revenue';
import { chartData } from '../../domain/reports/chart-spec';
import { formatReportMonth } from '../../domain/reports/report-table';
import type { CombinedMoney } from '../../domain/reports/combined-money';
import type { Drill } from '../../domain/reports/drill';
import { drillHref } from '../../domain/reports/drill-link';
import type { StageSettings } from '../../domain/reports/inputs';
import { useReportSettings } from '../../hooks/reports/use-report-settings';
import { ReportChart } from '../reports/ReportChart';
import { ReportTableView } from '../reports/ReportTableView';

function moneyList(totals: TotalsByCurrency, field: 'amount' | 'weighted'): string {
  if (totals.length === 0) return '—';
  return totals
    .map((t) => formatMoney(t[field], t.currency, { compact: true, locale: userLocale() }))
    .join(' · ');
}

function perCurrency(totals: readonly BoardCurrencyTotal[], field: 'won' | 'forecast'): string {
  const shown = totals.filter((t) => t[field] !== 0);
  if (shown.length === 0) return '—';
  return shown
    .map((t) => formatMoney(t[field], t.currency, { compact: true, locale: userLocale() }))
    .join(' · ');
}

function combinedText(money: CombinedMoney): string {
  return money.minor === null
    ? 'no rate'
    : formatMoney(money.minor, money.currency, { compact: true, locale: userLocale() });
}

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;

type Props = {
  deals: EventDeal[];
  filters: DealBoardFilters;
  stages: StageSettings;
};

/**
 * Revenue above the board, by the dashboard's rules and functions (boardRevenue): weighted
 * forecast and won per currency, combined in the reporting currency with the rates said, and
 * won and forecast by event month with both axes, stacked by status, clickable through to
 * the deals behind a bar, with its table one click away.
 */
export const RevenueSummary = memo(function RevenueSummary({ deals, filters, stages }: Props) {
  const rates = useReportSettings();
  const navigate = useNavigate();
  const onDrill = useCallback((drill: Drill) => navigate(drillHref(drill)), [navigate]);
  const revenue = useMemo(
    () =>
      boardRevenue(deals, filters, {
        now: new Date(),
        timeZone: TIME_ZONE,
        rateSets: rates?.rateSets ?? [],
        reportingCurrency: rates?.reportingCurrency ?? null,
        stages,
        locale: userLocale(),
      }),
    [deals, filters, stages, rates],
  );
  const byStage = useMemo(() => revenueSummary(deals, stages.probability), [deals, stages]);
  const chart = useMemo(() => (revenue.chart ? chartData(revenue.chart) : null), [revenue]);
  // The chart (the costliest part of the strip) draws the frame after the board: the cards
  // come first.
  const [chartReady, setChartReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setChartReady(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  const { totals, report } = revenue;
  const wonCount = totals.reduce((n, t) => n + t.wonCount, 0);
  const openCount = totals.reduce((n, t) => n + t.forecastCount, 0);
  const forecastAmounts = byStage.forecast;
  const { chartCurrency } = revenue;
  return (
    <section className="deal-revenue" aria-label="Revenue">
      <div className="deal-revenue-figure">
        <span className="deal-revenue-label">Weighted forecast (open)</span>
        <span className="deal-revenue-value" data-testid="forecast">
          {perCurrency(totals, 'forecast')}
        </span>
        <span className="deal-revenue-sub">
          {openCount} open {openCount === 1 ? 'deal' : 'deals'}, of{' '}
          {moneyList(forecastAmounts, 'amount')} in play
        </span>
      </div>
      <div className="deal-revenue-figure">
        <span className="deal-revenue-label">Won (contracted to settled)</span>
        <span className="deal-revenue-value" data-testid="won">
          {perCurrency(totals, 'won')}
        </span>
        <span className="deal-revenue-sub">
          {wonCount} {wonCount === 1 ? 'show' : 'shows'}
        </span>
      </div>
      <div className="deal-revenue-chart">
        <span className="deal-revenue-label" id="deal-revenue-chart-title">
          Won and forecast by event month,{' '}
          {formatReportMonth(report.window.first.slice(0, 7), { locale: userLocale() })} to{' '}
          {formatReportMonth(report.window.last.slice(0, 7), { locale: userLocale() })}
          {chartCurrency ? ` · ${chartCurrency}` : ''}
        </span>
        {chart && chart.rows.length > 0 ? (
          <div className="deal-revenue-chart-box">
            {chartReady && (
              <ReportChart
                title={revenue.chart!.title}
                data={chart}
                onDrill={onDrill}
                height={130}
                categoryChars={56}
                turnLabels={false}
              />
            )}
          </div>
        ) : (
          <span className="deal-revenue-sub">No revenue on the board yet</span>
        )}
        <ChartNotes revenue={revenue} />
        {revenue.chart && (
          <details className="deal-revenue-table">
            <summary>Table</summary>
            <ReportTableView table={revenue.chart} onDrill={onDrill} />
          </details>
        )}
      </div>
      <details className="deal-revenue-stages">
        <summary>Totals by stage</summary>
        <table className="deal-stage-table">
          <tbody>
            {byStage.byStatus.map((entry) => (
              <tr key={entry.status}>
                <th scope="row">{statusLabel(entry.status)}</th>
                <td>{entry.totals.reduce((n, t) => n + t.count, 0)}</td>
                <td>{moneyList(entry.totals, 'amount')}</td>
                <td className="deal-column-weighted">≈ {moneyList(entry.totals, 'weighted')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
});

/** What the chart leaves out or converts, in words: other currencies, rates, rows outside. */
function ChartNotes({ revenue }: { revenue: ReturnType<typeof boardRevenue> }) {
  const { combined, notCharted } = revenue;
  const lines: React.ReactNode[] = [];
  if (combined) {
    const { first, last } = revenue.report.window;
    lines.push(
      `In ${combined.won.currency}, ${first.slice(0, 7)} to ${last.slice(0, 7)}: won ${combinedText(combined.won)}, forecast ${combinedText(combined.forecast)}`,
    );
  } else if (notCharted.length > 0) {
    lines.push(
      <>
        Also{' '}
        {notCharted
          .map((t) => formatMoney(t.won + t.forecast, t.currency, { compact: true }))
          .join(' and ')}{' '}
        not in this chart: choose a currency, or set a reporting currency in{' '}
        <Link to="/settings">Settings</Link>.
      </>,
    );
  }
  lines.push(...revenue.notes);
  if (combined && combined.missing.length > 0)
    lines.push(
      <>
        Add the missing rates in <Link to="/settings">Settings</Link> to combine every currency.
      </>,
    );
  if (lines.length === 0) return null;
  return (
    <ul className="deal-revenue-notes">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
