import { memo, useEffect, useMemo, useState } from 'react';
import { TOOLTIP_ITEM_STYLE, TOOLTIP_STYLE } from '../ui/chart-tooltip-style';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import { formatMoney } from '../../domain/deals/money';
import { userLocale } from '../../hooks/settings/user-locale';
import { statusLabel } from '../../domain/deals/statuses';
import type { TotalsByCurrency } from '../../domain/deals/totals';
import { revenueSummary } from '../../domain/deals/totals';
import type { EventDeal } from '../../domain/records';

function moneyList(totals: TotalsByCurrency, field: 'amount' | 'weighted'): string {
  if (totals.length === 0) return '—';
  return totals
    .map((t) => formatMoney(t[field], t.currency, { compact: true, locale: userLocale() }))
    .join(' · ');
}

function monthLabel(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, (number ?? 1) - 1, 1)).toLocaleDateString(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
}

type MonthBar = { month: string; amount: number };

/**
 * The chart re-renders only when its bars change (recharts is the costliest part of the strip;
 * a drop between open stages never changes won revenue).
 */
const WonChart = memo(
  function WonChart({ months, currency }: { months: MonthBar[]; currency: string }) {
    return (
      <ResponsiveContainer width="100%" height={56}>
        <BarChart data={months} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <XAxis
            dataKey="month"
            tickLine={false}
            axisLine={false}
            fontSize={10}
            interval="preserveStartEnd"
          />
          <Tooltip
            cursor={false}
            // Tokens, not recharts' white box: readable in dark too (axe).
            contentStyle={TOOLTIP_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
            formatter={(value) =>
              formatMoney(Number(value), currency, { compact: true, locale: userLocale() })
            }
          />
          <Bar
            dataKey="amount"
            name="Won"
            fill="var(--color-accent)"
            radius={[2, 2, 0, 0]}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    );
  },
  (prev, next) =>
    prev.currency === next.currency &&
    prev.months.length === next.months.length &&
    prev.months.every(
      (m, i) => m.month === next.months[i]?.month && m.amount === next.months[i]?.amount,
    ),
);

type Props = {
  deals: EventDeal[];
  probabilities: Parameters<typeof revenueSummary>[1];
  /** The currency the chart shows (the filter's, else the one with most won revenue). */
  currency: string | null;
};

/** Revenue above the board: weighted forecast, signed revenue, won by month, totals by stage. */
export const RevenueSummary = memo(function RevenueSummary({
  deals,
  probabilities,
  currency,
}: Props) {
  const summary = useMemo(() => revenueSummary(deals, probabilities), [deals, probabilities]);
  // The chart (the costliest part of the strip) draws the frame after the board: the cards
  // come first.
  const [chartReady, setChartReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setChartReady(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  const chartCurrency =
    currency ??
    [...summary.won].sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency))[0]
      ?.currency ??
    null;
  const months = summary.wonByMonth
    .filter((m) => m.currency === chartCurrency)
    .slice(-12)
    .map((m) => ({ month: monthLabel(m.month), amount: m.amount }));
  return (
    <section className="deal-revenue" aria-label="Revenue">
      <div className="deal-revenue-figure">
        <span className="deal-revenue-label">Weighted forecast (open)</span>
        <span className="deal-revenue-value" data-testid="forecast">
          {moneyList(summary.forecast, 'weighted')}
        </span>
        <span className="deal-revenue-sub">of {moneyList(summary.forecast, 'amount')} in play</span>
      </div>
      <div className="deal-revenue-figure">
        <span className="deal-revenue-label">Won (contracted to settled)</span>
        <span className="deal-revenue-value">{moneyList(summary.won, 'amount')}</span>
        <span className="deal-revenue-sub">
          {summary.won.reduce((n, t) => n + t.count, 0)} shows
        </span>
      </div>
      <div className="deal-revenue-chart">
        <span className="deal-revenue-label">
          Won by month{chartCurrency ? ` (${chartCurrency})` : ''}
        </span>
        {months.length > 0 && chartCurrency ? (
          <div className="deal-revenue-chart-box">
            {chartReady && <WonChart months={months} currency={chartCurrency} />}
          </div>
        ) : (
          <span className="deal-revenue-sub">No won shows yet</span>
        )}
      </div>
      <details className="deal-revenue-stages">
        <summary>Totals by stage</summary>
        <table className="deal-stage-table">
          <tbody>
            {summary.byStatus.map((entry) => (
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
