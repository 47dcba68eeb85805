// The reports journal's cost on the write path (docs/reports.md, "The snapshot"): an import
// chunk of 1,000 customers (profiles, emails, phones, touchpoints, list rows: one transaction,
// as the importer writes it; crm.demo.seed) written with the journal started and dormant,
// alternately (A B B A ...), in Chromium. Prints the medians, their ratio, and the entries a
// journaled chunk adds. CHUNKS=… pairs (default 6), CHUNK=… customers per chunk.
import { fmt, launchChromium, openDevApp, percentile, startPreview } from './lib.mjs';

const CHUNKS = Number(process.env.CHUNKS ?? 6);
const CHUNK = Number(process.env.CHUNK ?? 1000);

const { url, stop } = await startPreview();
const browser = await launchChromium();
try {
  const page = await openDevApp(browser, url, '#/settings');
  const result = await page.evaluate(
    async ({ CHUNKS, CHUNK }) => {
      const { db, crm } = window.encoreDev;
      const meta = {
        seq: 0,
        table: '',
        keys: [],
        generation: crypto.randomUUID(),
        trimmed_through: 0,
      };
      const setJournal = (on) => (on ? db.reports_journal.put(meta) : db.reports_journal.delete(0));
      // Warm up: code, the team, the first pages of the stores.
      await crm.demo.seed(CHUNK, { chunkSize: CHUNK });
      const times = { on: [], off: [] };
      let entries = 0;
      let keys = 0;
      for (let i = 0; i < CHUNKS * 2; i += 1) {
        const on = [0, 3].includes(i % 4);
        await setJournal(on);
        const before = await db.reports_journal.count();
        const started = performance.now();
        await crm.demo.seed(CHUNK, { chunkSize: CHUNK });
        (on ? times.on : times.off).push(performance.now() - started);
        if (on) {
          const added = await db.reports_journal.where(':id').above(0).toArray();
          entries += (await db.reports_journal.count()) - before;
          keys += added.reduce((n, entry) => n + (entry.keys?.length ?? 0), 0);
          await db.reports_journal.where(':id').above(0).delete();
        }
      }
      return { times, entries: entries / CHUNKS, keys: keys / CHUNKS };
    },
    { CHUNKS, CHUNK },
  );
  const on = percentile(result.times.on, 50);
  const off = percentile(result.times.off, 50);
  console.log(`chunk of ${CHUNK} customers, ${CHUNKS} each way (median):`);
  console.log(
    `  journal dormant  ${fmt(off)}   (${result.times.off.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  journal started  ${fmt(on)}   (${result.times.on.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(`  extra cost       ${fmt(on - off)} (${(((on - off) / off) * 100).toFixed(1)} %)`);
  console.log(`  entries per chunk ${result.entries}, keys per chunk ${result.keys}`);
} finally {
  await browser.close();
  await stop();
}
