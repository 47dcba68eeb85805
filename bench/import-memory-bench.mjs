// Memory of an import session that matches the database (issue 3): N customers, then a file of
// the same N customers with one field changed (a re-import of our own export, say), analysed
// with every match held in full (the session's budget set above N) and with every match
// planned alone (budget 0). Prints the JS heap the session keeps after analysing (what is
// freed when the session goes), per row. Node with fake-indexeddb: the staged rows, which
// would sit in its heap, are dropped before measuring (in a browser they are on disk).
//   TSX_TSCONFIG_PATH=tsconfig.web.json node --expose-gc --import tsx bench/import-memory-bench.mjs
import 'fake-indexeddb/auto';
import Papa from 'papaparse';
import { CrmDatabase } from '../src/renderer/src/db/database.ts';
import { detectedImport } from '../tests/unit/import-helpers.ts';

const N = Number(process.env.BENCH_ROWS ?? 20_000);
if (typeof globalThis.gc !== 'function') throw new Error('Run node with --expose-gc');

function heapMb() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const header = ['Email', 'First Name', 'Last Name', 'Phone Number', 'Notes'];
const rowOf = (i, name) => [
  `fan${i}@example.com`,
  name,
  `Surname${i}`,
  `+1 415 555 ${String(i % 10_000).padStart(4, '0')}`,
  `Met at the spring tour, row ${i}`,
];

const db = new CrmDatabase(`import-memory-${Date.now()}`);
await db.open();
console.log(`Seeding ${N.toLocaleString()} customers (bulk import of a first file)...`);

/** A session with the settings the wizard would detect (the unit tests' helper). */
async function session(csv, holdBudget) {
  return (await detectedImport(db, csv, 'fans.csv', 'US', { holdBudget })).session;
}

const first = Papa.unparse({
  fields: header,
  data: Array.from({ length: N }, (_, i) => rowOf(i, `Fan${i}`)),
});
const seed = await session(first, 0);
await seed.analyse();
await seed.commit({ fileName: 'fans.csv' });

// The same people again, every first name changed: each row is an update under "overwrite".
const again = Papa.unparse({
  fields: header,
  data: Array.from({ length: N }, (_, i) => rowOf(i, `Renamed${i}`)),
});
for (const [label, budget] of [
  ['held in full', N + 1],
  ['planned alone', 0],
]) {
  let s = await session(again, budget);
  const t0 = performance.now();
  await s.analyse();
  const plan = s.setPolicy('overwrite').plan;
  const seconds = (performance.now() - t0) / 1000;
  const held = s.heldRows;
  // The staged rows would live in fake-indexeddb's heap here (on disk in a browser): dropped
  // first, so what is measured is what the session itself keeps until it is written.
  await s.dispose();
  const alive = heapMb();
  s = null;
  const kept = alive - heapMb();
  console.log(
    `${label.padEnd(14)} analyse ${seconds.toFixed(1)} s · held ${held} rows · ` +
      `plan: ${plan.updated} updated · the session keeps ${kept.toFixed(1)} MB ` +
      `(${((kept * 2 ** 20) / N).toFixed(0)} bytes per row)`,
  );
}
await db.delete();
