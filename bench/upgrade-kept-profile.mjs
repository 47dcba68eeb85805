// Opens a kept Chromium profile (a bench's seed, e.g. SEEDED of bench:reports) with the app as
// built now, so Dexie upgrades its database once and the bench's copies start at the current
// schema (otherwise every measured copy pays the upgrade inside its first timings).
//   PROFILE_DIR=/tmp/reports14-seed-v11 PORT=47391 node bench/upgrade-kept-profile.mjs
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const dir = process.env.PROFILE_DIR;
if (!dir) throw new Error('PROFILE_DIR is required');
const port = Number(process.env.PORT ?? 47_391);
const { url, stop } = await startPreview({ port });
const browser = await launchChromium({ keptProfile: dir });
try {
  const page = await openDevApp(browser, url, '#/settings');
  const started = Date.now();
  const version = await page.evaluate(async () => {
    const { db } = globalThis.encoreDev;
    await db.open();
    return db.verno;
  });
  console.log(`${dir}: database at version ${version} (${Date.now() - started} ms)`);
  // Let the writes of the upgrade settle before the profile is closed and copied.
  await page.waitForTimeout(20_000);
} finally {
  await browser.close();
  await stop();
}
