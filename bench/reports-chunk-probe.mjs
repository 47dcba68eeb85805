// Why a chunked first read costs more per row than the same rows read whole (docs/reports.md,
// "A million customers (seventeenth session)"): one seeded profile, each way of reading the
// same table timed in turn, in the window and in a worker.
//   SEEDED=<copy of a seeded profile> [SEEDED_PORT=…] [TABLES=a,b] node bench/reports-chunk-probe.mjs
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';

const SEEDED = process.env.SEEDED;
if (!SEEDED) throw new Error('SEEDED=<a copy of a seeded profile>');
const PORT = Number(process.env.SEEDED_PORT ?? 47_391);
const TABLES = (
  process.env.TABLES ?? 'event_deals,deal_status_history,deal_participants,team_members'
).split(',');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const copy = mkdtempSync(join(tmpdir(), 'encore-chunk-probe-'));
cpSync(SEEDED, copy, { recursive: true });

/** Runs in a worker (where the engine reads): ways of reading a set of tables, timed. */
const probeSource = `
async function probe(dbName, tables, variant) {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(dbName);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const req = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const keyPathOf = (t) => db.transaction(t, 'readonly').objectStore(t).keyPath;
  /** One table in chunks, each its own transaction; adaptive as the engine (500 first, 50 ms aim, cap). */
  const chunked = async (t, cap, adaptive) => {
    const keyPath = keyPathOf(t);
    let size = adaptive ? Math.min(500, cap) : cap, after = null, n = 0, chunks = 0;
    for (;;) {
      const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
      const started = performance.now();
      const rows = await req(db.transaction(t, 'readonly').objectStore(t).getAll(range, size));
      const ms = performance.now() - started;
      n += rows.length; chunks += 1;
      if (rows.length < size) return { n, chunks };
      after = rows[rows.length - 1][keyPath];
      if (adaptive) size = Math.max(50, Math.min(cap, size * 2, Math.round((rows.length * 50) / Math.max(ms, 1))));
    }
  };
  const t0 = performance.now();
  let n = 0, chunks = 0;
  if (variant === 'whole, one transaction, tables at once') {
    const tx = db.transaction(tables, 'readonly');
    const parts = await Promise.all(tables.map((t) => req(tx.objectStore(t).getAll())));
    n = parts.reduce((a, p) => a + p.length, 0); chunks = 1;
  } else if (variant === 'whole, a transaction per table, in turn') {
    for (const t of tables) { n += (await req(db.transaction(t, 'readonly').objectStore(t).getAll())).length; chunks += 1; }
  } else {
    const [, cap, how] = variant.match(/^chunks of (\\d+) (.*)$/);
    const adaptive = how.includes('adaptive');
    const parts = how.includes('at once')
      ? await Promise.all(tables.map((t) => chunked(t, Number(cap), adaptive)))
      : await (async () => { const out = []; for (const t of tables) out.push(await chunked(t, Number(cap), adaptive)); return out; })();
    for (const p of parts) { n += p.n; chunks += p.chunks; }
  }
  db.close();
  return { ms: Math.round(performance.now() - t0), rows: n, chunks };
}
`;
const VARIANTS = (
  process.env.VARIANTS ??
  'whole, one transaction, tables at once;whole, a transaction per table, in turn;chunks of 2000 adaptive, in turn;chunks of 2000 adaptive, tables at once;chunks of 2000 fixed, in turn;chunks of 10000 fixed, in turn;chunks of 10000 adaptive, tables at once'
).split(';');

const { url, stop } = await startPreview({ port: PORT });
const browser = await launchChromium({ keptProfile: copy });
try {
  const page = await openDevApp(browser, url, '#/settings');
  // A user at work: the app never rests, so no build at rest runs beside the probe.
  let live = true;
  const busy = (async () => {
    while (live) {
      await page.keyboard.press('Shift').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const dbName = await page.evaluate(() => window.encoreDev.db.name);
  const results = new Map(VARIANTS.map((v) => [v, []]));
  for (let round = 0; round < ROUNDS; round += 1)
    for (const variant of round % 2 ? [...VARIANTS].reverse() : VARIANTS) {
      const result = await page.evaluate(
        async ({ src, dbName, tables, variant }) => {
          if (variant.startsWith('window')) {
            // The engine's own path (Dexie, the app's middlewares), on this thread.
            const db = variant.includes('app')
              ? window.encoreDev.db
              : new window.encoreDev.libs.Dexie(dbName);
            if (!db.isOpen()) await db.open();
            const t0 = performance.now();
            let n = 0,
              chunks = 0;
            if (variant.includes('whole')) {
              const ts = tables.map((t) => db.table(t));
              const parts = await db.transaction('r', ts, () =>
                Promise.all(ts.map((t) => t.toArray())),
              );
              n = parts.reduce((a, p) => a + p.length, 0);
              chunks = 1;
            } else
              for (const name of tables) {
                const table = db.table(name);
                const key = table.schema.primKey.keyPath;
                let after = null;
                for (;;) {
                  const rows = await db.transaction('r', table, () =>
                    (after === null ? table.orderBy(':id') : table.where(':id').above(after))
                      .limit(2000)
                      .toArray(),
                  );
                  n += rows.length;
                  chunks += 1;
                  if (rows.length < 2000) break;
                  after = rows[rows.length - 1][key];
                }
              }
            if (!variant.includes('app')) db.close();
            return { ms: Math.round(performance.now() - t0), rows: n, chunks };
          }
          if (variant.startsWith('engine')) {
            // The engine's own functions (report-source-tables.ts), as the worker calls them.
            const { db, libs } = window.encoreDev;
            const names = {
              event_deals: 'deals',
              deal_status_history: 'history',
              deal_participants: 'participants',
              team_members: 'members',
              customers_crm_v: 'customers',
              crm_tasks: 'tasks',
              crm_task_assignments: 'assignments',
            };
            const sources = tables.map((t) => names[t]);
            const t0 = performance.now();
            let n = 0,
              chunks = 0;
            if (variant.includes('whole')) {
              const parts = await db.transaction(
                'r',
                tables.map((t) => db.table(t)),
                () => Promise.all(sources.map((s) => libs.readWholeSource(db, s))),
              );
              n = parts.reduce((a, p) => a + p.length, 0);
              chunks = 1;
            } else {
              const m = variant.match(/rows (\d+) ms (\d+)/);
              const plan = { rows: Number(m[1]), targetMs: Number(m[2]) || undefined };
              const read = (s) => libs.readSourceInChunks(db, s, plan);
              const parts = variant.includes('at once')
                ? await Promise.all(sources.map(read))
                : await (async () => {
                    const out = [];
                    for (const s of sources) out.push(await read(s));
                    return out;
                  })();
              for (const p of parts) {
                n += p.rows.length;
                chunks += p.chunks;
              }
            }
            return { ms: Math.round(performance.now() - t0), rows: n, chunks };
          }
          if (variant.startsWith('main')) {
            const probe = new Function(`${src}; return probe;`)();
            return probe(dbName, tables, variant.slice(5));
          }
          // BUSY=1: the window renders meanwhile (80 ms tasks, 20 ms apart), as on a visit.
          let busy = null;
          if (variant.endsWith(' busy')) {
            variant = variant.slice(0, -5);
            busy = setInterval(() => {
              const until = performance.now() + 80;
              while (performance.now() < until);
            }, 20);
          }
          const blob = new Blob([
            `${src}; onmessage = async (e) => postMessage(await probe(...e.data));`,
          ]);
          const worker = new Worker(URL.createObjectURL(blob));
          const out = await new Promise((resolve) => {
            worker.onmessage = (e) => resolve(e.data);
            worker.postMessage([dbName, tables, variant]);
          });
          worker.terminate();
          if (busy) clearInterval(busy);
          return out;
        },
        { src: probeSource, dbName, tables: TABLES, variant },
      );
      results.get(variant).push(result);
      console.log(
        `round ${round + 1} ${variant.padEnd(44)} ${String(result.ms).padStart(6)} ms  ${result.rows} rows  ${result.chunks} transactions`,
      );
    }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(results.get(VARIANTS[0]).map((r) => r.ms));
  console.log(`medians over ${ROUNDS} rounds (${TABLES.join(', ')}):`);
  for (const [variant, rs] of results) {
    const m = median(rs.map((r) => r.ms));
    console.log(`  ${variant.padEnd(44)} ${String(m).padStart(6)} ms  ${(m / base).toFixed(2)}x`);
  }
  live = false;
  await busy;
} finally {
  await browser.close();
  await stop();
  rmSync(copy, { recursive: true, force: true });
}
