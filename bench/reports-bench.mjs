// The reports' pure computations at the issue's scale, in Node (the same code a worker runs):
// 10,000 deals with status histories, 200,000 touchpoints, 20,000 tasks, 100,000 customers.
// Times preparing the indexes (once per data change), every figure, the whole page for a
// filter change, and copying the rows to a worker (structured clone), beside the ceiling:
// one plain pass over the same arrays summing a field. Prints numbers, asserts nothing.
//   npm run bench:reports-domain
//   (= TSX_TSCONFIG_PATH=tsconfig.web.json node --import tsx bench/reports-bench.mjs)
//   REPORTS_SCALE=0.1 npm run bench:reports-domain     (a tenth of every table)
import { computeReports, prepareReports } from '../src/renderer/src/domain/reports/compute.ts';
import { audienceReport } from '../src/renderer/src/domain/reports/audience.ts';
import { createReportContext } from '../src/renderer/src/domain/reports/context.ts';
import { buildTimelines } from '../src/renderer/src/domain/reports/stage-history.ts';
import {
  indexTouchpoints,
  mostEngaged,
  notTouched,
  touchesByWeek,
} from '../src/renderer/src/domain/reports/engagement.ts';
import { logScoresByCustomer } from '../src/renderer/src/domain/reports/engagement-score.ts';
import { pipelineSnapshot } from '../src/renderer/src/domain/reports/pipeline.ts';
import { pipelineFlow } from '../src/renderer/src/domain/reports/pipeline-flow.ts';
import {
  holdsDueSoon,
  staleDeals,
  upcomingConflicts,
} from '../src/renderer/src/domain/reports/pipeline-risks.ts';
import { revenueByMonth } from '../src/renderer/src/domain/reports/revenue.ts';
import { taskFacts, teamReport } from '../src/renderer/src/domain/reports/team.ts';
import { generateWorkspace } from './reports-data.mjs';

const SCALE = Number(process.env.REPORTS_SCALE ?? 1);
const RUNS = Number(process.env.REPORTS_RUNS ?? 7);
const NOW = new Date('2026-03-15T12:00:00.000Z');
const SETTINGS = {
  now: NOW,
  timeZone: 'Europe/London',
  reportingCurrency: 'EUR',
  rateSets: [
    { id: 'r1', date: '2024-01-01', base: 'EUR', rates: { USD: '1.09', GBP: '0.86' } },
    { id: 'r2', date: '2025-06-30', base: 'EUR', rates: { USD: '1.17', GBP: '0.85' } },
  ],
};
const NO_FILTER = { from: null, to: null, ownerId: null, currency: null, tag: null };
const FILTERS = {
  owner: { ...NO_FILTER, ownerId: 'member-3' },
  tag: { ...NO_FILTER, tag: 'vip' },
  'date range': { ...NO_FILTER, from: '2025-10-01', to: '2026-06-30' },
  currency: { ...NO_FILTER, currency: 'USD' },
  'all four': {
    from: '2025-10-01',
    to: '2026-06-30',
    ownerId: 'member-3',
    currency: 'EUR',
    tag: 'vip',
  },
};

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median wall-clock ms of `run` over RUNS runs after one warm-up, and the median CPU time
 * of this process over the same runs: on a machine shared with other work, wall time
 * includes waiting for a core, CPU time is close to what an idle machine takes.
 */
function time(run) {
  run();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i += 1) {
    const usage = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpu: median(cpu) };
}

function report(name, result, ceiling, target) {
  const ratio = ceiling ? `  ${(result.median / ceiling).toFixed(1)}x ceiling` : '';
  const goal = target
    ? `  target <= ${target} ms: ${result.median <= target ? 'met' : 'NOT met'} (wall), ${result.cpu <= target ? 'met' : 'NOT met'} (CPU)`
    : '';
  console.log(
    `${name.padEnd(46)} ${result.median.toFixed(1).padStart(8)} ms  CPU ${result.cpu.toFixed(1).padStart(7)} ms  (wall min ${result.min.toFixed(1)}, max ${result.max.toFixed(1)})${ratio}${goal}`,
  );
}

console.log(`Generating the workspace (scale ${SCALE})...`);
const generated = generateWorkspace(SCALE, NOW);
// The worker reads touchpoints through their customer_id index: a customer's come together.
// Copied after sorting so the objects lie in memory in that order, as rows read from
// IndexedDB do (a sorted array of scattered objects is 2 to 3x slower to walk).
const byCustomer = structuredClone(
  [...generated.touchpoints].sort((a, b) =>
    a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0,
  ),
);
const data = { ...generated, touchpoints: byCustomer };
console.log(
  `${data.deals.length} deals, ${data.history.length} status changes, ${data.participants.length} participants, ` +
    `${data.customers.length} customers, ${data.touchpoints.length} touchpoints, ${data.tasks.length} tasks, ` +
    `${data.assignments.length} assignments. Node ${process.version}, ${RUNS} runs each, median.\n`,
);

// Before anything else runs: the first render of a fresh worker (code not yet optimized).
{
  const usage = process.cpuUsage();
  const start = performance.now();
  computeReports(prepareReports(data, SETTINGS), NO_FILTER);
  const wall = performance.now() - start;
  const used = process.cpuUsage(usage);
  const cpu = (used.user + used.system) / 1000;
  console.log(
    `${'first render in a fresh process, once'.padEnd(46)} ${wall.toFixed(1).padStart(8)} ms  CPU ${cpu.toFixed(1).padStart(7)} ms  target <= 500 ms\n`,
  );
}

// The ceiling: one plain pass over every array the reports read, summing one field.
const ceilingRun = time(() => {
  let sum = 0;
  for (const d of data.deals) sum += d.amount_minor;
  for (const h of data.history) sum += h.changed_at.length;
  for (const p of data.participants) sum += p.deleted;
  for (const c of data.customers) sum += c.email_opt_in;
  for (const t of data.touchpoints) sum += t.value;
  for (const t of data.tasks) sum += t.deleted;
  for (const a of data.assignments) sum += a.deleted;
  if (sum < 0) console.log(sum);
});
const ceiling = ceilingRun.median;
report('ceiling: one pass over all rows', ceilingRun);

report(
  'prepare (stored engagement score)',
  time(() => prepareReports(data, SETTINGS)),
  ceiling,
);
const withoutScores = {
  ...data,
  customers: data.customers.map(({ engagement_log: _, ...c }) => c),
};
report(
  'prepare (score computed from touchpoints)',
  time(() => prepareReports(withoutScores, SETTINGS)),
  ceiling,
);
report(
  '  engagement log-scores, batch, 200k touches',
  time(() => logScoresByCustomer(data.touchpoints)),
  ceiling,
);

const context0 = createReportContext(data, SETTINGS);
report(
  '  context: customers indexed, deal tags',
  time(() => createReportContext(data, SETTINGS)),
  ceiling,
);
report(
  '  deal timelines from the status history',
  time(() => buildTimelines(data.deals, data.history)),
  ceiling,
);
report(
  '  task owners',
  time(() => taskFacts(data.tasks, data.assignments)),
  ceiling,
);
report(
  '  touchpoints indexed, read in customer order',
  time(() => indexTouchpoints(data.touchpoints, context0.customers, context0)),
  ceiling,
);
report(
  '  touchpoints indexed, read in random order',
  time(() => indexTouchpoints(generated.touchpoints, context0.customers, context0)),
  ceiling,
);

const prepared = prepareReports(data, SETTINGS);
const { context, deals, timelines, customers } = prepared;
console.log('\nEach figure, no filter:');
const figures = {
  'revenue by month': () => revenueByMonth(deals, NO_FILTER, context),
  'pipeline by stage': () => pipelineSnapshot(deals, NO_FILTER, context),
  'conversion, days in stage, win rate': () => pipelineFlow(timelines, NO_FILTER, context),
  'stale deals': () => staleDeals(deals, NO_FILTER, context),
  'holds due in 30 days': () => holdsDueSoon(deals, NO_FILTER, context),
  'double bookings in 30 days': () => upcomingConflicts(deals, NO_FILTER, context),
  team: () =>
    teamReport({ timelines, tasks: prepared.tasks, members: prepared.members }, NO_FILTER, context),
  'touchpoints per week': () => touchesByWeek(prepared.touches, customers, NO_FILTER, context),
  'not touched in 90 days': () => notTouched(customers, NO_FILTER, context, 90),
  'most engaged (top 10)': () => mostEngaged(customers, NO_FILTER, context, 10),
  audience: () => audienceReport(customers, NO_FILTER, context),
};
for (const [name, run] of Object.entries(figures)) report(`  ${name}`, time(run), ceiling);

console.log('\nThe whole page (every figure and its table):');
report(
  'first render: prepare + compute, no filter',
  time(() => computeReports(prepareReports(data, SETTINGS), NO_FILTER)),
  ceiling,
  500,
);
report(
  'filter change: compute, no filter',
  time(() => computeReports(prepared, NO_FILTER)),
  ceiling,
  150,
);
for (const [name, filter] of Object.entries(FILTERS))
  report(
    `filter change: ${name}`,
    time(() => computeReports(prepared, filter)),
    ceiling,
    150,
  );

const result = computeReports(prepared, NO_FILTER);
report(
  'send the result back (structuredClone)',
  time(() => structuredClone(result)),
  ceiling,
);
console.log(`result size as JSON: ${(JSON.stringify(result).length / 1024).toFixed(0)} KiB`);
report(
  'copy all rows to a worker (structuredClone)',
  time(() => structuredClone(data)),
  ceiling,
);
