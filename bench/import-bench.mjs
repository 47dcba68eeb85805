// Import benchmark (issue 3). N HubSpot-shaped rows (half of them matching customers already
// in the database) imported through the wizard in Chromium, into a database holding N
// customers: wall time from choosing the file to the summary, rows/s, the longest main-thread
// task (PerformanceObserver 'longtask'), the main thread's JS heap and the renderer processes'
// memory (the import worker lives there) sampled through the run. Beside it, in the same run,
// the ceilings of bench/import-ceiling.mjs: papaparse parsing the same file plus plain Dexie
// bulk writes (no guard, projection or change capture) of the records the import wrote, into a
// copy of the database as it was (the target's ceiling), into an empty one, and bare.
//   node bench/import-bench.mjs                 (N=100000)
//   BENCH_ROWS=20000 node bench/import-bench.mjs
//   BENCH_ROWS=1048576 BENCH_EXISTING=0 BENCH_CEILING=0 node bench/import-bench.mjs
//   BENCH_ROWS=1048576 BENCH_EXISTING=0 BENCH_READ_ONLY=1 node bench/import-bench.mjs
//   BENCH_SETTLE=1 ...   (the file chosen once the search index has rebuilt after the seed)
//   BENCH_LONGS=1 ...    (also lists every main-thread task over 150 ms: [start, ms] in page time)
// A run longer than a sitting can be cut off and resumed, as a user would after a crash:
//   BENCH_KEEP=/tmp/encore-1m BENCH_ROWS=1048576 BENCH_EXISTING=0 BENCH_CEILING=0 node ...
//   (kill it whenever; the profile, its port and the file stay in BENCH_KEEP), then
//   BENCH_KEEP=/tmp/encore-1m BENCH_RESUME=1 BENCH_ROWS=1048576 node bench/import-bench.mjs
//   clicks Resume on the interrupted import, chooses the same file and finishes it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hubspotCsv } from './hubspot-csv.mjs';
import { importMark, measureCeilings, prepareSameSizeCeiling } from './import-ceiling.mjs';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
// Customers already in the database (half of them appear in the file); 0 for an empty one.
const EXISTING = Number(process.env.BENCH_EXISTING ?? N);
// BENCH_CEILING=0 skips the ceilings (the 1,048,576-row run proves completion and memory).
const WITH_CEILING = process.env.BENCH_CEILING !== '0';
// BENCH_READ_ONLY=1 stops at the plan (reading, checking and planning a file, nothing written).
const READ_ONLY = process.env.BENCH_READ_ONLY === '1';
// The ceiling the target is measured against writes the same records into a copy of the
// database as it was before the import (the import writes into a database holding EXISTING
// customers; so does this ceiling). BENCH_SAME_SIZE=0 leaves it out (it costs a copy).
const SAME_SIZE = WITH_CEILING && EXISTING > 0 && process.env.BENCH_SAME_SIZE !== '0';
// BENCH_KEEP: a directory kept after the run (Chromium profile and file), on a fixed port so
// the app's origin, and with it the IndexedDB, is the same when the run is resumed.
// Absolute: Chromium's processes name their profile so, and the memory sampler matches it.
const KEEP = process.env.BENCH_KEEP ? resolve(process.env.BENCH_KEEP) : null;
const RESUME = KEEP !== null && process.env.BENCH_RESUME === '1';
if (process.env.BENCH_RESUME === '1' && !KEEP) throw new Error('BENCH_RESUME needs BENCH_KEEP');
const dir = KEEP ?? mkdtempSync(join(tmpdir(), 'encore-import-bench-'));
const csvPath = join(dir, 'hubspot-bench.csv');
if (RESUME && !existsSync(csvPath)) throw new Error(`No file to resume with: ${csvPath}`);
// A new run into a kept directory would seed into its database and replace the file its
// interrupted import needs: start kept runs in a new directory.
if (KEEP && !RESUME && existsSync(join(KEEP, 'profile')))
  throw new Error(`${KEEP} holds a kept run: resume it (BENCH_RESUME=1) or choose a new directory`);
if (KEEP) mkdirSync(join(KEEP, 'profile'), { recursive: true });
// BENCH_TRACE=file.json: a Chromium trace of the import (file chosen -> summary) with the V8
// CPU profile of every thread, the import worker's included (bench/trace-profile.py reads it).
const TRACE = process.env.BENCH_TRACE ? resolve(process.env.BENCH_TRACE) : null;

/** Starts a trace of the page's renderer (its workers too); the returned function saves it. */
async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: {
      includedCategories: ['disabled-by-default-v8.cpu_profiler', 'v8.execute', 'toplevel'],
    },
  });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    const parts = [];
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream });
      parts.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
      if (eof) break;
    }
    writeFileSync(TRACE, parts.join(''));
    console.log(`Trace written to ${TRACE}`);
  };
}

/**
 * Resident memory of this run's Chromium renderer processes (pages and their workers), in MB.
 * Only this run's: another Chromium on the machine (a test run) would otherwise count.
 */
function rendererRssMb() {
  const profiles = browser.profileDirs().map((dir) => `--user-data-dir=${dir} `);
  const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss=,args='], { encoding: 'utf8' });
  let kb = 0;
  for (const line of out.split('\n'))
    if (line.includes('--type=renderer') && profiles.some((profile) => line.includes(profile)))
      kb += Number(line.trim().split(/\s+/)[0]) || 0;
  return kb / 1024;
}

/**
 * Renderer memory every second from now, and a progress line a minute, so a run of hours
 * shows where it is and that memory stays flat.
 */
function startSampling(page) {
  const memory = [];
  const t0 = Date.now();
  const sampler = setInterval(() => {
    memory.push({ at: Date.now(), mb: rendererRssMb() });
    if (memory.length % 60 === 0) void logProgress(page, t0, memory.at(-1)?.mb ?? 0);
  }, 1000);
  return { memory, t0, sampler };
}

/** Through the wizard to its plan with the bench's file: read + check time and the counts. */
async function wizardToPlan(page, t0) {
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(csvPath);
  await page.getByRole('button', { name: 'Next: columns' }).click();
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('heading', { name: 'Check rows' }).waitFor({ timeout: 24 * 3_600_000 });
  const analysedMs = Date.now() - t0;
  await page.getByRole('button', { name: 'Next: plan' }).click();
  const planned = await countsText(page, 'Plan counts');
  return { analysedMs, planned };
}

/** A step's counts as one line: "New 34,000 · Updated 0 · …". */
async function countsText(page, label) {
  return page
    .getByLabel(label, { exact: true })
    .evaluate((list) =>
      [...list.querySelectorAll('dt')]
        .map((term) => `${term.textContent} ${term.nextElementSibling?.textContent ?? ''}`)
        .join(' · '),
    );
}

/** One progress line: elapsed minutes, renderer memory, and the wizard's own progress text. */
async function logProgress(page, t0, mb) {
  const text = await page
    .locator('.import-progress-text')
    .textContent({ timeout: 1000 })
    .catch(() => 'reading / checking');
  const minutes = ((Date.now() - t0) / 60_000).toFixed(0);
  console.log(
    `  [${minutes} min] renderer ${mb.toFixed(0)} MB · ${text?.replace(/\s+/g, ' ').trim()}`,
  );
}

const preview = await startPreview({ port: KEEP ? Number(process.env.BENCH_PORT ?? 41731) : 0 });
const browser = await launchChromium({ keptProfile: KEEP ? join(KEEP, 'profile') : null });
try {
  const page = await openDevApp(browser, preview.url, '#/import');
  if (RESUME) await resumeRun(page);
  else await fullRun(page);
} finally {
  await browser.close();
  await preview.stop();
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}

/** Seed, write the file, and import it through the wizard (the first sitting of a kept run). */
async function fullRun(page) {
  console.log(`Seeding ${EXISTING.toLocaleString()} customers through the real write path...`);
  const seedMs = await page.evaluate(async (count) => {
    const t0 = performance.now();
    await globalThis.encoreDev.crm.demo.seed(count, { chunkSize: 2000 });
    return performance.now() - t0;
  }, EXISTING);
  console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
  // Every other customer in id order: the matches are spread over the whole database.
  const existing = await page.evaluate(async () => {
    const emails = [];
    let index = 0;
    await globalThis.encoreDev.db.customers_crm_v.each((row) => {
      if (index++ % 2 === 0 && row.primary_email) emails.push(row.primary_email);
    });
    return emails;
  });
  const csv = hubspotCsv(N, existing);
  writeFileSync(csvPath, csv);
  if (KEEP) console.log(`Kept: profile and file in ${KEEP} (port ${preview.url})`);
  console.log(
    `File: ${N.toLocaleString()} rows, ${(csv.length / 1e6).toFixed(1)} MB, ${existing.length.toLocaleString()} matching existing emails`,
  );

  if (SAME_SIZE) {
    const copied = await prepareSameSizeCeiling(page);
    console.log(`Copied ${copied.toLocaleString()} rows for the same-size ceiling (not timed)`);
  }
  await page.reload();
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  // BENCH_SETTLE=1: choose the file only once the search index is ready (it rebuilds after the
  // seed) and the page has been idle 5 s, so read + check is the import's own time, not the
  // other workers' start-up beside it.
  if (process.env.BENCH_SETTLE === '1') {
    const settleMs = await page.evaluate(async () => {
      const t0 = performance.now();
      await globalThis.encoreDev.search.whenReady();
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return performance.now() - t0;
    });
    console.log(
      `  settled: search index ready and 5 s idle after ${(settleMs / 1000).toFixed(1)} s`,
    );
  }
  await page.evaluate(() => {
    globalThis.__longest = 0;
    globalThis.__peakHeap = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        globalThis.__longest = Math.max(globalThis.__longest, entry.duration);
        if (entry.duration > 150)
          (globalThis.__longs ??= []).push([
            Math.round(entry.startTime),
            Math.round(entry.duration),
          ]);
      }
    }).observe({ type: 'longtask', buffered: false });
    setInterval(() => {
      const heap = performance.memory?.usedJSHeapSize ?? 0;
      globalThis.__peakHeap = Math.max(globalThis.__peakHeap, heap);
    }, 100);
  });

  const mark = await importMark(page);
  const saveTrace = TRACE ? await startTrace(page) : null;
  const { memory, t0, sampler } = startSampling(page);
  const pageT0 = await page.evaluate(() => performance.now());
  const { analysedMs, planned } = await wizardToPlan(page, t0);
  const pageAnalysed = await page.evaluate(() => performance.now());
  if (process.env.BENCH_LONGS === '1')
    console.log(`  page t0 ${pageT0.toFixed(0)}, checked ${pageAnalysed.toFixed(0)}`);
  if (READ_ONLY) {
    const plannedMs = Date.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    clearInterval(sampler);
    await saveTrace?.();
    if (process.env.BENCH_LONGS === '1')
      console.log(
        `  long tasks [start, ms]:`,
        JSON.stringify(await page.evaluate(() => globalThis.__longs ?? [])),
      );
    const { longest, peakHeap } = await page.evaluate(() => ({
      longest: globalThis.__longest,
      peakHeap: globalThis.__peakHeap,
    }));
    const peak = (from, to) =>
      Math.max(0, ...memory.filter((m) => m.at - t0 >= from && m.at - t0 <= to).map((m) => m.mb));
    console.log(`\nReading and planning ${N.toLocaleString()} rows (nothing written)`);
    console.log(`  plan: ${planned?.replace(/\s+/g, ' ').trim()}`);
    console.log(
      `  read + check ${(analysedMs / 1000).toFixed(1)} s, to the plan ${(plannedMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  longest main-thread task ${longest.toFixed(0)} ms, peak main-thread heap ${(peakHeap / 1e6).toFixed(0)} MB`,
    );
    const tenths = Array.from({ length: 10 }, (_, i) =>
      peak((i * analysedMs) / 10, ((i + 1) * analysedMs) / 10).toFixed(0),
    );
    console.log(
      `  renderer memory at start ${(memory[0]?.mb ?? 0).toFixed(0)} MB; peak per tenth of the read: ${tenths.join(' / ')} MB; after ${peak(plannedMs, Infinity).toFixed(0)} MB`,
    );
    return;
  }
  await page.getByRole('button', { name: /^Import [\d,]+ customers?$/ }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 24 * 3_600_000 });
  const wallMs = Date.now() - t0;
  clearInterval(sampler);
  await saveTrace?.();
  if (process.env.BENCH_LONGS === '1')
    console.log(
      `  long tasks [start, ms] (page end ${await page.evaluate(() => performance.now().toFixed(0))}):`,
      JSON.stringify(await page.evaluate(() => globalThis.__longs ?? [])),
    );
  const { longest, peakHeap } = await page.evaluate(() => ({
    longest: globalThis.__longest,
    peakHeap: globalThis.__peakHeap,
  }));
  const created = await page
    .getByLabel('Summary counts', { exact: true })
    .locator('[data-count="created"]')
    .textContent();
  const updated = await page
    .getByLabel('Summary counts', { exact: true })
    .locator('[data-count="updated"]')
    .textContent();

  const ceilings = WITH_CEILING
    ? await measureCeilings(page, readFileSync(csvPath, 'utf8'), mark, SAME_SIZE)
    : null;
  const phase = (from, to) => {
    const inside = memory.filter((m) => m.at - t0 >= from && m.at - t0 <= to);
    return Math.max(0, ...inside.map((m) => m.mb));
  };
  // Memory through the run, in quarters of the wall time: flat means no quarter keeps growing.
  const quarters = [1, 2, 3, 4].map((q) => {
    const inQuarter = memory.filter(
      (m) => m.at - t0 <= (q * wallMs) / 4 && m.at - t0 > ((q - 1) * wallMs) / 4,
    );
    return Math.max(0, ...inQuarter.map((m) => m.mb));
  });

  console.log(`\nImport of ${N.toLocaleString()} rows into ${EXISTING.toLocaleString()} customers`);
  const ratio = (ms) => `${(wallMs / ms).toFixed(2)}x`;
  // First: the import beside the bare ceiling (issue 15's target).
  if (ceilings)
    console.log(
      `  import vs BARE ceiling (papaparse + plain bulk writes of the profiles, emails, phones it wrote: ${(ceilings.bareMs / 1000).toFixed(1)} s)   ${ratio(ceilings.bareMs)}   (target <= 1.5x)`,
    );
  console.log(`  plan: ${planned?.replace(/\s+/g, ' ').trim()}`);
  console.log(`  written: ${created} created, ${updated} updated`);
  console.log(`  read + check (file chosen -> rows checked)   ${(analysedMs / 1000).toFixed(1)} s`);
  console.log(
    `  wall time (file chosen -> summary)           ${(wallMs / 1000).toFixed(1)} s   ${Math.round(N / (wallMs / 1000)).toLocaleString()} rows/s`,
  );
  if (ceilings) {
    if (ceilings.sameSizeMs !== null)
      console.log(
        `  ceiling, full (+ list rows and outbox entries), into a copy of the database as it was ${(ceilings.sameSizeMs / 1000).toFixed(1)} s   import ${ratio(ceilings.sameSizeMs)}`,
      );
    console.log(
      `  ceiling, full, into an empty database ${(ceilings.fullMs / 1000).toFixed(1)} s   import ${ratio(ceilings.fullMs)}`,
    );
    console.log(
      `    records: ${Object.entries(ceilings.records)
        .map(([name, count]) => `${count.toLocaleString()} ${name}`)
        .join(', ')}`,
    );
  }
  if (EXISTING > 0)
    console.log(
      `  app write path alone (demo seed, ${EXISTING.toLocaleString()} new)  ${(seedMs / 1000).toFixed(1)} s   ${Math.round(EXISTING / (seedMs / 1000)).toLocaleString()} rows/s`,
    );
  console.log(
    `  longest main-thread task                     ${longest.toFixed(0)} ms   (target <= 200 ms)`,
  );
  console.log(`  peak JS heap, main thread                    ${(peakHeap / 1e6).toFixed(0)} MB`);
  console.log(
    `  renderer memory (pages + import worker): at start ${(memory[0]?.mb ?? 0).toFixed(0)} MB, peak while reading ${phase(0, analysedMs).toFixed(0)} MB, peak while writing ${phase(analysedMs, wallMs).toFixed(0)} MB`,
  );
  console.log(
    `    peak per quarter of the run: ${quarters.map((mb) => `${mb.toFixed(0)} MB`).join(' / ')}`,
  );
}

/**
 * The second sitting of a kept run: the import history shows the cut-off import as
 * interrupted; Resume, the same file again, and the rows already written plan as unchanged.
 */
async function resumeRun(page) {
  const before = await page.evaluate(() => globalThis.encoreDev.db.customer_profiles.count());
  console.log(`Resuming: ${before.toLocaleString()} customers in the database`);
  const { memory, t0, sampler } = startSampling(page);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  const { analysedMs, planned } = await wizardToPlan(page, t0);
  console.log(
    `  plan: ${planned?.replace(/\s+/g, ' ').trim()} (read + check ${(analysedMs / 1000).toFixed(1)} s)`,
  );
  await page.getByRole('button', { name: /^Import [\d,]+ customers?$/ }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 24 * 3_600_000 });
  const wallMs = Date.now() - t0;
  clearInterval(sampler);
  const summary = await countsText(page, 'Summary counts');
  const after = await page.evaluate(async () => ({
    profiles: await globalThis.encoreDev.db.customer_profiles.count(),
    rows: await globalThis.encoreDev.db.customers_crm_v.count(),
    jobs: (await globalThis.encoreDev.db.import_jobs.toArray()).map((job) => job.status),
  }));
  const peak = (from, to) =>
    Math.max(0, ...memory.filter((m) => m.at - t0 >= from && m.at - t0 <= to).map((m) => m.mb));
  console.log(`\nResumed import of ${N.toLocaleString()} rows finished`);
  console.log(`  summary: ${summary?.replace(/\s+/g, ' ').trim()}`);
  console.log(
    `  customers ${before.toLocaleString()} -> ${after.profiles.toLocaleString()} (list rows ${after.rows.toLocaleString()}); jobs: ${after.jobs.join(', ')}`,
  );
  console.log(`  wall time of this sitting ${(wallMs / 60_000).toFixed(1)} min`);
  console.log(
    `  renderer memory: at start ${(memory[0]?.mb ?? 0).toFixed(0)} MB, peak while reading ${peak(0, analysedMs).toFixed(0)} MB, peak while writing ${peak(analysedMs, wallMs).toFixed(0)} MB`,
  );
}
