// The reports worker in Node (the code a worker runs): the cold path (the snapshot of the
// full-scale workspace decoded, then prepared, beside a plain pass over its bytes: the
// ceiling), and a filter change (currency) with the figures kept by their inputs
// (figure-memo.ts) against every figure computed. Wall and CPU times (the machine is shared).
// REPORTS_SCALE=0.2 for a fifth; REPORTS_RUNS=n.
//   TSX_TSCONFIG_PATH=tsconfig.web.json node --import tsx bench/reports-snapshot-bench.mjs
import { computeReports, prepareReports } from '../src/renderer/src/domain/reports/compute.ts';
import { createFigureMemo } from '../src/renderer/src/domain/reports/figure-memo.ts';
import {
  decodeReportSnapshot,
  encodeReportSnapshot,
} from '../src/renderer/src/domain/reports/snapshot-codec.ts';
import { NO_REPORT_FILTER } from '../src/renderer/src/domain/reports/filter.ts';
import { touchSpanFor } from '../src/renderer/src/domain/reports/touch-span.ts';
import { generateWorkspace } from './reports-data.mjs';

const SCALE = Number(process.env.REPORTS_SCALE ?? 1);
const RUNS = Number(process.env.REPORTS_RUNS ?? 7);
const NOW = new Date('2026-03-15T12:00:00.000Z');
const SETTINGS = {
  now: NOW,
  timeZone: 'Europe/London',
  reportingCurrency: 'EUR',
  rateSets: [{ id: 'r1', date: '2024-01-01', base: 'EUR', rates: { USD: '1.09', GBP: '0.86' } }],
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
function time(run, before = () => {}) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i += 1) {
    before();
    const usage = process.cpuUsage();
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return `wall ${median(wall).toFixed(1)} ms (min ${Math.min(...wall).toFixed(1)}), CPU ${median(cpu).toFixed(1)} ms`;
}

const workspace = generateWorkspace(SCALE, NOW);
const generated = workspace.sources ?? workspace;
// As the worker keeps them: touchpoints of the default weeks only (ALL_TOUCHPOINTS=1: every one).
const span = touchSpanFor(NO_REPORT_FILTER, Math.floor(NOW.getTime() / 86_400_000));
const sources = process.env.ALL_TOUCHPOINTS
  ? generated
  : {
      ...generated,
      touchpoints: generated.touchpoints.filter(
        (t) => t.occurred_at >= span.from && t.occurred_at <= span.to,
      ),
    };
const mb = (n) => `${Math.round(n / 1048576)} MB`;
const heapNow = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return `heap ${mb(m.heapUsed)}, array buffers ${mb(m.arrayBuffers)}, RSS ${mb(m.rss)}`;
};
console.log(`the rows generated: ${heapNow()}`);
let bytes;
const encodeStart = performance.now();
bytes = encodeReportSnapshot({ generation: 'g', seq: 1, touchSpan: null, sources });
const encodeMs = performance.now() - encodeStart;
const rows = Object.entries(sources).map(([name, list]) => `${name} ${list.length}`);
console.log(
  `scale ${SCALE}: ${rows.join(', ')}; snapshot ${(bytes.length / 1e6).toFixed(1)} MB, encoded in ${encodeMs.toFixed(0)} ms (once)`,
);
console.log(
  `ceiling, one pass summing the bytes: ${time(() => {
    let sum = 0;
    for (let i = 0; i < bytes.length; i += 1) sum += bytes[i];
    return sum;
  })}`,
);
let decoded;
console.log(
  `decode:                               ${time(() => (decoded = decodeReportSnapshot(bytes)))}`,
);
console.log(
  `prepare (the decoded rows):           ${time(() => prepareReports(decoded.sources, SETTINGS))}`,
);
console.log(
  `decode + prepare:                     ${time(() => prepareReports(decodeReportSnapshot(bytes).sources, SETTINGS))}`,
);

// What a worker holds with its rows: the rows decoded from the snapshot and what they prepare.
for (const name of Object.keys(generated)) delete generated[name];
for (const name of Object.keys(sources)) delete sources[name];
const prepared = prepareReports(decoded.sources, SETTINGS);
console.log(`the rows (decoded) and prepared, the bytes dropped later: ${heapNow()}`);
const NONE = { from: null, to: null, ownerId: null, currency: null, tag: null };
const USD = { ...NONE, currency: 'USD' };
let memo;
console.log(
  `filter change (currency), every figure computed: ${time(
    () => computeReports(prepared, USD),
    () => computeReports(prepared, NONE),
  )}`,
);
console.log(
  `filter change (currency), figures kept by input: ${time(
    () => computeReports(prepared, USD, undefined, memo),
    () => {
      memo = createFigureMemo();
      computeReports(prepared, NONE, undefined, memo);
    },
  )}`,
);
const kept = createFigureMemo();
computeReports(prepared, NONE, undefined, kept);
const first = kept.computed;
computeReports(prepared, USD, undefined, kept);
console.log(
  `  figures and tables computed: ${first} for the first filter, ${kept.computed - first} for the currency`,
);
