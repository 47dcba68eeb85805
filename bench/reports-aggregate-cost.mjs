// What figures maintained at write time would cost each write (docs/reports.md, "The first
// visit ever"): in real Chromium IndexedDB, N single-row write transactions (a touchpoint,
// as the app writes one with its list row) alone, then with the journal entry the reports
// add today, then with aggregates kept in the same transaction (read-modify-write of the
// cells one touchpoint moves: its week x kind count, its customer's month, the owner's
// week). Median and p95 per transaction, alternating the variants so load swings hit all.
//   node bench/reports-aggregate-cost.mjs   (N=400 by default)
import { createServer } from 'node:http';
import { launchChromium } from './lib.mjs';

const N = Number(process.env.N ?? 400);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><title>idb</title>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await launchChromium();
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(url);
const result = await page.evaluate(async (N) => {
  const open = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open('agg-bench', 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore('touchpoints', { keyPath: 'id' });
        db.createObjectStore('list_rows', { keyPath: 'id' });
        db.createObjectStore('journal', { autoIncrement: true });
        db.createObjectStore('aggregates', { keyPath: 'key' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const db = await open();
  const done = (tx) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  const get = (store, key) =>
    new Promise((resolve) => {
      const r = store.get(key);
      r.onsuccess = () => resolve(r.result);
    });
  const kinds = ['call', 'email', 'meeting', 'note'];
  async function write(i, variant) {
    const stores = ['touchpoints', 'list_rows'];
    if (variant !== 'plain') stores.push('journal');
    if (variant === 'aggregates') stores.push('aggregates');
    const tx = db.transaction(stores, 'readwrite');
    const id = crypto.randomUUID();
    const customer = `c-${i % 5000}`;
    const at = new Date(Date.now() - (i % 600) * 86_400_000).toISOString();
    const kind = kinds[i % kinds.length];
    tx.objectStore('touchpoints').put({
      id,
      customer_id: customer,
      kind,
      occurred_at: at,
      value: 0,
      summary: '',
    });
    tx.objectStore('list_rows').put({
      id: customer,
      last_touch_at: at,
      engagement_log: i / 7,
      display_name: customer,
    });
    if (variant !== 'plain') {
      tx.objectStore('journal').put({ table: 'touchpoints', keys: [id] });
      tx.objectStore('journal').put({ table: 'list_rows', keys: [customer] });
    }
    if (variant === 'aggregates') {
      const agg = tx.objectStore('aggregates');
      const week = Math.floor(Date.parse(at) / (7 * 86_400_000));
      const keys = [
        `touch:${week}:${kind}`,
        `cust-month:${customer}:${at.slice(0, 7)}`,
        `owner-week:o${i % 12}:${week}`,
      ];
      const cells = await Promise.all(keys.map((key) => get(agg, key)));
      keys.forEach((key, k) => agg.put({ key, n: (cells[k]?.n ?? 0) + 1 }));
    }
    await done(tx);
  }
  const variants = ['plain', 'journal', 'aggregates'];
  const times = Object.fromEntries(variants.map((v) => [v, []]));
  for (let i = 0; i < 30; i += 1) await write(i, variants[i % 3]);
  for (let i = 0; i < N * 3; i += 1) {
    const variant = variants[i % 3];
    const t = performance.now();
    await write(i, variant);
    times[variant].push(performance.now() - t);
  }
  const stat = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { median: sorted[sorted.length >> 1], p95: sorted[Math.floor(sorted.length * 0.95)] };
  };
  return Object.fromEntries(variants.map((v) => [v, stat(times[v])]));
}, N);
for (const [variant, { median, p95 }] of Object.entries(result))
  console.log(
    `${variant.padEnd(11)} median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms per write transaction`,
  );
await browser.close();
server.close();
