// The snapshot's encode alone at REPORTS_SCALE (10: a million customers), wall and CPU, twice:
//   REPORTS_SCALE=10 TSX_TSCONFIG_PATH=tsconfig.web.json node --import tsx bench/reports-encode-probe.mjs
import { encodeReportSnapshot } from '../src/renderer/src/domain/reports/snapshot-codec.ts';
import { NO_REPORT_FILTER } from '../src/renderer/src/domain/reports/filter.ts';
import { touchSpanFor } from '../src/renderer/src/domain/reports/touch-span.ts';
import { generateWorkspace } from './reports-data.mjs';
const NOW = new Date('2026-03-15T12:00:00.000Z');
const SCALE = Number(process.env.REPORTS_SCALE ?? 10);
const w = generateWorkspace(SCALE, NOW);
const g = w.sources ?? w;
const span = touchSpanFor(NO_REPORT_FILTER, Math.floor(NOW.getTime() / 86_400_000));
const sources = {
  ...g,
  touchpoints: g.touchpoints.filter((t) => t.occurred_at >= span.from && t.occurred_at <= span.to),
};
for (let i = 0; i < 2; i++) {
  const u = process.cpuUsage();
  const t = performance.now();
  const b = encodeReportSnapshot({ generation: 'g', seq: 1, touchSpan: null, sources });
  const c = process.cpuUsage(u);
  console.log(
    `scale ${SCALE} encode ${b.length} bytes: wall ${(performance.now() - t).toFixed(0)} ms, CPU ${((c.user + c.system) / 1000).toFixed(0)} ms`,
  );
}
