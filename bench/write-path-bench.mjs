// Write-path profile (issue 15): seeds N demo customers (emails, phones, touchpoints, profile,
// in transactions of 2,000 as bench:search does) into fresh databases of the app's schema in
// Chromium, once with each set of DBCore middlewares, so the difference between two lines is
// what one middleware costs per customer. Then seeds the app's own database (the full write
// path, as the app runs it) in tenths: the last tenth beside the first is the write cost as
// the database grows.
// First, the ceilings (dev/write-ceilings.ts): the same customers written with raw IndexedDB
// puts, through Dexie without middleware, and through the app's full path, into an empty
// database and into one holding BENCH_PREFILL customers (fast-seeded), chunks of BENCH_CHUNK.
//   node bench/write-path-bench.mjs             (N=5000, 3 rounds, median)
//   BENCH_CUSTOMERS=20000 BENCH_ROUNDS=1 node bench/write-path-bench.mjs
//   BENCH_ONLY=ceilings BENCH_PREFILL=100000 BENCH_CHUNK=2000 node bench/write-path-bench.mjs
// BENCH_ONLY=records: what one record costs in this Chromium's IndexedDB (dev/record-costs.ts):
// the app's tables one by one (BENCH_CUSTOMERS customers' records), then one shape varied at a
// time (indexes, bytes, transaction size, key order); a least-squares slope per index and per KB.
import { execFileSync } from 'node:child_process';
import { startCpuProfile, summarizeCpuProfile } from './cpu-profile.mjs';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const N = Number(process.env.BENCH_CUSTOMERS ?? 5_000);
// Variants alternate, ROUNDS times; each line is the median (the machine is shared and loaded).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VARIANTS = [
  ['none (plain bulkAdd, same schema)', []],
  ['guard', ['guard']],
  ['guard + projection (list rows, search journal)', ['guard', 'projection']],
  ['guard + projection + change capture, sync not configured', ['guard', 'projection', 'capture']],
  [
    'guard + projection + change capture, sync configured (outbox)',
    ['guard', 'projection', 'capture'],
    true,
  ],
];

const load = () =>
  execFileSync('uptime', { encoding: 'utf8' })
    .trim()
    .replace(/.*load/, 'load');
const preview = await startPreview();
const browser = await launchChromium();
try {
  const page = await openDevApp(browser, preview.url, '#/settings');
  const ONLY = process.env.BENCH_ONLY ?? 'all';
  const PREFILL = Number(process.env.BENCH_PREFILL ?? 100_000);
  const CHUNK = Number(process.env.BENCH_CHUNK ?? 2_000);
  const CEILINGS = [
    ['build the demo records + list rows (JavaScript only)', 'build'],
    ['raw IndexedDB puts (profile, emails, phones, touches, row, journal)', 'raw'],
    ['Dexie bulkPut per table, no middleware', 'dexie'],
    ['app full write path (demo seed, every middleware)', 'full'],
  ];
  // BENCH_ONLY=profile: a CPU profile of the main thread while one variant writes (BENCH_VARIANT,
  // default full) into a database of BENCH_PREFILL customers; BENCH_NO_MINIFY=1 for names.
  if (ONLY === 'profile') {
    const variant = process.env.BENCH_VARIANT ?? 'full';
    const target = await page.evaluate((n) => globalThis.encoreDev.writeCeilings.open(n), PREFILL);
    const stop = await startCpuProfile(page);
    const ms = await page.evaluate(
      ([target, variant, n, chunk]) =>
        globalThis.encoreDev.writeCeilings.time(target, variant, n, chunk),
      [target, variant, N, CHUNK],
    );
    const profile = await stop();
    console.log(
      `Profile of ${variant}, ${N} customers into ${PREFILL}, chunks of ${CHUNK}: ${ms.toFixed(0)} ms, ${((ms * 1000) / N).toFixed(0)} µs/customer (${load()})`,
    );
    console.log(
      summarizeCpuProfile(profile, {
        top: Number(process.env.BENCH_TOP ?? 30),
        save: process.env.BENCH_PROFILE_SAVE ?? null,
      }),
    );
  }
  if (ONLY === 'records') await recordCosts(page);
  if (ONLY !== 'layers' && ONLY !== 'profile' && ONLY !== 'records')
    for (const prefill of [...new Set([0, PREFILL])]) {
      const started = performance.now();
      const target = await page.evaluate(
        (n) => globalThis.encoreDev.writeCeilings.open(n),
        prefill,
      );
      console.log(
        `Ceilings, ${N.toLocaleString()} customers per variant, chunks of ${CHUNK}, into ${prefill.toLocaleString()} (prefill ${((performance.now() - started) / 1000).toFixed(1)} s; ${load()})`,
      );
      const times = CEILINGS.map(() => []);
      for (let round = 0; round < ROUNDS; round += 1)
        for (const [index, [, variant]] of CEILINGS.entries()) {
          const result = await page.evaluate(
            async ([target, variant, n, chunk]) => {
              const hooks = globalThis.encoreDev.writeCeilings;
              const ms = await hooks.time(target, variant, n, chunk);
              return { ms, next: target.next };
            },
            [target, variant, N, CHUNK],
          );
          target.next = result.next;
          times[index].push(result.ms);
        }
      for (const [index, [label]] of CEILINGS.entries()) {
        const sorted = [...times[index]].sort((a, b) => a - b);
        const ms = sorted[Math.floor(sorted.length / 2)];
        console.log(
          `  ${label.padEnd(72)} ${Math.round(N / (ms / 1000))
            .toLocaleString()
            .padStart(
              7,
            )} /s ${((ms * 1000) / N).toFixed(0).padStart(6)} µs/customer   (runs: ${times[index].map((t) => (t / 1000).toFixed(2)).join(', ')} s)`,
        );
      }
      await page.evaluate((target) => globalThis.encoreDev.writeCeilings.drop(target), target);
    }
  if (ONLY === 'all' || ONLY === 'layers') {
    console.log(`Write path, ${N.toLocaleString()} customers per variant (${load()})`);
    const times = VARIANTS.map(() => []);
    for (let round = 0; round < ROUNDS; round += 1)
      for (const [index, [, layers, syncConfigured = false]] of VARIANTS.entries())
        times[index].push(
          await page.evaluate(
            ([layers, n, syncConfigured]) =>
              globalThis.encoreDev.seedWithLayers(layers, n, { syncConfigured }),
            [layers, N, syncConfigured],
          ),
        );
    let previous = null;
    for (const [index, [label, , syncConfigured = false]] of VARIANTS.entries()) {
      const sorted = [...times[index]].sort((a, b) => a - b);
      const ms = sorted[Math.floor(sorted.length / 2)];
      const perCustomer = (ms * 1000) / N;
      const added =
        previous === null
          ? ''
          : `   ${perCustomer >= previous ? '+' : ''}${(perCustomer - previous).toFixed(0)} µs`;
      console.log(
        `  ${label.padEnd(64)} ${Math.round(N / (ms / 1000))
          .toLocaleString()
          .padStart(
            6,
          )} /s ${perCustomer.toFixed(0).padStart(6)} µs/customer${added}   (runs: ${times[index].map((t) => (t / 1000).toFixed(1)).join(', ')} s)`,
      );
      if (!syncConfigured) previous = perCustomer;
    }
    console.log(`App database (full write path, sync as configured: off), in tenths of ${N}:`);
    const tenths = [];
    for (let step = 0; step < 10; step += 1) {
      const ms = await page.evaluate(async (n) => {
        const started = performance.now();
        await globalThis.encoreDev.crm.demo.seed(n, { chunkSize: 2000 });
        return performance.now() - started;
      }, N / 10);
      tenths.push(ms);
    }
    const total = tenths.reduce((a, b) => a + b, 0);
    console.log(
      `  ${Math.round(N / (total / 1000)).toLocaleString()} /s (target >= 2,000 /s); tenths ${tenths.map((ms) => Math.round(N / 10 / (ms / 1000))).join(' / ')} /s; last tenth vs first ${(tenths[9] / tenths[0]).toFixed(2)}x`,
    );
    console.log(`  (${load()})`);
  }
} finally {
  await browser.close();
  await preview.stop();
}

/** BENCH_ONLY=records: per table, per index entry, per byte, per transaction size. */
async function recordCosts(page) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const chunk = Number(process.env.BENCH_CHUNK ?? 2_000);
  const line = (cost) =>
    `  ${cost.label.padEnd(52)} ${cost.usPerRecord.toFixed(1).padStart(8)} µs/record ${Math.round(
      1e6 / cost.usPerRecord,
    )
      .toLocaleString()
      .padStart(
        8,
      )} /s   ${cost.bytes.toFixed(0).padStart(6)} B   ${cost.indexEntries.toFixed(2).padStart(5)} index entries`;
  console.log(
    `Record costs, the app's tables, ${N.toLocaleString()} customers' records per round, transactions of ${chunk}, ${rounds} rounds, median (${load()})`,
  );
  const tables = await page.evaluate(
    ([customers, txSize, rounds]) =>
      globalThis.encoreDev.writeCeilings.recordCosts.tables({ customers, txSize, rounds }),
    [N, chunk, rounds],
  );
  for (const cost of tables) console.log(line(cost));
  console.log(`Synthetic records, ${N.toLocaleString()} per case and round (${load()})`);
  const synthetic = await page.evaluate(
    ([records, txSize, rounds]) =>
      globalThis.encoreDev.writeCeilings.recordCosts.synthetic({ records, txSize, rounds }),
    [N, chunk, rounds],
  );
  for (const cost of synthetic) console.log(line(cost));
  const slope = (points) => {
    const n = points.length;
    const mx = points.reduce((s, [x]) => s + x, 0) / n;
    const my = points.reduce((s, [, y]) => s + y, 0) / n;
    const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
    const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
    return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx };
  };
  const byIndexes = synthetic
    .filter((cost) => / secondary indexes/.test(cost.label))
    .map((cost) => [cost.indexEntries, cost.usPerRecord]);
  const bySize = synthetic
    .filter((cost) => /^size /.test(cost.label))
    .map((cost) => [cost.bytes / 1000, cost.usPerRecord]);
  const index = slope(byIndexes);
  const size = slope(bySize);
  console.log(
    `  => per secondary index entry ${index.slope.toFixed(1)} µs (a record with none ${index.intercept.toFixed(1)} µs); per KB ${size.slope.toFixed(1)} µs (${(size.slope / 1000).toFixed(3)} µs per byte)   (${load()})`,
  );
}
