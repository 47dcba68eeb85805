// Mounts the dashboard's charts, one per task as the page does, with one chart component
// (`@chart-impl`: recharts as on main, @visx, or the app's plain SVG) and records each
// mount's synchronous time, the long tasks and long animation frames it caused, and the time
// until every chart was drawn. Driven by bench/reports-chart-bench.mjs.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Chart } from '@chart-impl';
import type {
  ChartData,
  ChartRow,
  ChartUnit,
} from '../../src/renderer/src/domain/reports/chart-spec';
import '../../src/renderer/src/styles/tokens.css';
import '../../src/renderer/src/styles/reports.css';

/** A chart of `rows` × `series` with deterministic values, shaped like a dashboard figure. */
function chart(
  name: string,
  rows: number,
  series: number,
  stacked: boolean,
  unit: ChartUnit,
  scale: number,
): ChartData {
  const keys = Array.from({ length: series }, (_, i) => ({ key: `s${i}`, label: `${name} ${i}` }));
  const data: ChartRow[] = Array.from({ length: rows }, (_, r) => ({
    category: `${name.slice(0, 3)} ${2026 + Math.floor(r / 12)}-${String((r % 12) + 1).padStart(2, '0')}`,
    values: Object.fromEntries(keys.map((s, i) => [s.key, ((r * 7919 + i * 104729) % 97) * scale])),
    drills: Object.fromEntries(keys.map((s) => [s.key, null])),
  }));
  return {
    spec: { stacked, unit, series: keys.map((_, i) => i), category: [0] },
    series: keys,
    rows: data,
    currency: unit === 'money' ? 'EUR' : null,
  };
}

/** The dashboard at full scale: its chart shapes (docs/reports.md, "The page"). */
export const DASHBOARD: ChartData[] = [
  chart('Revenue EUR', 24, 4, true, 'money', 12_000),
  chart('Revenue USD', 24, 4, true, 'money', 9_000),
  chart('Revenue GBP', 24, 4, true, 'money', 7_000),
  chart('Revenue combined', 24, 4, true, 'money', 30_000),
  chart('Stages', 8, 1, false, 'count', 3),
  chart('Stages combined', 8, 2, false, 'money', 50_000),
  chart('Conversion', 7, 2, false, 'percent', 1),
  chart('Days in stage', 7, 1, false, 'days', 1),
  chart('Stale', 8, 1, false, 'count', 1),
  chart('Team', 8, 3, false, 'count', 4),
  chart('Completed per week', 12, 8, true, 'count', 2),
  chart('Touches per week', 12, 7, true, 'count', 40),
  chart('Most engaged', 10, 1, false, 'score', 1),
  chart('Lifecycle', 5, 1, false, 'count', 200),
  chart('Tags', 20, 1, false, 'count', 100),
  chart('New customers', 12, 3, true, 'count', 30),
  chart('Opt-in', 2, 1, false, 'percent', 1),
];

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) =>
      left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1));
    step(n);
  });

type Round = { syncMs: number[]; longTasks: number[]; longFrames: number[]; totalMs: number };

async function round(host: HTMLElement): Promise<Round> {
  const longTasks: number[] = [];
  const longFrames: number[] = [];
  const tasks = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(Math.round(entry.duration));
  });
  tasks.observe({ type: 'longtask', buffered: false });
  const loaf = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longFrames.push(Math.round(entry.duration));
  });
  try {
    loaf.observe({ type: 'long-animation-frame', buffered: false });
  } catch {
    // Not in this browser: long tasks only.
  }
  const roots = [];
  const syncMs: number[] = [];
  const started = performance.now();
  for (const data of DASHBOARD) {
    await nextTask();
    const box = document.createElement('div');
    box.className = 'report-figure-body';
    box.style.width = '600px';
    host.appendChild(box);
    const root = createRoot(box);
    roots.push(root);
    const t = performance.now();
    flushSync(() => root.render(<Chart title="bench" data={data} onDrill={() => {}} />));
    syncMs.push(performance.now() - t);
  }
  // Every chart drawn: recharts finishes after its measuring passes (ResizeObserver).
  await frames(3);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const drawn = host.querySelectorAll('rect.report-bar, .recharts-rectangle').length;
  const totalMs = performance.now() - started;
  tasks.disconnect();
  loaf.disconnect();
  for (const root of roots) root.unmount();
  host.replaceChildren();
  if (drawn === 0) throw new Error('no bar drawn');
  return { syncMs, longTasks, longFrames, totalMs };
}

declare global {
  interface Window {
    runChartBench(rounds: number): Promise<Round[]>;
  }
}

window.runChartBench = async (rounds) => {
  const host = document.getElementById('host')!;
  const results: Round[] = [];
  for (let i = 0; i < rounds; i += 1) {
    results.push(await round(host));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return results;
};
