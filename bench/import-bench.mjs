// Import benchmark (issue 3). N HubSpot-shaped rows (half of them matching customers already
// in the database) imported through the wizard in Chromium, into a database holding N
// customers: wall time from choosing the file to the summary, rows/s, the longest main-thread
// task (PerformanceObserver 'longtask') and the main thread's JS heap. Beside it, in the same
// run, the ceiling: papaparse parsing the same file plus plain Dexie bulk writes (no guard,
// projection or outbox) of the records the import writes.
//   node bench/import-bench.mjs                 (N=100000)
//   BENCH_ROWS=20000 node bench/import-bench.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const N = Number(process.env.BENCH_ROWS ?? 100_000);
const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'encore-import-bench-'));
const csvPath = join(dir, 'hubspot-bench.csv');

const FIRST = [
  'Ana',
  'Chloé',
  'Jonas',
  'Mia',
  'Łukasz',
  'Emma',
  'Mateo',
  'Sofia',
  'Hiroshi',
  'Leila',
];
const LAST = ['Costa', 'Okafor', 'Byrne', 'Murphy', 'Nowak', 'Tanaka', 'García', 'Jensen', 'Rossi'];
const STAGES = ['lead', 'subscriber', 'customer', 'opportunity'];

function hubspotCsv(existingEmails) {
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pick = (items) => items[Math.floor(rnd() * items.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const lines = [
    'Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Contact owner,Create Date,Marketing contact status,Date of birth,Company Name',
  ];
  for (let i = 0; i < N; i += 1) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email =
      i % 2 === 0 && existingEmails[i / 2] !== undefined
        ? existingEmails[i / 2]
        : `${first.toLowerCase().replace(/[^a-z]/g, 'x')}.${last.toLowerCase().replace(/[^a-z]/g, 'x')}${i}@bench.example`;
    const phone =
      i % 3 === 0
        ? `+44 20 7${digits(3)} ${digits(4)}`
        : `(212) ${2 + Math.floor(rnd() * 7)}${digits(2)}-${digits(4)}`;
    const dob = `19${50 + Math.floor(rnd() * 50)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
    const status = rnd() < 0.5 ? 'Marketing contact' : 'Non-marketing contact';
    lines.push(
      `${60000 + i},${first},${last},${email},${phone},${pick(STAGES)},,2025-03-05 10:36,${status},${dob},"Live, Nation"`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const preview = await startPreview();
const browser = await launchChromium();
try {
  const page = await openDevApp(browser, preview.url, '#/import');
  console.log(`Seeding ${N.toLocaleString()} customers through the real write path...`);
  const seedMs = await page.evaluate(async (count) => {
    const t0 = performance.now();
    await globalThis.encoreDev.crm.demo.seed(count, { chunkSize: 2000 });
    return performance.now() - t0;
  }, N);
  console.log(`  seeded in ${(seedMs / 1000).toFixed(1)} s`);
  const existing = await page.evaluate(
    async (half) => {
      const rows = await globalThis.encoreDev.db.customers_crm_v.limit(half).toArray();
      return rows.map((row) => row.primary_email).filter(Boolean);
    },
    Math.ceil(N / 2),
  );
  const csv = hubspotCsv(existing);
  writeFileSync(csvPath, csv);
  console.log(
    `File: ${N.toLocaleString()} rows, ${(csv.length / 1e6).toFixed(1)} MB, ${existing.length.toLocaleString()} matching existing emails`,
  );

  await page.reload();
  await page.waitForFunction(() => 'encoreDev' in globalThis);
  await page.evaluate(() => {
    globalThis.__longest = 0;
    globalThis.__peakHeap = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        globalThis.__longest = Math.max(globalThis.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    setInterval(() => {
      const heap = performance.memory?.usedJSHeapSize ?? 0;
      globalThis.__peakHeap = Math.max(globalThis.__peakHeap, heap);
    }, 100);
  });

  const t0 = Date.now();
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(csvPath);
  await page.getByRole('button', { name: 'Next: columns' }).click();
  await page.getByRole('button', { name: 'Next: check rows' }).click();
  await page.getByRole('heading', { name: 'Check rows' }).waitFor({ timeout: 600_000 });
  const analysedMs = Date.now() - t0;
  await page.getByRole('button', { name: 'Next: plan' }).click();
  const planned = await page.getByLabel('Plan counts', { exact: true }).textContent();
  await page.getByRole('button', { name: /^Import \d+ customers$/ }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 1_800_000 });
  const wallMs = Date.now() - t0;
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

  // The ceiling, in a page of the same origin without the app's CSP: papaparse over the same
  // text, then plain Dexie bulkAdd of the customers the import created (profile, email, phone)
  // and bulkPut of the ones it updated, into an empty database with the same schema.
  const context = await browser.newContext({ bypassCSP: true });
  const bare = await context.newPage();
  await bare.goto(`${preview.url}?bench-ceiling`);
  await bare.addScriptTag({ path: join(root, 'node_modules/papaparse/papaparse.min.js') });
  await bare.addScriptTag({ path: join(root, 'node_modules/dexie/dist/dexie.min.js') });
  const ceilingMs = await bare.evaluate(
    async (text) => {
      const t = performance.now();
      const rows = globalThis.Papa.parse(text, { skipEmptyLines: true }).data.slice(1);
      const db = new globalThis.Dexie(`ceiling-${Math.random()}`);
      db.version(1).stores({
        customer_profiles: 'id, updated_at, deleted, owner_id',
        customer_emails: 'id, customer_id, address_normalized',
        customer_phones: 'id, customer_id, e164',
      });
      const now = new Date().toISOString();
      const profiles = [];
      const emails = [];
      const phones = [];
      rows.forEach((row, i) => {
        const id = `c${i}`;
        const base = { created_at: now, updated_at: now, deleted: 0, customer_id: id };
        profiles.push({
          id,
          created_at: now,
          updated_at: now,
          deleted: 0,
          first_name: row[1],
          last_name: row[2],
          date_of_birth: row[9],
          notes: '',
          tags: [],
          lifecycle: 'lead',
          owner_id: null,
        });
        emails.push({
          ...base,
          id: `e${i}`,
          address: row[3],
          address_normalized: row[3].trim().toLowerCase(),
          label: 'Email',
          source: 'import',
          is_primary: 1,
        });
        phones.push({
          ...base,
          id: `p${i}`,
          e164: row[4],
          raw_input: row[4],
          type: 'other',
          label: 'Phone Number',
          source: 'import',
          is_primary: 1,
        });
      });
      for (let s = 0; s < profiles.length; s += 5000)
        await db.transaction(
          'rw',
          db.customer_profiles,
          db.customer_emails,
          db.customer_phones,
          async () => {
            await db.customer_emails.bulkAdd(emails.slice(s, s + 5000));
            await db.customer_phones.bulkAdd(phones.slice(s, s + 5000));
            await db.customer_profiles.bulkAdd(profiles.slice(s, s + 5000));
          },
        );
      const ms = performance.now() - t;
      await db.delete();
      return ms;
    },
    readFileSync(csvPath, 'utf8'),
  );

  console.log(`\nImport of ${N.toLocaleString()} rows into ${N.toLocaleString()} customers`);
  console.log(`  plan: ${planned?.replace(/\s+/g, ' ').trim()}`);
  console.log(`  written: ${created} created, ${updated} updated`);
  console.log(`  read + check (file chosen -> rows checked)   ${(analysedMs / 1000).toFixed(1)} s`);
  console.log(
    `  wall time (file chosen -> summary)           ${(wallMs / 1000).toFixed(1)} s   ${Math.round(N / (wallMs / 1000)).toLocaleString()} rows/s`,
  );
  console.log(
    `  ceiling (papaparse + plain Dexie bulk write) ${(ceilingMs / 1000).toFixed(1)} s   ${Math.round(N / (ceilingMs / 1000)).toLocaleString()} rows/s`,
  );
  console.log(
    `  ratio import / ceiling                       ${(wallMs / ceilingMs).toFixed(2)}x   (target <= 1.5x)`,
  );
  console.log(
    `  app write path alone (demo seed, N new)     ${(seedMs / 1000).toFixed(1)} s   ${Math.round(N / (seedMs / 1000)).toLocaleString()} rows/s   import / seed ${(wallMs / seedMs).toFixed(2)}x`,
  );
  console.log(
    `  longest main-thread task                     ${longest.toFixed(0)} ms   (target <= 200 ms)`,
  );
  console.log(
    `  peak JS heap, main thread                    ${(peakHeap / 1e6).toFixed(0)} MB (the worker's heap is not visible here)`,
  );
} finally {
  await browser.close();
  await preview.stop();
  rmSync(dir, { recursive: true, force: true });
}
