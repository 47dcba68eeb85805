// The worker's part of a filter change (currency), per figure and table: which are computed
// again with the figure memo and what each costs (CPU), at full scale in Node (the code a
// worker runs). REPORTS_SCALE=0.2 for a fifth; REPORTS_RUNS=n; CURRENCY=EUR.
//   TSX_TSCONFIG_PATH=tsconfig.web.json node --import tsx bench/reports-filter-bench.mjs
import { computeReports, prepareReports } from '../src/renderer/src/domain/reports/compute.ts';
import { createFigureMemo } from '../src/renderer/src/domain/reports/figure-memo.ts';
import { generateWorkspace } from './reports-data.mjs';

const SCALE = Number(process.env.REPORTS_SCALE ?? 1);
const RUNS = Number(process.env.REPORTS_RUNS ?? 9);
const NOW = new Date('2026-03-15T12:00:00.000Z');
const SETTINGS = {
  now: NOW,
  timeZone: 'Europe/London',
  reportingCurrency: 'EUR',
  rateSets: [{ id: 'r1', date: '2024-01-01', base: 'EUR', rates: { USD: '1.09', GBP: '0.86' } }],
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const workspace = generateWorkspace(SCALE, NOW);
const prepared = prepareReports(workspace.sources ?? workspace, SETTINGS);
const NONE = { from: null, to: null, ownerId: null, currency: null, tag: null };
const CHANGED = { ...NONE, currency: process.env.CURRENCY ?? 'EUR' };

// First, as the page does it: the figures computed once for no filter, then the change, in a
// process whose code has run once (the window's first filter change).
{
  const memo = createFigureMemo();
  computeReports(prepared, NONE, undefined, memo);
  const before = memo.computed;
  const start = cpuNow();
  const wall = performance.now();
  computeReports(prepared, CHANGED, undefined, memo);
  console.log(
    `first currency change in this process: ${memo.computed - before} computed; CPU ${(cpuNow() - start).toFixed(1)} ms, wall ${(performance.now() - wall).toFixed(1)} ms`,
  );
}
const totals = [];
const walls = [];
const counts = [];
const times = new Map();
for (let i = 0; i < RUNS; i += 1) {
  const memo = createFigureMemo();
  computeReports(prepared, NONE, undefined, memo);
  const before = memo.computed;
  // the same memo, each figure it computes timed (a table's time includes nothing else)
  const start = cpuNow();
  const wall = performance.now();
  const result = computeReports(prepared, CHANGED, undefined, {
    figure: (n, inp, f, run) =>
      memo.figure(n, inp, f, (g) => {
        const s = cpuNow();
        const r = run(g);
        (times.get(n) ?? times.set(n, []).get(n)).push(cpuNow() - s);
        return r;
      }),
    get computed() {
      return memo.computed;
    },
  });
  totals.push(cpuNow() - start);
  walls.push(performance.now() - wall);
  counts.push(memo.computed - before);
  if (!result.ok) throw new Error('filter refused');
}
console.log(
  `scale ${SCALE}, currency change to ${CHANGED.currency}: ${median(counts)} figures and tables computed; ` +
    `CPU ${median(totals).toFixed(1)} ms (min ${Math.min(...totals).toFixed(1)}), wall ${median(walls).toFixed(1)} ms, ${RUNS} runs`,
);
const rows = [...times].map(([name, list]) => [name.replace(/:\{.*\}$/, ''), median(list)]);
rows.sort((a, b) => b[1] - a[1]);
for (const [name, ms] of rows) console.log(`  ${name.padEnd(36)} ${ms.toFixed(2)} ms `);
