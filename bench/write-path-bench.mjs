// Write-path profile (issue 15): seeds N demo customers (emails, phones, touchpoints, profile,
// in transactions of 2,000 as bench:search does) into fresh databases of the app's schema in
// Chromium, once with each set of DBCore middlewares, so the difference between two lines is
// what one middleware costs per customer. Then seeds the app's own database (the full write
// path, as the app runs it) in tenths: the last tenth beside the first is the write cost as
// the database grows.
//   node bench/write-path-bench.mjs             (N=20000)
//   BENCH_CUSTOMERS=5000 node bench/write-path-bench.mjs
import { execFileSync } from 'node:child_process';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const N = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
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
  console.log(`Write path, ${N.toLocaleString()} customers per variant (${load()})`);
  let previous = null;
  for (const [label, layers, syncConfigured = false] of VARIANTS) {
    const ms = await page.evaluate(
      ([layers, n, syncConfigured]) =>
        globalThis.encoreDev.seedWithLayers(layers, n, { syncConfigured }),
      [layers, N, syncConfigured],
    );
    const perCustomer = (ms * 1000) / N;
    const added =
      previous === null
        ? ''
        : `   ${perCustomer >= previous ? '+' : ''}${(perCustomer - previous).toFixed(0)} µs`;
    console.log(
      `  ${label.padEnd(50)} ${(ms / 1000).toFixed(1).padStart(6)} s ${Math.round(N / (ms / 1000))
        .toLocaleString()
        .padStart(7)} /s ${perCustomer.toFixed(0).padStart(6)} µs/customer${added}`,
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
} finally {
  await browser.close();
  await preview.stop();
}
