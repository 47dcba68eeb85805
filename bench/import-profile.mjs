// Where an import's time goes, in Node (issue 15): N existing customers seeded by the demo seed
// through the full write path, then the bench's HubSpot-shaped file of N rows (half matching)
// read, checked, planned and written by the real import session on fake-indexeddb. Prints each
// phase's wall time; BENCH_PROFILE_DIR=dir writes each phase's CPU profile. fake-indexeddb is
// far slower than Chromium's IndexedDB per request, so request counts weigh more here than in
// the app: read the profile for what JavaScript does per row and how many reads it issues.
//   BENCH_PROFILE_DIR=/tmp/prof TSX_TSCONFIG_PATH=tsconfig.web.json node --import tsx \
//     bench/import-profile.mjs
import 'fake-indexeddb/auto';
import { CrmDatabase } from '../src/renderer/src/db/database.ts';
import { createDemoDataService } from '../src/renderer/src/services/crm/demo/demo-data-service.ts';
import { detectedImport } from '../tests/unit/import-helpers.ts';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { hubspotCsv } from './hubspot-csv.mjs';

// BENCH_PROFILE_DIR: each phase's CPU profile (seed, read, write) written there.
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
async function profiled(label, run) {
  if (PROFILE_DIR) await inspector.post('Profiler.start');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await run();
  const ms = performance.now() - t0;
  // CPU time, unlike wall time, barely moves with the machine's load (benchmarks share it).
  const cpu = process.cpuUsage(cpu0);
  console.log(`  ${label}: CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  if (PROFILE_DIR) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(`${PROFILE_DIR}/${label}-${N}.cpuprofile`, JSON.stringify(profile));
  }
  return { result, ms };
}

const N = Number(process.env.BENCH_ROWS ?? 3000);
const EXISTING = Number(process.env.BENCH_EXISTING ?? N);
const db = new CrmDatabase(`import-profile-${Date.now()}`);
await db.open();

const { ms: seedMs } = await profiled('seed', () =>
  createDemoDataService(db).seed(EXISTING, { chunkSize: 2000 }),
);
console.log(
  `seed ${EXISTING} through the write path: ${(seedMs / 1000).toFixed(2)} s, ${Math.round(EXISTING / (seedMs / 1000))}/s`,
);

const existing = (await db.customer_emails.toArray())
  .filter((e) => e.is_primary === 1)
  .map((e) => e.address);
const csv = hubspotCsv(N, existing);
const { session } = await detectedImport(db, csv, 'hubspot-bench.csv', 'US');
const {
  result: { plan },
  ms: readMs,
} = await profiled('read', () => session.analyse());
console.log(
  `read + check + plan: ${(readMs / 1000).toFixed(2)} s (new ${plan.new}, updated ${plan.updated}, unchanged ${plan.unchanged})`,
);
const { result: summary, ms: writeMs } = await profiled('write', () =>
  session.commit({ fileName: 'hubspot-bench.csv' }),
);
console.log(`write: ${(writeMs / 1000).toFixed(2)} s (${JSON.stringify(summary).slice(0, 200)})`);
console.log(
  `total import: ${((readMs + writeMs) / 1000).toFixed(2)} s, ${Math.round(N / ((readMs + writeMs) / 1000))} rows/s`,
);
await db.delete();
