// A write's wait while the duplicates badge's first scan reads (docs/duplicates.md, "Writes
// during the first scan"), in real Chromium through the web preview with ?dev, on a copy of a
// seeded profile (never the seed itself):
//   SEEDED=/work/seed-reports8/pristine npm run -s bench:duplicates-scan-writes
// (SEEDED_PORT: the seed's origin port, 47391 for bench:reports' seeds.) The app opens on
// Settings; once search is ready the duplicates badge starts the scan (the bench asks for it
// too, in case the badge has not). While it scans, a read-write transaction over the customers'
// profiles, emails and phones (and the team: it writes a team member back as it was, so nothing
// changes) is timed every 0.1 s. Then, the scan over, the same write AFTER_WRITES times alone:
// the ratio of the two is the scan's cost to a write. Shift is pressed every 0.5 s so the
// reports never build at rest meanwhile.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, percentile, startPreview } from './lib.mjs';

const SEEDED = process.env.SEEDED;
if (!SEEDED) throw new Error('SEEDED=<a seeded Chromium profile> (bench:reports seeds one)');
const PORT = Number(process.env.SEEDED_PORT ?? 47_391);
const LIMIT_MS = Number(process.env.LIMIT_S ?? 900) * 1000;
const AFTER = Number(process.env.AFTER_WRITES ?? 60);

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const timedWrite = (page) =>
  page.evaluate(async () => {
    const { db } = window.encoreDev;
    window.__member ??= await db.team_members.toCollection().first();
    const started = performance.now();
    await db.transaction(
      'rw',
      [db.customer_profiles, db.customer_emails, db.customer_phones, db.team_members],
      () => db.team_members.put(window.__member),
    );
    return performance.now() - started;
  });

const sorted = (values) => [...values].sort((a, b) => a - b);
const summary = (values) => {
  if (values.length === 0) return 'none';
  const s = sorted(values);
  return (
    `longest ${s.at(-1).toFixed(0)} ms, median ${percentile(s, 50).toFixed(1)} ms, ` +
    `p90 ${percentile(s, 90).toFixed(0)} ms, over 1 s ${s.filter((v) => v > 1000).length} ` +
    `(${values.length} writes)`
  );
};

const dir = mkdtempSync(join(tmpdir(), 'encore-duplicates-scan-'));
cpSync(SEEDED, dir, { recursive: true });
const { url, stop } = await startPreview({ port: PORT });
const browser = await launchChromium({ keptProfile: dir });
try {
  console.log(`load before: ${load()}`);
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
  const page = await context.newPage();
  const opened = Date.now();
  await page.goto(`${url}?dev=1#/settings`);
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  await page.evaluate(() => window.encoreDev.search.whenReady());
  console.log(`search ready ${((Date.now() - opened) / 1000).toFixed(1)} s after open`);
  await page.evaluate(() => window.encoreDev.duplicates.start());
  const scanFrom = Date.now();
  const during = [];
  let lastShift = 0;
  let state = 'scanning';
  while (state === 'scanning' && Date.now() - scanFrom < LIMIT_MS) {
    during.push(await timedWrite(page));
    if (Date.now() - lastShift > 500) {
      await page.keyboard.press('Shift');
      lastShift = Date.now();
    }
    await page.waitForTimeout(100);
    state = await page.evaluate(() => window.encoreDev.duplicates.state());
  }
  const scanMs = Date.now() - scanFrom;
  console.log(`duplicates scan ${state} ${(scanMs / 1000).toFixed(1)} s after asked`);
  const scan = await page.evaluate(() =>
    Promise.resolve(window.encoreDev.duplicates.lastScan?.()).catch(() => null),
  );
  console.log(`lastScan ${JSON.stringify(scan)}`);
  console.log(`load at scan end: ${load()}`);
  const after = [];
  for (let i = 0; i < AFTER; i += 1) {
    after.push(await timedWrite(page));
    if (Date.now() - lastShift > 500) {
      await page.keyboard.press('Shift');
      lastShift = Date.now();
    }
    await page.waitForTimeout(100);
  }
  console.log(`writes during the scan: ${summary(during)}`);
  console.log(`writes alone (after):   ${summary(after)}`);
  if (during.length > 0 && after.length > 0) {
    const [d, a] = [sorted(during), sorted(after)];
    const ratio = (p) => (percentile(d, p) / Math.max(percentile(a, p), 0.01)).toFixed(1);
    console.log(
      `ratios during/alone: median ${ratio(50)}x, p90 ${ratio(90)}x, ` +
        `longest ${(d.at(-1) / Math.max(a.at(-1), 0.01)).toFixed(1)}x`,
    );
  }
  console.log(`load after: ${load()}`);
} finally {
  await browser.close();
  await stop();
  rmSync(dir, { recursive: true, force: true });
}
