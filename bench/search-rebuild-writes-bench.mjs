// A write's wait while the search index rebuilds (docs/search.md, "Writes during the index
// rebuild"), in real Chromium through the web preview with ?dev, on a copy of a seeded profile:
//   SEEDED=/work/seed-reports8/pristine npm run -s bench:search-rebuild-writes
// (SEEDED_PORT: the seed's origin port, 47391 for bench:reports' seeds.) The search snapshot
// database is deleted before the app opens, so the search worker rebuilds its index from the
// list rows. While it rebuilds, a read-write transaction over the customers' list rows (and the
// team, as bench:reports' step 8; it writes a team member back as it was) is timed every 0.1 s;
// Shift is pressed every 0.5 s so the reports never build at rest meanwhile (that read is
// measured by bench:reports). Then, search ready, the same write 40 times: after the rebuild
// (the duplicates badge's scan starts then: its reads show here too).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, percentile, startPreview } from './lib.mjs';

const SEEDED = process.env.SEEDED;
if (!SEEDED) throw new Error('SEEDED=<a seeded Chromium profile> (bench:reports seeds one)');
const PORT = Number(process.env.SEEDED_PORT ?? 47_391);
const LIMIT_MS = Number(process.env.LIMIT_S ?? 600) * 1000;
const AFTER = Number(process.env.AFTER_WRITES ?? 40);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const timedWrite = (page) =>
  page.evaluate(async () => {
    const { db } = window.encoreDev;
    window.__member ??= await db.team_members.toCollection().first();
    const started = performance.now();
    await db.transaction('rw', [db.customers_crm_v, db.team_members], () =>
      db.team_members.put(window.__member),
    );
    return performance.now() - started;
  });

const diagnostics = (page) => page.evaluate(() => window.encoreDev.search.diagnostics());

const summary = (values) => {
  if (values.length === 0) return 'none';
  const sorted = [...values].sort((a, b) => a - b);
  return (
    `longest ${sorted.at(-1).toFixed(0)} ms, median ${percentile(sorted, 50).toFixed(1)} ms, ` +
    `p90 ${percentile(sorted, 90).toFixed(0)} ms, over 1 s ${sorted.filter((v) => v > 1000).length} ` +
    `(${values.length} writes)`
  );
};

const dir = mkdtempSync(join(tmpdir(), 'encore-search-rebuild-'));
cpSync(SEEDED, dir, { recursive: true });
const { url, stop } = await startPreview({ port: PORT });
const browser = await launchChromium({ keptProfile: dir });
try {
  console.log(`load before: ${load()}`);
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  // A blank page of the app's origin: the snapshot database deleted before the app opens.
  await context.route(`${url}__blank`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }),
  );
  const page = await context.newPage();
  await page.goto(`${url}__blank`);
  const deleted = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const request = indexedDB.deleteDatabase('encore-crm-search');
        request.onsuccess = () => resolve('deleted');
        request.onerror = () => resolve(`error ${request.error}`);
        request.onblocked = () => resolve('blocked');
      }),
  );
  console.log(`search snapshot database: ${deleted}`);
  const opened = Date.now();
  await page.goto(`${url}?dev=1#/settings`);
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  const during = [];
  let state = (await diagnostics(page)).state;
  let lastShift = 0;
  let rebuilt = 0;
  while (state !== 'ready' && Date.now() - opened < LIMIT_MS) {
    during.push(await timedWrite(page));
    if (Date.now() - lastShift > 500) {
      await page.keyboard.press('Shift');
      lastShift = Date.now();
    }
    await page.waitForTimeout(100);
    const d = await diagnostics(page);
    state = d.state;
    rebuilt = d.rebuilt;
  }
  const readyAt = Date.now() - opened;
  const d = await diagnostics(page);
  console.log(
    `search ${state} ${(readyAt / 1000).toFixed(1)} s after open (rows read ${rebuilt}); ` +
      `lastStart ${JSON.stringify(d.lastStart && { kind: d.lastStart.kind, reason: d.lastStart.reason, ms: Math.round(d.lastStart.ms) })}`,
  );
  console.log(`lastRebuild ${JSON.stringify(d.lastRebuild ?? null)}`);
  console.log(`load at ready: ${load()}`);
  console.log(`writes during the rebuild: ${summary(during)}`);
  const after = [];
  for (let i = 0; i < AFTER; i += 1) {
    after.push(await timedWrite(page));
    if (Date.now() - lastShift > 500) {
      await page.keyboard.press('Shift');
      lastShift = Date.now();
    }
    await page.waitForTimeout(100);
  }
  console.log(`writes after ready (duplicates scan may run): ${summary(after)}`);
  console.log(`load after: ${load()}`);
} finally {
  await browser.close();
  await stop();
  rmSync(dir, { recursive: true, force: true });
}
