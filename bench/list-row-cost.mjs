// What a customer's list row costs to write as the database grows, by its search tokens.
// Raw IndexedDB puts (no Dexie, no middleware) of 1,000 copies of real list rows, with new
// keys, into the app's own customers_crm_v, in one transaction each, in a small database and
// in one holding many customers. Variants of the rows' search tokens: as the projection built
// them, without those that prefix another, without the phone's digit suffixes, none, and five
// tokens either random (spread over the index) or shared by every row (side by side).
// The rows it wrote are deleted again at the end. Nothing here is asserted: numbers to read.
//   BENCH_CUSTOMERS=100000 node bench/list-row-cost.mjs       (seeds a fresh profile first)
//   BENCH_KEEP=/tmp/encore-1m node bench/list-row-cost.mjs    (a kept import-bench profile)
import { join } from 'node:path';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const KEEP = process.env.BENCH_KEEP ?? null;
const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

/** In the page: ms for 1,000 raw puts of `rows` into customers_crm_v, one transaction. */
async function measure(page, label, variant) {
  return page.evaluate(
    async ({ variant, label }) => {
      const db = await new Promise((ok, ko) => {
        const request = indexedDB.open('encore-crm');
        request.onsuccess = () => ok(request.result);
        request.onerror = () => ko(request.error);
      });
      const sample = globalThis.__sample;
      const digits = /^\d+$/;
      const tokensOf = {
        'as built': (tokens) => tokens,
        'without prefixes': (tokens) =>
          tokens.filter((token) => !tokens.some((o) => o !== token && o.startsWith(token))),
        'no phone suffixes': (tokens) =>
          tokens.filter((token) => !digits.test(token) || token.length >= 10),
        none: () => [],
        'five random': () => Array.from({ length: 5 }, () => crypto.randomUUID().slice(0, 12)),
        'five shared': () => ['zzshared1', 'zzshared2', 'zzshared3', 'zzshared4', 'zzshared5'],
      }[variant];
      const rows = sample.map((row) => ({
        ...row,
        customer_id: `zz-bench-${crypto.randomUUID()}`,
        search_tokens: tokensOf(row.search_tokens),
      }));
      const started = performance.now();
      const tx = db.transaction(['customers_crm_v'], 'readwrite');
      for (const row of rows) tx.objectStore('customers_crm_v').put(row);
      await new Promise((ok, ko) => {
        tx.oncomplete = ok;
        tx.onerror = () => ko(tx.error);
      });
      db.close();
      const tokens = rows.reduce((sum, row) => sum + row.search_tokens.length, 0) / rows.length;
      return { label, ms: performance.now() - started, tokens };
    },
    { variant, label },
  );
}

async function run(page, where) {
  const customers = await page.evaluate(async () => {
    // Real rows from the middle of the database: their tokens as the projection built them.
    const db = globalThis.encoreDev.db;
    const count = await db.customers_crm_v.count();
    globalThis.__sample = await db.customers_crm_v
      .offset(Math.floor(count / 2))
      .limit(1000)
      .toArray();
    return count;
  });
  console.log(`\n${where}: ${customers.toLocaleString()} customers`);
  const variants = [
    'as built',
    'without prefixes',
    'no phone suffixes',
    'none',
    'five random',
    'five shared',
  ];
  for (let round = 0; round < ROUNDS; round += 1)
    for (const variant of variants) {
      const { ms, tokens } = await measure(page, variant, variant);
      console.log(
        `  round ${round + 1}: 1,000 list rows, ${variant.padEnd(18)} (${tokens.toFixed(1)} tokens/row)  ${ms.toFixed(0).padStart(6)} ms`,
      );
    }
}

/** The rows this bench wrote: a kept database must not keep list rows without a customer. */
async function removeBenchRows(page) {
  await page.evaluate(async () => {
    const db = globalThis.encoreDev.db;
    await db.customers_crm_v.where('customer_id').startsWith('zz-bench-').delete();
  });
}

const preview = await startPreview({ port: KEEP ? Number(process.env.BENCH_PORT ?? 41731) : 0 });
const browser = await launchChromium({ keptProfile: KEEP ? join(KEEP, 'profile') : null });
let page = null;
try {
  page = await openDevApp(browser, preview.url, '#/settings');
  if (!KEEP) {
    await page.evaluate(() => globalThis.encoreDev.crm.demo.seed(1000, { chunkSize: 1000 }));
    await run(page, 'Small database');
    await removeBenchRows(page);
    console.log(`\nSeeding to ${N.toLocaleString()} customers through the real write path...`);
    await page.evaluate(
      (count) => globalThis.encoreDev.crm.demo.seed(count, { chunkSize: 2000 }),
      N - 1000,
    );
  }
  await run(page, KEEP ? `Kept database (${KEEP})` : 'Large database');
} finally {
  if (page) await removeBenchRows(page);
  await browser.close();
  await preview.stop();
}
