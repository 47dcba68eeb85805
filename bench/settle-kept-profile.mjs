// Opens a kept Chromium profile (a bench's seed, e.g. SEEDED of bench:reports or the search
// bench's --profile) with the app as built now and waits until its one-time background work
// is done (the fill of older list rows' origins), so a bench's copies measure the app at rest
// and not that fill.
//   PROFILE_DIR=/tmp/reports14-seed PORT=47391 node bench/settle-kept-profile.mjs
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const dir = process.env.PROFILE_DIR;
if (!dir) throw new Error('PROFILE_DIR is required');
const port = Number(process.env.PORT ?? 47_391);
const { url, stop } = await startPreview({ port });
const browser = await launchChromium({ keptProfile: dir });
try {
  const page = await openDevApp(browser, url, '#/customers');
  const started = Date.now();
  // Polled from Node: waitForFunction takes a returned promise as a truthy answer.
  const filled = () =>
    page.evaluate(
      async () =>
        (await globalThis.encoreDev.db.app_settings.get('list_origins_filled'))?.value === true,
    );
  while (!(await filled())) {
    if (Date.now() - started > 15 * 60_000) throw new Error('origins not filled in 15 minutes');
    await page.waitForTimeout(1_000);
  }
  const rows = await page.evaluate(() => globalThis.encoreDev.db.customers_crm_v.count());
  console.log(`${dir}: origins of ${rows} list rows filled, ${Date.now() - started} ms after open`);
  // Let the last writes settle before the profile is closed and copied.
  await page.waitForTimeout(5_000);
} finally {
  await browser.close();
  await stop();
}
