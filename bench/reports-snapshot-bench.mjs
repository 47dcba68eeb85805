// The reports worker's cold path in Node (the code a new window's worker runs): the snapshot
// of the full-scale workspace decoded, then prepared, beside a plain pass over its bytes
// (the ceiling). REPORTS_SCALE=0.2 for a fifth; REPORTS_RUNS=n.
//   TSX_TSCONFIG_PATH=tsconfig.web.json node --import tsx bench/reports-snapshot-bench.mjs
import { prepareReports } from '../src/renderer/src/domain/reports/compute.ts';
import {
  decodeReportSnapshot,
  encodeReportSnapshot,
} from '../src/renderer/src/domain/reports/snapshot-codec.ts';
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
function time(run) {
  const wall = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    run();
    wall.push(performance.now() - start);
  }
  return `${median(wall).toFixed(1)} ms (min ${Math.min(...wall).toFixed(1)}, first ${wall[0].toFixed(1)})`;
}

const workspace = generateWorkspace(SCALE, NOW);
const sources = workspace.sources ?? workspace;
const bytes = encodeReportSnapshot({ generation: 'g', seq: 1, touchSpan: null, sources });
const rows = Object.entries(sources).map(([name, list]) => `${name} ${list.length}`);
console.log(`scale ${SCALE}: ${rows.join(', ')}; snapshot ${(bytes.length / 1e6).toFixed(1)} MB`);
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
