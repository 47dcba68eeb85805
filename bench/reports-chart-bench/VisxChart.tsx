// The same chart with @visx (scale, shape, axis, group), for the comparison only: visx needs
// the width in pixels (in the app, @visx/responsive's ParentSize would measure it: a second
// render), given here as the harness's fixed width.
import { memo } from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { BarGroup, BarStack } from '@visx/shape';
import type { ChartData } from '../../src/renderer/src/domain/reports/chart-spec';
import { formatTick } from '../../src/renderer/src/domain/reports/chart-spec';
import type { Drill } from '../../src/renderer/src/domain/reports/drill';

type Props = { title: string; data: ChartData; onDrill(drill: Drill): void; height?: number };

export const WIDTH = 600;
const MARGIN = { top: 16, left: 64, bottom: 22, right: 8 };

export const Chart = memo(function VisxChart({ title, data, onDrill, height = 220 }: Props) {
  const { spec, series, rows, currency } = data;
  const tick = (value: number) => formatTick(value, spec.unit, currency);
  const keys = series.map((s) => s.key);
  const flat = rows.map((row, r) => ({ r, category: row.category, ...row.values }));
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  let high = 0;
  for (const row of rows) {
    const values = keys.map((k) => row.values[k] ?? 0);
    high = Math.max(high, spec.stacked ? values.reduce((a, b) => a + b, 0) : Math.max(...values));
  }
  const x = scaleBand<number>({
    domain: rows.map((_, i) => i),
    range: [0, innerWidth],
    paddingInner: 0.2,
    paddingOuter: 0.1,
  });
  const y = scaleLinear<number>({ domain: [0, high || 1], range: [innerHeight, 0], nice: 5 });
  const inner = scaleBand<string>({ domain: keys, range: [0, x.bandwidth()], padding: 0.08 });
  const color = scaleBand<string>({ domain: keys, range: [0, keys.length] });
  const step = Math.max(1, Math.ceil(rows.length / 8));
  const drill = (r: number, key: string) => {
    const found = rows[r]?.drills[key];
    if (found) onDrill(found);
  };
  return (
    <div className="report-chart">
      <div className="report-chart-plot" role="img" aria-label={`Chart: ${title}.`}>
        <svg width={WIDTH} height={height}>
          <Group left={MARGIN.left} top={MARGIN.top}>
            {spec.stacked ? (
              <BarStack
                data={flat}
                keys={keys}
                x={(d) => d.r}
                xScale={x}
                yScale={y}
                color={() => ''}
              >
                {(stacks) =>
                  stacks.map((stack) =>
                    stack.bars.map((bar) => (
                      <rect
                        key={`${bar.index}-${bar.key}`}
                        className={`report-bar report-series-${stack.index % 8}`}
                        x={bar.x}
                        y={bar.y}
                        width={bar.width}
                        height={bar.height}
                        onClick={() => drill(bar.index, String(bar.key))}
                      />
                    )),
                  )
                }
              </BarStack>
            ) : (
              <BarGroup
                data={flat}
                keys={keys}
                height={innerHeight}
                x0={(d) => d.r}
                x0Scale={x}
                x1Scale={inner}
                yScale={y}
                color={() => ''}
              >
                {(groups) =>
                  groups.map((group) => (
                    <Group key={group.index} left={group.x0}>
                      {group.bars.map((bar) => (
                        <rect
                          key={bar.key}
                          className={`report-bar report-series-${(color(bar.key) ?? 0) % 8}`}
                          x={bar.x}
                          y={bar.y}
                          width={bar.width}
                          height={bar.height}
                          onClick={() => drill(group.index, bar.key)}
                        />
                      ))}
                    </Group>
                  ))
                }
              </BarGroup>
            )}
            <AxisLeft scale={y} numTicks={5} tickFormat={(v) => tick(Number(v))} />
            <AxisBottom
              top={innerHeight}
              scale={x}
              tickValues={rows.map((_, i) => i).filter((i) => i % step === 0)}
              tickFormat={(i) => rows[Number(i)]?.category ?? ''}
            />
          </Group>
        </svg>
      </div>
    </div>
  );
});
