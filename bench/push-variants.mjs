// Experiment harness (issue 19): the push's one statement (its rows new) in variants, interleaved batch by
// batch with the plain INSERT of the same rows, each timed from the server's side (the SQL
// alone, no HTTP). Variant modules are given as PUSH_VARIANTS=path1,path2 (each exporting
// writePushInOneStatement); the current one always runs first.
//   PUSH_N=5000 PUSH_VARIANTS=/tmp/x.ts node --import tsx bench/push-variants.mjs
// The first run is slower than the others even with the order alternating batch by batch
// (measured: the same module 3.05 and 2.06 times the plain INSERT as first and second):
// list the current module again as a variant (../server/src/push-write.ts) and compare
// the later runs.
import { loadavg } from 'node:os';
import { createToken, createWorkspace, hashToken } from '../server/src/auth.ts';
import { pgliteDatabase, postgresDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import * as current from '../server/src/push-write.ts';
import { readPush } from '../server/src/sync-store.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const N = Number(process.env.PUSH_N ?? 5_000);
const url = process.env.DATABASE_URL;
const db = url ? postgresDatabase(url) : await pgliteDatabase();
await migrate(db);
const variants = [['current', current]];
for (const path of (process.env.PUSH_VARIANTS ?? '').split(',').filter(Boolean))
  variants.push([path.split('/').pop(), await import(path)]);
const runs = [];
for (const [name, module] of variants) {
  const workspaceId = await createWorkspace(db, `variant ${name} ${Date.now()}`);
  const { token } = await createToken(db, workspaceId, name);
  const tokenHash = hashToken(token);
  await db.query(
    'INSERT INTO sync_clients (workspace_id, client_id, token_hash) VALUES ($1, $2, $3)',
    [workspaceId, 'c', tokenHash],
  );
  runs.push({ name, module, tokenHash, ms: 0, jsMs: 0, seq: 1 });
}
await db.exec(
  'DROP TABLE IF EXISTS bench_plain; CREATE TABLE bench_plain (id text PRIMARY KEY, data jsonb)',
);
let plainMs = 0;
const batches = benchBatches(N);
let total = 0;
for (let b = 0; b < batches.length; b += 1) {
  const batch = batches[b];
  total += batch.length;
  const order = b % 2 === 0 ? runs : [...runs].reverse();
  for (const run of order) {
    const request = { client_id: 'c', first_seq: run.seq, changes: structuredClone(batch) };
    const read = readPush(request);
    const timed = {
      async query(text, params, options) {
        const t = performance.now();
        try {
          return await db.query(text, params, options);
        } finally {
          run.ms += performance.now() - t;
        }
      },
    };
    const t = performance.now();
    const written = await run.module.writePushInOneStatement(
      timed,
      run.tokenHash,
      {
        clientId: 'c',
        firstSeq: run.seq,
        changes: read.changes,
        fieldsTexts: read.fieldsTexts,
      },
      read.digests,
      true, // the rows are new: a plain INSERT where the module knows it (push-write.ts)
    );
    run.jsMs += performance.now() - t;
    if (!written) throw new Error(`${run.name}: nothing written`);
    run.seq += batch.length;
  }
  const t = performance.now();
  await db.query(
    'INSERT INTO bench_plain (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)',
    [JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields })))],
  );
  plainMs += performance.now() - t;
}
console.log(`${db.kind}, ${total} changes; plain INSERT ${plainMs.toFixed(0)} ms`);
for (const run of runs)
  console.log(
    `  ${run.name.padEnd(24)} SQL ${run.ms.toFixed(0).padStart(6)} ms = ${(run.ms / plainMs).toFixed(2)} x plain; with its JS ${(run.jsMs / plainMs).toFixed(2)} x`,
  );
if (process.env.PUSH_EXPLAIN) {
  const extra = benchBatches(N + 200)
    .slice(-1)[0]
    .slice(-450);
  for (const run of runs) {
    const read = readPush({ client_id: 'c', first_seq: run.seq, changes: structuredClone(extra) });
    const explain = {
      async query(text, params) {
        const rows = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
        console.log(`--- ${run.name}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        return [{ version: 1, workspace_id: '', workspace_key: 1, member_id: '', member_name: '' }];
      },
    };
    await run.module.writePushInOneStatement(
      explain,
      run.tokenHash,
      { clientId: 'c', firstSeq: run.seq, changes: read.changes, fieldsTexts: read.fieldsTexts },
      read.digests,
    );
  }
}
console.log(
  `  load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await db.close();
