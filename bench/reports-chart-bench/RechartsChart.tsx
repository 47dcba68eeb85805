// recharts' ReportChart as it was on main (68bf390), for the comparison only.
import { memo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartData } from '../../src/renderer/src/domain/reports/chart-spec';
import { formatTick } from '../../src/renderer/src/domain/reports/chart-spec';
import type { Drill } from '../../src/renderer/src/domain/reports/drill';

type Props = {
  title: string;
  data: ChartData;
  onDrill(drill: Drill): void;
  /** The plot's height in pixels (the board's strip draws a shorter one). */
  height?: number;
};

const SERIES_CLASSES = 8;

/**
 * Values on the bars only where they stay readable: side-by-side bars, at most 12 bars in all
 * (20 bars of two series overlapped their labels at 1360 px).
 */
const showsValues = (data: ChartData) =>
  !data.spec.stacked && data.rows.length * data.series.length <= 12;

/**
 * One report chart: bars with both axes, values on the bars where they fit, a legend of its
 * own (its swatches share the bars' CSS classes), and every bar a link to the rows behind it.
 * The table beside it carries the same numbers for keyboards and screen readers.
 */
export const Chart = memo(function RechartsChart({ title, data, onDrill, height = 220 }: Props) {
  const { spec, series, rows, currency } = data;
  const tick = (value: number) => formatTick(value, spec.unit, currency);
  const chartRows = rows.map((row) => ({ category: row.category, ...row.values }));
  return (
    <div className="report-chart">
      {series.length > 1 && (
        <ul className="report-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.key}>
              <span className={`report-swatch report-series-${i % SERIES_CLASSES}`} />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <div
        className="report-chart-plot"
        role="img"
        aria-label={`Chart: ${title}. The table beside it has every value.`}
      >
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={chartRows} margin={{ top: 16, right: 8, bottom: 0, left: 4 }}>
            <CartesianGrid vertical={false} className="report-grid" />
            <XAxis dataKey="category" tickLine={false} minTickGap={8} className="report-axis" />
            <YAxis
              tickFormatter={tick}
              width={64}
              className="report-axis"
              allowDecimals={spec.unit !== 'count'}
            />
            <Tooltip
              formatter={(value) => tick(Number(value))}
              // Tokens, not recharts' white box: readable in dark too (axe).
              cursor={{ className: 'report-cursor' }}
              isAnimationActive={false}
            />
            {series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId={spec.stacked ? 'stack' : undefined}
                className={`report-bar report-series-${i % SERIES_CLASSES}`}
                isAnimationActive={false}
                onClick={(_, index) => {
                  const drill = rows[index]?.drills[s.key];
                  if (drill) onDrill(drill);
                }}
              >
                {showsValues(data) && (
                  <LabelList
                    dataKey={s.key}
                    position="top"
                    formatter={(value: unknown) => tick(Number(value))}
                    className="report-bar-value"
                  />
                )}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});
