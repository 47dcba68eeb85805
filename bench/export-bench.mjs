// Export benchmark (issue 3: CSV export). With N customers in Chromium: the whole CSV export
// as the dialog runs it (plan, then a page of 500 customers per chunk, collected into Blob
// parts as the browser platform does), beside its ceiling in the same run: the raw Dexie
// reads of the same customers (profiles by bulkGet, emails and phones by customer_id) plus
// papaparse's unparse of the same rows. Also the longest main-thread task during the export.
//   node bench/export-bench.mjs                 (N=100000; seeding takes minutes)
//   EXPORT_BENCH_N=20000 node bench/export-bench.mjs
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fmt, launchChromium, startPreview } from './lib.mjs';

const N = Number(process.env.EXPORT_BENCH_N ?? 100_000);
const RUNS = Number(process.env.EXPORT_BENCH_RUNS ?? 3);
// The dialog's default column groups, so both paths write the same file.
const GROUPS = [
  'name',
  'emails',
  'phones',
  'date_of_birth',
  'lifecycle',
  'owner',
  'tags',
  'consent',
];

const preview = await startPreview();
const browser = await launchChromium();
try {
  // openDevApp's page, plus bypassCSP: the app's CSP (rightly) refuses the papaparse script
  // the ceiling needs.
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${preview.url}?dev=1#/customers`);
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  console.log(`Seeding ${N.toLocaleString()} customers through the real write path...`);
  const seedMs = await page.evaluate(async (count) => {
    const started = performance.now();
    await globalThis.encoreDev.crm.demo.seed(count, { chunkSize: 2000 });
    return performance.now() - started;
  }, N);
  console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);

  // The export as the user runs it: the dialog, "Everything", default columns, the export
  // worker, Blob parts, one download. Timed from the click to the download event.
  await page.reload();
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  const dialogRuns = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.getByRole('radio', { name: /^Everything/ }).check();
    await page.evaluate(() => {
      globalThis.benchLongTasks = [];
      globalThis.benchObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) globalThis.benchLongTasks.push(entry.duration);
      });
      globalThis.benchObserver.observe({ type: 'longtask' });
    });
    const started = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 600_000 }),
      dialog.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const ms = performance.now() - started;
    const { size } = await stat(await download.path());
    const tasks = await page.evaluate(() => {
      globalThis.benchObserver.disconnect();
      return globalThis.benchLongTasks;
    });
    dialogRuns.push({ ms, size, longest: Math.max(0, ...tasks), count: tasks.length });
    await dialog.waitFor({ state: 'hidden' });
  }
  await page.addScriptTag({
    path: resolve(import.meta.dirname, '../node_modules/papaparse/papaparse.min.js'),
  });

  // The service on the main thread (no worker), and the ceiling, in the same page.
  const results = [];
  for (let run = 0; run < RUNS; run += 1) {
    results.push(
      await page.evaluate(async (groups) => {
        const { db, crm } = globalThis.encoreDev;
        const longTasks = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) longTasks.push(entry.duration);
        });
        observer.observe({ type: 'longtask' });

        // 1. The export, as the dialog runs it.
        const started = performance.now();
        const plan = await crm.export.plan({ kind: 'all' }, groups);
        const planned = performance.now();
        const parts = [];
        let rows = 0;
        for await (const chunk of crm.export.stream(plan)) {
          parts.push(chunk.text);
          rows = chunk.rowsWritten;
        }
        const blob = new Blob(parts, { type: 'text/csv' });
        const exportMs = performance.now() - started;
        await new Promise((r) => setTimeout(r, 50));
        observer.disconnect();

        // 2. Ceiling, part one: read the same customers raw, a page at a time, no formatting.
        const readStarted = performance.now();
        // The same page size and the same parallel lookups as the service, without formatting.
        for (let start = 0; start < plan.ids.length; start += 500) {
          const ids = plan.ids.slice(start, start + 500);
          const each = (table) =>
            Promise.all(ids.map((id) => table.where('customer_id').equals(id).toArray()));
          await db.transaction(
            'r',
            [db.customer_profiles, db.customer_emails, db.customer_phones],
            () =>
              Promise.all([
                db.customer_profiles.bulkGet(ids),
                each(db.customer_emails),
                each(db.customer_phones),
              ]),
          );
        }
        const readMs = performance.now() - readStarted;

        // Ceiling, part two: papaparse's unparse of the same rows (already in memory).
        const text = await blob.text();
        const parsed = globalThis.Papa.parse(text.slice(1), { newline: '\r\n' }).data;
        const unparseStarted = performance.now();
        const unparsed = globalThis.Papa.unparse(parsed, { newline: '\r\n' });
        const unparseMs = performance.now() - unparseStarted;

        return {
          rows,
          bytes: blob.size,
          unparsedChars: unparsed.length,
          planMs: planned - started,
          exportMs,
          readMs,
          unparseMs,
          longestTask: Math.max(0, ...longTasks),
          longTaskCount: longTasks.length,
        };
      }, GROUPS),
    );
  }

  const best = (key) => Math.min(...results.map((r) => r[key]));
  const r = results[0];
  const ceiling = best('readMs') + best('unparseMs');
  console.log(`\nExport of ${r.rows.toLocaleString()} customers (${RUNS} runs, best of each):`);
  console.log(`  file: ${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ${r.rows.toLocaleString()} rows`);
  const bestDialog = Math.min(...dialogRuns.map((x) => x.ms));
  const rate = (ms) => `${Math.round(r.rows / (ms / 1000)).toLocaleString()} rows/s`;
  const longest = (runs, key, count) =>
    `${fmt(Math.max(...runs.map((x) => x[key])))} (long tasks per run: ${runs.map((x) => x[count]).join(', ')})`;
  console.log(`  dialog -> download (worker):       ${fmt(bestDialog)}  (${rate(bestDialog)})`);
  console.log(`    longest main-thread task:        ${longest(dialogRuns, 'longest', 'count')}`);
  console.log(
    `  service on the main thread:        ${fmt(best('exportMs'))}  (${rate(best('exportMs'))}; plan ${fmt(best('planMs'))})`,
  );
  console.log(
    `    longest main-thread task:        ${longest(results, 'longestTask', 'longTaskCount')}`,
  );
  console.log(`  ceiling: raw Dexie reads           ${fmt(best('readMs'))}`);
  console.log(`  ceiling: Papa.unparse same rows    ${fmt(best('unparseMs'))}`);
  console.log(`  ceiling: reads + unparse           ${fmt(ceiling)}`);
  console.log(`  ratio dialog (worker) / ceiling    ${(bestDialog / ceiling).toFixed(2)}x`);
  console.log(`  ratio main-thread / ceiling        ${(best('exportMs') / ceiling).toFixed(2)}x`);
} finally {
  await browser.close();
  await preview.stop();
}
