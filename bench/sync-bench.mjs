// Sync benchmark: push throughput against the server (PGlite, or PostgreSQL with
// DATABASE_URL) beside a plain bulk INSERT of the same rows (the ceiling), then the first
// sync of the whole workspace into an empty client in real Chromium beside downloading the
// same pages without applying them (the ceiling).
//   npm run bench:sync                 (= node --import tsx bench/sync-bench.mjs)
//   SYNC_BENCH_N=20000 npm run bench:sync
//   DATABASE_URL=postgres://… SYNC_BENCH_SERVER_ONLY=1 npm run bench:sync
//   SYNC_BENCH_PROFILE=/tmp/first-sync.cpuprofile   (the first sync's main-thread CPU profile)
//   SYNC_BENCH_ROUTE='#/customers'                   (the page open during the first sync)
//   SYNC_BENCH_COUNT=1      (counts the page's IndexedDB requests during the first sync, per row)
//   SYNC_BENCH_BATCH=250    (changes per push, at most the protocol's 500, which the app sends)
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from '../server/src/app.ts';
import { createToken, createWorkspace, hashToken } from '../server/src/auth.ts';
import { pgliteDatabase, postgresDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import { writePushInOneStatement } from '../server/src/push-write.ts';
import { PUSH_TRACE_ENABLED, summarizePushTrace, tracedPushes } from '../server/src/push-trace.ts';
import { readPush } from '../server/src/sync-store.ts';
import { PUSHES_IN_FLIGHT } from '../src/renderer/src/sync/push.ts';
import { SYNC_LIMITS } from '../src/shared/sync/protocol.ts';
import { launchChromium, openDevApp, startPreview } from './lib.mjs';
import { benchBatches } from './sync-bench-changes.mjs';

const N = Number(process.env.SYNC_BENCH_N ?? 100_000);
const url = process.env.DATABASE_URL;
const db = url ? postgresDatabase(url) : await pgliteDatabase();
const engine = url ? 'PostgreSQL' : 'PGlite';
await migrate(db);
const workspaceId = await createWorkspace(db, `bench ${Date.now()}`);
const { token } = await createToken(db, workspaceId, 'bench');
const app = createApp(db, { log: (line) => console.error(line), logLevel: 'warn' });

const batchSize = Number(process.env.SYNC_BENCH_BATCH ?? SYNC_LIMITS.maxBatch);
const all = benchBatches(N, batchSize);
const total = all.reduce((sum, batch) => sum + batch.length, 0);

// The four measurements are interleaved batch by batch (a push, then the same rows as a
// plain INSERT, as stored, and by the push's statement alone): on a shared machine the load
// swings by the second, and
// interleaving gives each the same share of it, and the same cold start, so their ratio is
// fair. Each sums only its own statements' time.
//
// 1. Push through the HTTP handler (JSON, zod, auth, merge, version, log, progress).
// 2. Ceiling: the same rows, same batches, one plain INSERT each into a bare table
//    (id text PRIMARY KEY, data jsonb): the bulk INSERT ceiling.
// 3. Storage ceiling: the same rows as the product tables keep them (data, the row's clock,
//    their indexes, under the workspace's key), one plain INSERT per table per batch under
//    another workspace: what any push costs before merging, validating or recording anything.
// 4. Statement ceiling: the push's own one statement (server/src/push-write.ts: token, client
//    progress, version, rows, digests) for the same batch under a third workspace, its SQL
//    timed alone (the batch read, checked and digested before the clock starts): the best a
//    push can do with the SQL it runs, so push / statement is what the JavaScript and HTTP
//    around it cost.
await db.exec(
  'DROP TABLE IF EXISTS bench_plain; CREATE TABLE bench_plain (id text PRIMARY KEY, data jsonb)',
);
const storageWorkspace = await createWorkspace(db, `bench storage ${Date.now()}`);
const [{ key: storageKey }] = await db.query('SELECT key FROM workspaces WHERE id = $1', [
  storageWorkspace,
]);
const statementWorkspace = await createWorkspace(db, `bench statement ${Date.now()}`);
const statementToken = hashToken((await createToken(db, statementWorkspace, 'bench')).token);
await db.query(
  'INSERT INTO sync_clients (workspace_id, client_id, token_hash) VALUES ($1, $2, $3)',
  [statementWorkspace, 'bench-statement', statementToken],
);
// Two more, for the pushes in flight the app keeps (push.ts, PUSHES_IN_FLIGHT):
// 5. The same pushes one at a time (the app before), under a fourth workspace.
// 6. The ceiling with as many INSERTs in flight, each on a connection of its own where the
//    engine has more than one (PostgreSQL's pool; PGlite has one, so they queue), into a
//    second bare table.
// The batches go in segments of SYNC_BENCH_SEGMENT (default 8): each segment is pushed with
// the window the app keeps (the next batch sent when the oldest is answered), then the same
// batches by each of the others, so the interleaving still shares the load's swings.
await db.exec(
  'DROP TABLE IF EXISTS bench_plain_2; CREATE TABLE bench_plain_2 (id text PRIMARY KEY, data jsonb)',
);
const serialWorkspace = await createWorkspace(db, `bench serial ${Date.now()}`);
const serialToken = (await createToken(db, serialWorkspace, 'bench')).token;
const segment = Number(process.env.SYNC_BENCH_SEGMENT ?? 8);
// SYNC_BENCH_IN_FLIGHT=1 pushes both one at a time (a check of the bench: their ratio ~1).
const inFlight = Number(process.env.SYNC_BENCH_IN_FLIGHT ?? PUSHES_IN_FLIGHT);
let pushMs = 0;
let serialMs = 0;
let insertMs = 0;
let insert2Ms = 0;
let storageMs = 0;
let statementMs = 0;
const timedStatement = {
  async query(text, params, options) {
    const began = performance.now();
    try {
      return await db.query(text, params, options);
    } finally {
      statementMs += performance.now() - began;
    }
  },
};

// SYNC_PUSH_TRACE=1: each push's phases (server/src/push-trace.ts), with the bench's own
// marks (body built from, answer received), summarized per mode at the end.
const clientMarks = new Map();

/** One push through the HTTP handler; throws unless 200 (a gap would show here). */
async function pushBatch(bearer, clientId, firstSeq, batch, mode) {
  const clientStart = PUSH_TRACE_ENABLED ? performance.now() : 0;
  // The body as the app's client sends it over HTTP: JSON, encoded to UTF-8 once, with its
  // length (fetch does both for a string body; without the length the body-limit middleware
  // reads and copies the whole body to count it, which no real request pays).
  const body = Buffer.from(
    JSON.stringify({ client_id: clientId, first_seq: firstSeq, changes: batch }),
  );
  const response = await app.request('/v1/push', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      'content-length': String(body.length),
    },
    body,
  });
  if (response.status !== 200) throw new Error(`push ${response.status}: ${await response.text()}`);
  if (PUSH_TRACE_ENABLED && mode)
    clientMarks.set(`${clientId} ${firstSeq}`, { clientStart, clientEnd: performance.now(), mode });
}

/** Runs `work(i)` for 0..count-1 with at most `window` in flight, the next started when the oldest ends (push.ts). */
async function windowed(count, window, work) {
  const inFlight = [];
  let next = 0;
  while (next < count && inFlight.length < window) inFlight.push(work(next++));
  while (inFlight.length > 0) {
    await inFlight.shift();
    if (next < count) inFlight.push(work(next++));
  }
}

const plainInsert = (table, batch) =>
  db.query(
    `INSERT INTO ${table} (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)`,
    [JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields })))],
  );

// Warm-up, untimed: the first segment's batches pushed (two in flight, then one at a time)
// under a workspace of their own and inserted into a scratch table, so that no line pays
// PGlite's WebAssembly and the JIT warming up. Before, whichever push ran first in the first
// segment paid it: with both pushed one at a time, the first read 0.62 to 0.67 of the
// second's rate on PGlite, 1.11 with the first segment's order flipped.
{
  const warmWorkspace = await createWorkspace(db, `bench warm ${Date.now()}`);
  const warmToken = (await createToken(db, warmWorkspace, 'bench')).token;
  const part = all.slice(0, segment);
  await db.exec(
    'DROP TABLE IF EXISTS bench_warm; CREATE TABLE bench_warm (id text PRIMARY KEY, data jsonb)',
  );
  let first = 1;
  const firsts = part.map((batch) => {
    const at = first;
    first += batch.length;
    return at;
  });
  await windowed(part.length, inFlight, (i) =>
    pushBatch(warmToken, 'bench-warm-a', firsts[i], part[i]),
  );
  for (let i = 0; i < part.length; i += 1)
    await pushBatch(warmToken, 'bench-warm-b', firsts[i], part[i]);
  for (const batch of part) await plainInsert('bench_warm', batch);
  await db.exec('DROP TABLE bench_warm');
}

let seq = 1;
for (let from = 0; from < all.length; from += segment) {
  const part = all.slice(from, from + segment);
  const firsts = [];
  for (const batch of part) {
    firsts.push(seq);
    seq += batch.length;
  }

  // Whichever of a pair runs first in a segment came out slower (PostgreSQL, probes at load
  // 17: 2 in flight took 0.76 to 0.82 of one at a time's time when run second, 1.06 to 1.13
  // when run first), so each pair takes turns going first, and the two clients (workspaces)
  // take turns being pushed two in flight. SYNC_BENCH_IN_FLIGHT=1 pushes both one at a time:
  // their ratio should read about 1 (a check of the bench).
  const turn = (from / segment) % 2 === 1;
  const clients = [
    [token, 'bench-client'],
    [serialToken, 'bench-serial'],
  ];
  const [windowClient, serialClient] = turn ? clients.reverse() : clients;
  const pushes = [
    async () => {
      const began = performance.now();
      await windowed(part.length, inFlight, (i) =>
        pushBatch(windowClient[0], windowClient[1], firsts[i], part[i], 'window'),
      );
      pushMs += performance.now() - began;
    },
    async () => {
      const began = performance.now();
      for (let i = 0; i < part.length; i += 1)
        await pushBatch(serialClient[0], serialClient[1], firsts[i], part[i], 'serial');
      serialMs += performance.now() - began;
    },
  ];
  for (const run of turn ? pushes.reverse() : pushes) await run();

  const inserts = [
    async () => {
      const began = performance.now();
      for (const batch of part) await plainInsert('bench_plain', batch);
      insertMs += performance.now() - began;
    },
    async () => {
      const began = performance.now();
      await windowed(part.length, PUSHES_IN_FLIGHT, (i) => plainInsert('bench_plain_2', part[i]));
      insert2Ms += performance.now() - began;
    },
  ];
  for (const run of turn ? inserts.reverse() : inserts) await run();

  let started;
  for (let i = 0; i < part.length; i += 1) {
    const batch = part[i];
    started = performance.now();
    const byTable = new Map();
    for (const c of batch) {
      const rows = byTable.get(c.table) ?? [];
      rows.push({ id: c.row_id, data: c.fields, clock: c.hlc, updated_at: c.fields.updated_at });
      byTable.set(c.table, rows);
    }
    for (const [table, rows] of byTable)
      await db.query(
        `INSERT INTO ${table} (workspace_key, id, data, clock, deleted, updated_at, version)
         SELECT $1, r.id, r.data, r.clock, false, r.updated_at, 1
         FROM jsonb_to_recordset($2::jsonb) AS r(id text, data jsonb, clock text, updated_at timestamptz)`,
        [storageKey, JSON.stringify(rows)],
      );
    storageMs += performance.now() - started;

    // The same body's bytes, as the push's own statement reads its rows from them.
    const body = Buffer.from(
      JSON.stringify({ client_id: 'bench-statement', first_seq: firsts[i], changes: batch }),
    );
    const read = readPush(
      { client_id: 'bench-statement', first_seq: firsts[i], changes: batch },
      body,
    );
    const written = await writePushInOneStatement(
      timedStatement,
      statementToken,
      {
        clientId: 'bench-statement',
        firstSeq: firsts[i],
        changes: read.changes,
        fieldsTexts: read.fieldsTexts,
        body: read.body,
      },
      read.digests,
      true, // new rows, as the push's own first try (sync-store.ts)
    );
    if (!written) throw new Error('the statement alone wrote nothing');
  }
}
await db.exec('DROP TABLE bench_plain_2');
await db.exec('DROP TABLE bench_plain');

const rate = (count, ms) => Math.round((count / ms) * 1000).toLocaleString('en-US');
console.log(
  `\nSync server on ${engine}, ${N.toLocaleString('en-US')} customers = ${total.toLocaleString('en-US')} rows, pushes of ${batchSize}`,
);
console.log(
  `  push, ${inFlight} in flight (the app): ${rate(total, pushMs)} changes/s (${(pushMs / 1000).toFixed(1)} s)`,
);
console.log(
  `  push, one at a time:  ${rate(total, serialMs)} changes/s (${(serialMs / 1000).toFixed(1)} s)  (the app before)`,
);
console.log(
  `  plain bulk INSERT:    ${rate(total, insertMs)} rows/s (${(insertMs / 1000).toFixed(1)} s)  <- ceiling, one at a time`,
);
console.log(
  `  plain INSERT, ${PUSHES_IN_FLIGHT} in flight: ${rate(total, insert2Ms)} rows/s (${(insert2Ms / 1000).toFixed(1)} s)  <- ceiling, ${url ? 'each on a connection of its own' : "queued on PGlite's one connection"}`,
);
console.log(
  `  rows as stored:       ${rate(total, storageMs)} rows/s (${(storageMs / 1000).toFixed(1)} s)  <- storage ceiling (data + clock + indexes, no merge)`,
);
console.log(
  `  push's statement:     ${rate(total, statementMs)} rows/s (${(statementMs / 1000).toFixed(1)} s)  <- the push's SQL alone (its one statement, no HTTP, no checks)`,
);
console.log(
  `  ratio push/ceiling:   ${(insertMs / pushMs).toFixed(2)}   (target >= 0.50; against the ceiling ${PUSHES_IN_FLIGHT} in flight: ${(insert2Ms / pushMs).toFixed(2)})`,
);
console.log(
  `  ratio push one at a time/ceiling: ${(insertMs / serialMs).toFixed(2)}   (push ${PUSHES_IN_FLIGHT} in flight / one at a time: ${(serialMs / pushMs).toFixed(2)} times as fast)`,
);
console.log(
  `  ratio statement/ceiling: ${(insertMs / statementMs).toFixed(2)}   (the best a push can reach with its SQL, one at a time)`,
);
console.log(`  ratio push/storage:   ${(storageMs / pushMs).toFixed(2)}`);
console.log(`  ratio push/statement: ${(statementMs / pushMs).toFixed(2)}`);
console.log(
  `  load average:         ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')} (1, 5, 15 min; 2 cores)`,
);

if (PUSH_TRACE_ENABLED) {
  for (const [mode, title] of [
    ['window', `${inFlight} in flight`],
    ['serial', 'one at a time'],
  ]) {
    const pushes = [];
    for (const marks of tracedPushes) {
      const client = clientMarks.get(`${marks.client} ${marks.first}`);
      if (client?.mode === mode) pushes.push({ ...marks, ...client });
    }
    console.log(`\nPush trace, ${title} (SYNC_PUSH_TRACE=1, ${engine}):`);
    for (const line of summarizePushTrace(pushes).lines) console.log(`  ${line}`);
  }
}

// 4. First sync of the workspace into an empty client, in Chromium (SYNC_BENCH_SERVER_ONLY=1 skips it).
if (process.env.SYNC_BENCH_SERVER_ONLY === '1') {
  await db.close();
  process.exit(0);
}
const http = await new Promise((resolve) => {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve({ server, url: `http://127.0.0.1:${info.port}` }),
  );
});
// The app pulls pages of the server's largest size (engine.ts); the ceiling downloads the same.
const PULL_PAGE = SYNC_LIMITS.maxPullLimit;
const route = process.env.SYNC_BENCH_ROUTE ?? '#/settings';
const profilePath = process.env.SYNC_BENCH_PROFILE;
const preview = await startPreview();
const browser = await launchChromium();
try {
  const page = await openDevApp(browser, preview.url, route);
  // Ceiling: every pull page downloaded and parsed, nothing written.
  const downloadMs = await page.evaluate(
    async ({ base, token, pageSize }) => {
      const t0 = performance.now();
      let cursor = '';
      for (;;) {
        const query = new URLSearchParams({
          limit: String(pageSize),
          ...(cursor ? { cursor } : {}),
        });
        const res = await fetch(`${base}/v1/pull?${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const page = await res.json();
        cursor = page.cursor;
        if (!page.has_more) break;
      }
      return performance.now() - t0;
    },
    { base: http.url, token, pageSize: PULL_PAGE },
  );
  if (process.env.SYNC_BENCH_COUNT === '1')
    await page.evaluate(() => {
      const calls = {};
      globalThis.__idbCalls = calls;
      const wrap = (proto, where) => {
        for (const method of [
          'get',
          'getAll',
          'getAllKeys',
          'put',
          'add',
          'delete',
          'openCursor',
          'openKeyCursor',
          'count',
        ]) {
          const original = proto[method];
          if (typeof original !== 'function') continue;
          proto[method] = function (...args) {
            const key = `${where(this)} ${method}`;
            calls[key] = (calls[key] ?? 0) + 1;
            return original.apply(this, args);
          };
        }
      };
      wrap(IDBObjectStore.prototype, (store) => store.name);
      wrap(IDBIndex.prototype, (index) => `${index.objectStore.name}[${index.name}]`);
    });
  const cdp = profilePath ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const syncMs = await page.evaluate(
    async ({ base, token }) => {
      const t0 = performance.now();
      await window.encoreDev.crm.sync.saveSettings({ enabled: true, serverUrl: base }, token);
      return performance.now() - t0;
    },
    { base: http.url, token },
  );
  if (cdp && profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
  }
  // The search index follows the sync's journal entries; while a sync pulls page after page
  // it holds its catch-up until the pull ends (docs/sync.md): how long after the sync search
  // knows every pulled customer (no query asked meanwhile: a query would catch up itself).
  const searchBehindMs = await page.evaluate(async () => {
    const t0 = performance.now();
    const last = Number((await window.encoreDev.db.search_journal.orderBy(':id').lastKey()) ?? 0);
    for (;;) {
      const diagnostics = await window.encoreDev.search.diagnostics();
      if (diagnostics.state === 'ready' && diagnostics.appliedSeq >= last)
        return performance.now() - t0;
      if (performance.now() - t0 > 300_000) return Number.NaN;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  const counts = await page.evaluate(async () => ({
    customers: await window.encoreDev.db.customers_crm_v.count(),
    outbox: await window.encoreDev.db.sync_outbox.count(),
  }));
  if (process.env.SYNC_BENCH_COUNT === '1') {
    const calls = await page.evaluate(() => globalThis.__idbCalls);
    const sum = Object.values(calls).reduce((a, b) => a + b, 0);
    console.log(`\nIndexedDB requests of the first sync: ${(sum / total).toFixed(2)} per row`);
    for (const [key, count] of Object.entries(calls).sort((a, b) => b[1] - a[1]))
      console.log(`  ${(count / total).toFixed(3)}/row  ${count}  ${key}`);
  }
  if (counts.customers !== N) throw new Error(`expected ${N} list rows, found ${counts.customers}`);
  // Storage ceiling: the records the first sync wrote (rows, list rows, search journal, email
  // claims) taken out, then written back with raw IndexedDB puts, one transaction per pulled
  // page: what storing them costs before any merge, rule, projection or middleware.
  const storeMs = await page.evaluate(
    async ({ pages }) => {
      const db = window.encoreDev.db;
      const idb = db.backendDB();
      const tables = [
        'customer_profiles',
        'customer_emails',
        'customer_phones',
        'customers_crm_v',
        'search_journal',
      ];
      const rows = {};
      for (const table of tables) rows[table] = await db.table(table).toArray();
      rows.sync_state = await db.sync_state.where('key').startsWith('claim/').toArray();
      const stores = [...tables, 'sync_state'];
      const run = (write) =>
        new Promise((resolve, reject) => {
          const tx = idb.transaction(stores, 'readwrite');
          write(tx);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      await run((tx) => {
        for (const table of tables) tx.objectStore(table).clear();
        for (const claim of rows.sync_state) tx.objectStore('sync_state').delete(claim.key);
      });
      const started = performance.now();
      for (let part = 0; part < pages; part += 1)
        await run((tx) => {
          for (const store of stores) {
            const size = Math.ceil(rows[store].length / pages);
            for (const row of rows[store].slice(part * size, (part + 1) * size))
              tx.objectStore(store).put(row);
          }
        });
      return performance.now() - started;
    },
    { pages: Math.ceil(total / PULL_PAGE) },
  );
  console.log(
    `\nFirst sync into an empty client (Chromium, IndexedDB), pages of ${PULL_PAGE.toLocaleString('en-US')} (the app's), page open: ${route}`,
  );
  console.log(
    `  first sync: applied ${rate(total, syncMs)} rows/s (${(syncMs / 1000).toFixed(1)} s) | download only ${rate(total, downloadMs)} rows/s (${(downloadMs / 1000).toFixed(1)} s) <- ceiling | ratio ${(downloadMs / syncMs).toFixed(2)} (target >= 0.80)`,
  );
  console.log(
    `  the same records as stored (raw IndexedDB puts, a transaction per page): ${rate(total, storeMs)} rows/s (${(storeMs / 1000).toFixed(1)} s) <- storage ceiling | sync/storage ${(storeMs / syncMs).toFixed(2)} | download + storage, one after the other: ${(downloadMs / (downloadMs + storeMs)).toFixed(2)} of download only`,
  );
  console.log(
    `  search index current ${(searchBehindMs / 1000).toFixed(1)} s after the sync ended`,
  );
  console.log(
    `  ${counts.customers.toLocaleString('en-US')} list rows, outbox ${counts.outbox}; load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await browser.close();
  await preview.stop();
  http.server.close();
  await db.close();
}
