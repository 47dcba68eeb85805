import { memo, useMemo } from 'react';
import type { ChartData } from '../../domain/reports/chart-spec';
import type { BarLayout } from '../../domain/reports/bar-layout';
import {
  CATEGORY_AXIS_HEIGHT,
  TURN_DEGREES,
  VALUE_AXIS_WIDTH,
  layBars,
} from '../../domain/reports/bar-layout';
import type { Drill } from '../../domain/reports/drill';

type Props = {
  title: string;
  data: ChartData;
  onDrill(drill: Drill): void;
  /** The plot's height in pixels (the board's strip draws a shorter one). */
  height?: number;
  /** Characters of category labels side by side (bar-layout.ts): about the plot's width / 7. */
  categoryChars?: number;
  /** False: labels that do not fit are thinned, not turned (the board's short strip). */
  turnLabels?: boolean;
};

const SERIES_CLASSES = 8;

const pct = (value: number) => `${value}%`;

/** The value axis: its labels in a gutter of their own, beside the plot. */
function ValueAxis({ layout }: { layout: BarLayout }) {
  return (
    <svg
      className="report-axis report-value-axis"
      width={VALUE_AXIS_WIDTH}
      height={layout.height + layout.labelRoom}
      aria-hidden="true"
    >
      {layout.valueTicks.map((t) => (
        <text key={t.label} x={VALUE_AXIS_WIDTH - 6} y={t.at} dy="0.32em" textAnchor="end">
          {t.label}
        </text>
      ))}
    </svg>
  );
}

/** The plot: grid, bars (each a click through to its rows), values, category labels. */
function Plot({ layout, onDrill }: { layout: BarLayout; onDrill(drill: Drill): void }) {
  const labelsAt = layout.height - CATEGORY_AXIS_HEIGHT + 15;
  return (
    <svg
      className="report-plot"
      width="100%"
      height={layout.height + layout.labelRoom}
      overflow="visible"
      aria-hidden="true"
    >
      <g className="report-grid">
        {layout.valueTicks.map((t) => (
          <line key={t.label} x1="0" x2="100%" y1={t.at} y2={t.at} />
        ))}
      </g>
      <g className="report-bars">
        {layout.bars.map((bar) => (
          <rect
            key={bar.key}
            className={`report-bar report-series-${bar.series % SERIES_CLASSES}`}
            x={pct(bar.x)}
            width={pct(bar.width)}
            y={bar.y}
            height={bar.height}
            onClick={bar.drill ? () => onDrill(bar.drill!) : undefined}
          >
            <title>{bar.title}</title>
          </rect>
        ))}
      </g>
      <line
        className="report-baseline"
        x1="0"
        x2="100%"
        y1={layout.baseline}
        y2={layout.baseline}
      />
      {layout.values.map((v) => (
        <text key={v.key} className="report-bar-value" x={pct(v.x)} y={v.y} textAnchor="middle">
          {v.text}
        </text>
      ))}
      <g
        className={
          layout.turned
            ? 'report-axis report-category-axis report-category-turned'
            : 'report-axis report-category-axis'
        }
      >
        {layout.categoryTicks.map((t) =>
          layout.turned ? (
            // Turned about its own anchor: rotate() takes no percentage, a nested SVG's x does.
            <svg key={t.at} x={pct(t.at)} y={labelsAt - 4} overflow="visible">
              <text transform={`rotate(-${TURN_DEGREES})`} textAnchor="end" dy="0.32em">
                {t.label !== t.full && <title>{t.full}</title>}
                {t.label}
              </text>
            </svg>
          ) : (
            <text key={t.at} x={pct(t.at)} y={labelsAt} textAnchor="middle">
              {t.label}
            </text>
          ),
        )}
      </g>
    </svg>
  );
}

/**
 * One report chart: bars with both axes, values on the bars where they fit, a legend of its
 * own (its swatches share the bars' CSS classes), and every bar a link to the rows behind it.
 * Plain SVG laid out by `layBars` (d3-scale): one synchronous render, nothing measured. The
 * table beside it carries the same numbers for keyboards and screen readers.
 */
export const ReportChart = memo(function ReportChart({
  title,
  data,
  onDrill,
  height = 220,
  categoryChars = 64,
  turnLabels = true,
}: Props) {
  const layout = useMemo(
    () => layBars(data, { height, categoryChars, turnLabels }),
    [data, height, categoryChars, turnLabels],
  );
  const { series } = data;
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
        <ValueAxis layout={layout} />
        <Plot layout={layout} onDrill={onDrill} />
      </div>
    </div>
  );
});
