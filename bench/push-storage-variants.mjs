// Experiment harness (issue 19): "rows as stored" in variants of the product tables' indexes
// and row shape, interleaved batch by batch (order rotating) with the plain bulk INSERT
// ceiling of the same rows. Each variant is a schema holding copies of customer_profiles,
// customer_emails and customer_phones with its own indexes; its rows go in as the storage
// ceiling of bench:sync writes them (one INSERT … jsonb_to_recordset per table per batch).
//   DATABASE_URL=… STORAGE_N=20000 node --import tsx bench/push-storage-variants.mjs
//   STORAGE_VARIANTS=main,pull2,nocust  (default: all)
import { loadavg } from 'node:os';
import { pgliteDatabase, postgresDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const url = process.env.DATABASE_URL;
const db = url ? postgresDatabase(url) : await pgliteDatabase();
await migrate(db);
const N = Number(process.env.STORAGE_N ?? 20_000);
const TABLES = ['customer_profiles', 'customer_emails', 'customer_phones'];
const CHILD = ['customer_emails', 'customer_phones'];

const pk = (s, t) => `ALTER TABLE ${s}.${t} ADD PRIMARY KEY (workspace_key, id);`;
const pull3 = (s, t) => `CREATE INDEX ON ${s}.${t} (workspace_key, version, id);`;
const pull2 = (s, t) => `CREATE INDEX ON ${s}.${t} (workspace_key, version);`;
const cust = (s, t) => `CREATE INDEX ON ${s}.${t} (workspace_key, (data->>'customer_id'));`;
const custHash = (s, t) => `CREATE INDEX ON ${s}.${t} USING hash ((data->>'customer_id'));`;
const custNoKey = (s, t) => `CREATE INDEX ON ${s}.${t} ((data->>'customer_id'));`;

/** Each variant: its indexes per table (main = migration 7's). */
const ALL = {
  main: (s, t) => [pk(s, t), pull3(s, t), ...(CHILD.includes(t) ? [cust(s, t)] : [])],
  pull2: (s, t) => [pk(s, t), pull2(s, t), ...(CHILD.includes(t) ? [cust(s, t)] : [])],
  nopull: (s, t) => [pk(s, t), ...(CHILD.includes(t) ? [cust(s, t)] : [])],
  nocust: (s, t) => [pk(s, t), pull3(s, t)],
  pkonly: (s, t) => [pk(s, t)],
  custhash: (s, t) => [pk(s, t), pull3(s, t), ...(CHILD.includes(t) ? [custHash(s, t)] : [])],
  custnokey: (s, t) => [pk(s, t), pull3(s, t), ...(CHILD.includes(t) ? [custNoKey(s, t)] : [])],
  pull2hash: (s, t) => [pk(s, t), pull2(s, t), ...(CHILD.includes(t) ? [custHash(s, t)] : [])],
};
const names = (process.env.STORAGE_VARIANTS ?? Object.keys(ALL).join(',')).split(',');
const variants = [];
for (const name of names) {
  const schema = `sv_${name.replace('#', '_')}`;
  await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  for (const table of TABLES) {
    await db.exec(
      `CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING DEFAULTS INCLUDING STORAGE);`,
    );
    for (const ddl of ALL[name.replace(/#.*/, '')](schema, table)) await db.exec(ddl);
  }
  variants.push({ name, schema, ms: 0, each: [] });
}
await db.exec(
  'DROP TABLE IF EXISTS sv_plain; CREATE TABLE sv_plain (id text PRIMARY KEY, data jsonb)',
);
const ceiling = { name: 'ceiling', ms: 0, each: [] };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const batches = benchBatches(N);
let total = 0;
let version = 0;
for (let b = 0; b < batches.length; b += 1) {
  const batch = batches[b];
  total += batch.length;
  version += 1;
  const byTable = new Map();
  for (const c of batch) {
    const rows = byTable.get(c.table) ?? [];
    rows.push({ id: c.row_id, data: c.fields, clock: c.hlc, updated_at: c.fields.updated_at });
    byTable.set(c.table, rows);
  }
  const runs = [ceiling, ...variants];
  const shift = b % runs.length;
  for (const run of [...runs.slice(shift), ...runs.slice(0, shift)]) {
    const t = performance.now();
    if (run === ceiling)
      await db.query(
        `INSERT INTO sv_plain (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)`,
        [JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields })))],
      );
    else
      for (const [table, rows] of byTable)
        await db.query(
          `INSERT INTO ${run.schema}.${table} (workspace_key, id, data, clock, deleted, updated_at, version)
           SELECT $1, r.id, r.data, r.clock, false, r.updated_at, $3
           FROM jsonb_to_recordset($2::jsonb) AS r(id text, data jsonb, clock text, updated_at timestamptz)`,
          [1 + (b % 3), JSON.stringify(rows), version],
        );
    run.ms += performance.now() - t;
    run.each.push(performance.now() - t);
  }
}
console.log(
  `${url ? 'PostgreSQL' : 'PGlite'}, ${total.toLocaleString('en-US')} rows; ceiling ${Math.round((total / ceiling.ms) * 1000).toLocaleString('en-US')} rows/s`,
);
for (const run of variants)
  console.log(
    `  ${run.name.padEnd(10)} ${Math.round((total / run.ms) * 1000).toLocaleString('en-US')} rows/s, stored / ceiling ${(ceiling.ms / run.ms).toFixed(2)}, median of the batches' ratios ${median(run.each.map((ms, i) => ceiling.each[i] / ms)).toFixed(2)}`,
  );
console.log(
  `  load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const run of variants) await db.exec(`DROP SCHEMA ${run.schema} CASCADE`);
await db.exec('DROP TABLE sv_plain');
await db.close();
