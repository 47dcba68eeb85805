// Duplicate detection over synthetic fan lists (issue 18): the full scan, memory, and one new
// or edited customer checked incrementally, beside a ceiling (one pass building the
// blocking-key maps only, no pair judged). Node, as the detection worker would run it.
//   npm run bench:duplicates-domain            (100,000 customers)
//   BENCH_CUSTOMERS=1000000 npm run bench:duplicates-domain
import { candidateDocOf } from '../src/renderer/src/domain/duplicates/candidate-doc.ts';
import { DuplicateIndex } from '../src/renderer/src/domain/duplicates/duplicate-index.ts';
import { KeyBuckets } from '../src/renderer/src/domain/duplicates/key-buckets.ts';
import { blockingKeys, hashKey } from '../src/renderer/src/domain/duplicates/keys.ts';
import { planBulkMerge } from '../src/renderer/src/domain/duplicates/bulk-merge.ts';
import { likelyExistingCustomers } from '../src/renderer/src/domain/duplicates/import-assist.ts';
import { syntheticFans, editOf, newFan } from './duplicates-fans.mjs';

const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const CHECKS = 1_000;
if (typeof globalThis.gc !== 'function') throw new Error('Run node with --expose-gc');

function heapMb() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

// CPU time beside wall time: on a shared machine the wall clock also counts other processes.
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const toDoc = (fan) =>
  candidateDocOf(
    {
      id: fan.id,
      first_name: fan.first,
      last_name: fan.last,
      date_of_birth: fan.dob,
      updated_at: '',
      deleted: 0,
    },
    fan.emails.map((address) => ({ customer_id: fan.id, address_normalized: address, deleted: 0 })),
    fan.phones.map((e164) => ({ customer_id: fan.id, e164, deleted: 0 })),
  );

console.log(
  `Generating ${N.toLocaleString()} customers (fan lists with families, box offices, re-imports)...`,
);
const { fans, truth } = syntheticFans(N, 7);
const docs = fans.map(toDoc);
console.log(
  `  ${truth.duplicates.toLocaleString()} planted duplicates, ${truth.households.toLocaleString()} households, ` +
    `${truth.boxOfficeCustomers.toLocaleString()} customers on ${truth.boxOffices} box-office numbers`,
);

// Ceiling: every blocking key computed, hashed and put in its bucket; no pair judged.
let t0 = performance.now();
let c0 = cpuMs();
const ceiling = new KeyBuckets();
docs.forEach((doc, slot) => {
  for (const key of blockingKeys(doc)) ceiling.add(hashKey(key), slot);
});
const ceilingMs = performance.now() - t0;
const ceilingCpu = cpuMs() - c0;

const before = heapMb();
t0 = performance.now();
c0 = cpuMs();
const index = DuplicateIndex.build(docs);
const scanMs = performance.now() - t0;
const scanCpu = cpuMs() - c0;
const indexMb = heapMb() - before;
const stats = index.stats();
const counts = index.counts();

// Planted duplicates found (recall), and how many pairs are not planted (the rest are real
// look-alikes: same-name fans on one phone, families).
const found = new Set(index.pairs().map((pair) => `${pair.a}|${pair.b}`));
const planted = truth.pairs.filter(([x, y]) => found.has(x < y ? `${x}|${y}` : `${y}|${x}`)).length;
const bulk = planBulkMerge(
  index.pairs({ minConfidence: 'high' }),
  (id) => index.docOf(id)?.date_of_birth,
);

// Incremental: a new customer (added, then taken out again untimed) or an edit (then reverted).
const timings = { add: [], edit: [], probe: [] };
let appeared = 0;
for (let i = 0; i < CHECKS; i += 1) {
  const fresh = toDoc(newFan(i, fans, 11));
  t0 = performance.now();
  appeared += index.add(fresh).appeared.length;
  timings.add.push(performance.now() - t0);
  index.remove(fresh.id);

  const original = docs[(i * 7919) % docs.length];
  const edited = toDoc(editOf(fans[(i * 7919) % fans.length], i));
  t0 = performance.now();
  index.update(edited);
  timings.edit.push(performance.now() - t0);
  index.update(original);

  const row = newFan(i + CHECKS, fans, 13);
  t0 = performance.now();
  likelyExistingCustomers(
    {
      first_name: row.first,
      last_name: row.last,
      date_of_birth: row.dob,
      emails: row.emails.map((normalized) => ({ normalized })),
      phones: row.phones.map((e164) => ({ e164 })),
    },
    index,
  );
  timings.probe.push(performance.now() - t0);
}
const line = (name, values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${name.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(3)} ms, p95 ${percentile(sorted, 95).toFixed(3)} ms`;
};

console.log(
  `\nCustomers: ${N.toLocaleString()} (${stats.keys.toLocaleString()} distinct key hashes)`,
);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(
  `Ceiling (blocking-key maps only): ${seconds(ceilingMs)} wall, ${seconds(ceilingCpu)} CPU`,
);
console.log(
  `Full scan (index built):          ${seconds(scanMs)} wall, ${seconds(scanCpu)} CPU` +
    ` = ${(scanCpu / ceilingCpu).toFixed(1)} x ceiling  (target <= 10 s)`,
);
console.log(
  `Pairs: ${stats.pairs.toLocaleString()} (high ${counts.high.toLocaleString()}, medium ${counts.medium.toLocaleString()}, low ${counts.low.toLocaleString()}); ` +
    `planted duplicates found ${planted.toLocaleString()} of ${truth.pairs.length.toLocaleString()}`,
);
console.log(
  `Merge all high: ${bulk.groups.length.toLocaleString()} merges, ${bulk.mergedAway.toLocaleString()} customers merged away, ` +
    `${bulk.skipped.length} groups left for review`,
);
console.log(
  `Index memory: ${indexMb.toFixed(1)} MB (${((indexMb * 2 ** 20) / N).toFixed(0)} bytes per customer)`,
);
console.log(
  line('New customer checked (add)', timings.add) +
    `  (target <= 5 ms; ${appeared} pairs appeared)`,
);
console.log(line('Edited customer checked (update)', timings.edit));
console.log(line('Import row probed (import assist)', timings.probe));
