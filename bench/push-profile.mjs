// Where a push's time goes (issue 19): the bench's pushes (PUSH_N customers, 5,000 by
// default), each SQL statement timed by kind from the server's side, interleaved batch by
// batch with the plain INSERT of the same rows (the bench's ceiling).
// PUSH_PROFILE=<file> writes a CPU profile (DevTools format) of the pushes alone.
//   node --import tsx bench/push-profile.mjs            (PGlite; DATABASE_URL for PostgreSQL)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { createApp } from '../server/src/app.ts';
import { createToken, createWorkspace } from '../server/src/auth.ts';
import { pgliteDatabase, postgresDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const N = Number(process.env.PUSH_N ?? 5_000);
const url = process.env.DATABASE_URL;
const raw = url ? postgresDatabase(url) : await pgliteDatabase();
await migrate(raw);

const spent = new Map();
const add = (key, ms) => spent.set(key, (spent.get(key) ?? 0) + ms);
const kind = (text) => {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.startsWith('WITH principal')) return 'one statement: token, rows + bookkeeping';
  if (t.includes('INSERT INTO sync_clients')) return 'client row + version';
  if (t.includes('sync_batches') && t.startsWith('WITH')) return 'rows + bookkeeping';
  if (t.includes('api_tokens')) return 'token';
  return t.slice(0, 50);
};
const timed = (sql) => ({
  async query(text, params, options) {
    const started = performance.now();
    try {
      return await sql.query(text, params, options);
    } finally {
      add(kind(text), performance.now() - started);
    }
  },
  exec: (text) => sql.exec(text),
});
let inside = 0;
const db = {
  ...timed(raw),
  kind: raw.kind,
  close: () => raw.close(),
  async transaction(work) {
    const started = performance.now();
    try {
      return await raw.transaction(async (tx) => {
        const began = performance.now();
        try {
          return await work(timed(tx));
        } finally {
          inside = performance.now() - began;
        }
      });
    } finally {
      add('transaction: BEGIN, COMMIT, queue', performance.now() - started - inside);
    }
  },
};
const workspaceId = await createWorkspace(raw, `profile ${Date.now()}`);
const { token } = await createToken(raw, workspaceId, 'profile');
const app = createApp(db, { log: () => undefined, logLevel: 'warn' });
await raw.exec(
  'DROP TABLE IF EXISTS bench_plain; CREATE TABLE bench_plain (id text PRIMARY KEY, data jsonb)',
);

const batches = benchBatches(N);
const total = batches.reduce((sum, batch) => sum + batch.length, 0);
const session = process.env.PUSH_PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
}
let pushMs = 0;
let insertMs = 0;
let seq = 1;
for (const batch of batches) {
  let started = performance.now();
  // The body as the app's client sends it over HTTP: JSON, encoded to UTF-8 once, with its
  // length (fetch does both for a string body; without the length the body-limit middleware
  // reads and copies the whole body to count it, which no real request pays).
  const body = Buffer.from(
    JSON.stringify({ client_id: 'profile-client', first_seq: seq, changes: batch }),
  );
  const response = await app.request('/v1/push', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(body.length),
    },
    body,
  });
  if (response.status !== 200) throw new Error(`push ${response.status}: ${await response.text()}`);
  pushMs += performance.now() - started;
  seq += batch.length;
  if (session) continue; // the profile holds the pushes alone
  started = performance.now();
  await raw.query(
    'INSERT INTO bench_plain (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)',
    [JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields })))],
  );
  insertMs += performance.now() - started;
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PUSH_PROFILE, JSON.stringify(profile));
}
const sql = [...spent.values()].reduce((a, b) => a + b, 0);
console.log(`${raw.kind}, ${N} customers = ${total} changes in ${batches.length} pushes`);
console.log(
  `  push ${pushMs.toFixed(0)} ms; plain INSERT ${insertMs.toFixed(0)} ms; ratio ${(insertMs / pushMs).toFixed(2)}`,
);
for (const [key, ms] of [...spent].sort((a, b) => b[1] - a[1]))
  console.log(
    `  ${ms.toFixed(0).padStart(7)} ms  ${((ms / pushMs) * 100).toFixed(1).padStart(5)} %  ${key}`,
  );
console.log(
  `  ${(pushMs - sql).toFixed(0).padStart(7)} ms  ${(((pushMs - sql) / pushMs) * 100).toFixed(1).padStart(5)} %  outside SQL (HTTP, JSON, checks, digests, folding)`,
);
console.log(
  `  load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await raw.close();
