// Two versions of the server (two worktrees) pushing the bench's batches in ONE process,
// interleaved batch by batch (alternating which goes first), beside the plain INSERT ceiling:
// on a loaded machine whose speed swings by 2x between runs minutes apart, each version gets
// the same swings, so their time ratio means something where two bench:sync runs do not.
// Each side has its own database (PGlite) or its own workspace (PostgreSQL, DATABASE_URL), and
// so has the ceiling; SQL time is summed from each server's side.
//   PUSH_AB_OLD=/work/wt-x-old PUSH_AB_NEW=/work/wt-x node --import tsx bench/push-ab.mjs
//   PUSH_AB_N=20000 (customers; 3 changes each, pushes of 500)
import { loadavg } from 'node:os';
import { benchBatches } from './sync-bench-changes.mjs';

const url = process.env.DATABASE_URL;
const roots = { old: process.env.PUSH_AB_OLD, new: process.env.PUSH_AB_NEW };
if (!roots.old || !roots.new) throw new Error('PUSH_AB_OLD and PUSH_AB_NEW: two worktrees');
const sides = {};
for (const [name, root] of Object.entries(roots)) {
  const { createApp } = await import(`${root}/server/src/app.ts`);
  const { createToken, createWorkspace } = await import(`${root}/server/src/auth.ts`);
  const { pgliteDatabase, postgresDatabase } = await import(`${root}/server/src/db.ts`);
  const { migrate } = await import(`${root}/server/src/migrations.ts`);
  const db = url ? postgresDatabase(url) : await pgliteDatabase();
  await migrate(db);
  const workspaceId = await createWorkspace(db, `push-ab ${name} ${Date.now()}`);
  const { token } = await createToken(db, workspaceId, 'push-ab');
  const side = { db, token, ms: 0, sql: 0 };
  const timed = {
    ...db,
    async query(text, params, options) {
      const started = performance.now();
      try {
        return await db.query(text, params, options);
      } finally {
        side.sql += performance.now() - started;
      }
    },
  };
  side.app = createApp(timed, { log: () => undefined, logLevel: 'warn' });
  sides[name] = side;
}
// The ceiling in a database of its own: on PGlite, rows added to one side's database would
// make that side's statements slower (its files and WAL grow twice as fast).
const { pgliteDatabase, postgresDatabase } = await import(`${roots.new}/server/src/db.ts`);
const plain = url ? postgresDatabase(url) : await pgliteDatabase();
await plain.exec(
  'DROP TABLE IF EXISTS push_ab_plain; CREATE TABLE push_ab_plain (id text PRIMARY KEY, data jsonb)',
);
let insertMs = 0;
const batches = benchBatches(Number(process.env.PUSH_AB_N ?? 20_000));
let seq = 1;
for (const [i, batch] of batches.entries()) {
  for (const name of i % 2 ? ['old', 'new'] : ['new', 'old']) {
    const side = sides[name];
    const started = performance.now();
    // The body as the app sends it (sync-bench.mjs).
    const body = Buffer.from(
      JSON.stringify({ client_id: 'push-ab-client', first_seq: seq, changes: batch }),
    );
    const response = await side.app.request('/v1/push', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${side.token}`,
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
      body,
    });
    if (response.status !== 200)
      throw new Error(`${name}: push ${response.status}: ${await response.text()}`);
    side.ms += performance.now() - started;
  }
  const started = performance.now();
  await plain.query(
    'INSERT INTO push_ab_plain (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)',
    [JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields })))],
  );
  insertMs += performance.now() - started;
  seq += batch.length;
}
await plain.exec('DROP TABLE push_ab_plain');
const total = seq - 1;
const rate = (ms) => Math.round((total / ms) * 1000).toLocaleString('en-US');
console.log(
  `${url ? 'PostgreSQL' : 'PGlite'}, ${total.toLocaleString('en-US')} changes, interleaved; plain INSERT ${rate(insertMs)} rows/s`,
);
for (const [name, side] of Object.entries(sides))
  console.log(
    `  ${name}: ${rate(side.ms)} changes/s, push/ceiling ${(insertMs / side.ms).toFixed(2)}; SQL ${side.sql.toFixed(0)} ms, outside SQL ${(side.ms - side.sql).toFixed(0)} ms`,
  );
console.log(
  `  new/old time ${(sides.new.ms / sides.old.ms).toFixed(2)}; load ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`,
);
for (const side of Object.values(sides)) await side.db.close();
await plain.close();
