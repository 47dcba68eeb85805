// EXPLAIN (ANALYZE, BUFFERS, VERBOSE) of the push's one statement (server/src/push-write.ts)
// and of the bulk INSERT ceiling for the same batch, after PUSH_EXPLAIN_WARM batches pushed
// (so the tables hold rows and the plans are warm). DATABASE_URL for PostgreSQL, else PGlite.
//   DATABASE_URL=postgres://… node --import tsx bench/push-explain.mjs
import { createToken, createWorkspace, hashToken } from '../server/src/auth.ts';
import { pgliteDatabase, postgresDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import { writePushInOneStatement } from '../server/src/push-write.ts';
import { readPush } from '../server/src/sync-store.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const url = process.env.DATABASE_URL;
const db = url ? postgresDatabase(url) : await pgliteDatabase();
await migrate(db);
const warm = Number(process.env.PUSH_EXPLAIN_WARM ?? 20);
const all = benchBatches((warm + 3) * 167, 500);
const ws = await createWorkspace(db, `explain ${Date.now()}`);
const token = hashToken((await createToken(db, ws, 'bench')).token);
await db.query(
  'INSERT INTO sync_clients (workspace_id, client_id, token_hash) VALUES ($1, $2, $3)',
  [ws, 'c', token],
);
await db.exec(
  'DROP TABLE IF EXISTS bench_plain; CREATE TABLE bench_plain (id text PRIMARY KEY, data jsonb)',
);
let explain = false;
const sql = {
  async query(text, params, options) {
    if (!explain) return db.query(text, params, options);
    const rows = await db.query(`EXPLAIN (ANALYZE, BUFFERS, VERBOSE, FORMAT TEXT) ${text}`, params);
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
    return [{ version: 1, workspace_id: ws, workspace_key: 1, member_id: 'm', member_name: 'n' }];
  },
};
let first = 1;
for (let i = 0; i < all.length; i += 1) {
  const batch = all[i];
  explain = i >= warm;
  const request = { client_id: 'c', first_seq: first, changes: batch };
  const body = Buffer.from(JSON.stringify(request));
  const read = readPush(request, body);
  if (explain) console.log(`\n=== push statement, batch ${i} (${batch.length} changes)`);
  await writePushInOneStatement(
    sql,
    token,
    {
      clientId: 'c',
      firstSeq: first,
      changes: read.changes,
      fieldsTexts: read.fieldsTexts,
      body: read.body,
    },
    read.digests,
    true,
  );
  if (explain)
    await db.query('UPDATE sync_clients SET last_seq = $1 WHERE workspace_id = $2', [
      first + batch.length - 1,
      ws,
    ]);
  const text = `INSERT INTO bench_plain (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)`;
  const param = [
    JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields }))),
  ];
  if (explain) {
    console.log(`\n=== ceiling, batch ${i}`);
    const rows = await db.query(`EXPLAIN (ANALYZE, BUFFERS, VERBOSE) ${text}`, param);
    console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  } else await db.query(text, param);
  first += batch.length;
}
await db.exec('DROP TABLE bench_plain');
await db.close();
