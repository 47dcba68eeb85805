// A/B in one process: the same pushes, two in flight as the app sends them, through main's
// server (PUSH_AB_OLD: another worktree's server/src, e.g. /work/wt-old/server/src) and this
// branch's, alternating segment by segment, each pair taking turns going first, beside the
// plain INSERT ceiling (one at a time) on each side's own database object. Counts the one
// statements each side sent per push (more than one: a push's statement sent early wrote
// nothing and ran again). PostgreSQL with DATABASE_URL, else PGlite (one database per side).
//   PUSH_AB_OLD=/work/wt-old/server/src DATABASE_URL=… SYNC_BENCH_N=20000 node --import tsx bench/push-order-ab.mjs
// PUSH_AB_OLD_URL: main's side on a database of its own (needed when the branch adds a
// migration: both sides on one database would both run on the branch's schema).
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PUSHES_IN_FLIGHT } from '../src/renderer/src/sync/push.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const url = process.env.DATABASE_URL;
const oldSrc = process.env.PUSH_AB_OLD;
if (!oldSrc) throw new Error('PUSH_AB_OLD: the server/src of the worktree to compare with');
const N = Number(process.env.SYNC_BENCH_N ?? 20_000);
const sides = [];
for (const [name, src] of [
  ['main', oldSrc],
  ['branch', new URL('../server/src', import.meta.url).pathname],
]) {
  const { createApp } = await import(`${src}/app.ts`);
  const { createToken, createWorkspace } = await import(`${src}/auth.ts`);
  const { pgliteDatabase, postgresDatabase } = await import(`${src}/db.ts`);
  const { migrate } = await import(`${src}/migrations.ts`);
  const sideUrl = name === 'main' ? (process.env.PUSH_AB_OLD_URL ?? url) : url;
  const db = sideUrl ? postgresDatabase(sideUrl) : await pgliteDatabase();
  await migrate(db);
  const side = {
    name,
    db,
    pushMs: 0,
    insertMs: 0,
    statements: 0,
    pushes: 0,
    pushCpu: 0,
    insertCpu: 0,
    otherCpu: 0,
    nodeCpu: 0,
  };
  const counting = {
    ...db,
    query(text, params, options) {
      if (options?.prepare && text.includes('INSERT INTO sync_batches')) side.statements += 1;
      return db.query(text, params, options);
    },
  };
  const workspace = await createWorkspace(db, `order ab ${name} ${Date.now()}`);
  side.token = (await createToken(db, workspace, 'bench')).token;
  side.app = createApp(counting, { log: () => undefined, logLevel: 'warn' });
  side.table = `bench_order_${name}`;
  await db.exec(
    `DROP TABLE IF EXISTS ${side.table}; CREATE TABLE ${side.table} (id text PRIMARY KEY, data jsonb)`,
  );
  sides.push(side);
}

// On a PostgreSQL on this machine, the CPU time of each side's cluster (the postmaster, its
// exited children as it reaped them, every live child: backends, autovacuum, WAL writer),
// phase by phase: far steadier than wall time on a loaded machine. Give each side a cluster
// of its own (PUSH_AB_OLD_URL on another cluster) so that one side's background work
// (autovacuum's ANALYZE of the rows it wrote) is not counted to the other. Ticks of 10 ms.
function procTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return {
    ppid: Number(fields[1]),
    own: Number(fields[11]) + Number(fields[12]),
    reaped: Number(fields[13]) + Number(fields[14]),
  };
}
async function clusterCpuMs(side) {
  if (!url) return 0;
  try {
    if (!side.postmaster) {
      const [{ data_directory: dir }] = await side.db.query('SHOW data_directory');
      side.postmaster = Number(readFileSync(`${dir}/postmaster.pid`, 'utf8').split('\n')[0]);
    }
    const main = procTicks(side.postmaster);
    let ticks = main.own + main.reaped;
    for (const entry of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(entry)) continue;
      try {
        const child = procTicks(entry);
        if (child.ppid === side.postmaster) ticks += child.own;
      } catch {
        // exited meanwhile: its time is in the postmaster's reaped time
      }
    }
    return ticks * 10;
  } catch {
    return Number.NaN; // not on this machine
  }
}
async function databaseCpuMs(side) {
  const now = await clusterCpuMs(side);
  const delta = now - (side.lastCpu ?? now);
  side.lastCpu = now;
  return delta;
}
async function pushBatch(side, first, batch) {
  const body = Buffer.from(
    JSON.stringify({ client_id: 'order-ab', first_seq: first, changes: batch }),
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
  if (response.status !== 200) throw new Error(`push ${response.status}: ${await response.text()}`);
  side.pushes += 1;
}
async function windowed(count, window, work) {
  const inFlight = [];
  let next = 0;
  while (next < count && inFlight.length < window) inFlight.push(work(next++));
  while (inFlight.length > 0) {
    await inFlight.shift();
    if (next < count) inFlight.push(work(next++));
  }
}
const plainInsert = (side, batch) =>
  side.db.query(
    `INSERT INTO ${side.table} (id, data) SELECT r.id, r.data FROM jsonb_to_recordset($1::jsonb) AS r(id text, data jsonb)`,
    [JSON.stringify(batch.map((c) => ({ id: `${c.table}:${c.row_id}`, data: c.fields })))],
  );

const all = benchBatches(N, 500);
const segment = 8;
// Warm-up, untimed: a segment of other rows through each side.
{
  const warm = benchBatches(8 * 167, 500).map((batch) =>
    batch.map((c) => ({ ...c, row_id: `warm-${c.row_id}` })),
  );
  for (const side of sides) {
    let first = 1;
    const firsts = warm.map((b) => ((first += b.length), first - b.length));
    await windowed(warm.length, PUSHES_IN_FLIGHT, (i) => pushBatch(side, firsts[i], warm[i]));
    side.seq = first;
    side.statements = 0;
    side.pushes = 0;
    await databaseCpuMs(side);
  }
}
for (let from = 0; from < all.length; from += segment) {
  const part = all.slice(from, from + segment);
  const order = (from / segment) % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    const firsts = [];
    for (const batch of part) {
      firsts.push(side.seq);
      side.seq += batch.length;
    }
    side.otherCpu += await databaseCpuMs(side);
    const nodeCpu = process.cpuUsage();
    const began = performance.now();
    await windowed(part.length, PUSHES_IN_FLIGHT, (i) => pushBatch(side, firsts[i], part[i]));
    side.pushMs += performance.now() - began;
    const used = process.cpuUsage(nodeCpu);
    side.nodeCpu += (used.user + used.system) / 1000;
    side.pushCpu += await databaseCpuMs(side);
  }
  for (const side of order) {
    side.otherCpu += await databaseCpuMs(side);
    const began = performance.now();
    for (const batch of part) await plainInsert(side, batch);
    side.insertMs += performance.now() - began;
    side.insertCpu += await databaseCpuMs(side);
  }
}
// What the clusters still do after the last phase (autovacuum catching up), counted apart.
if (url) {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  for (const side of sides) side.otherCpu += await databaseCpuMs(side);
}
const total = all.reduce((sum, batch) => sum + batch.length, 0);
console.log(
  `${url ? 'PostgreSQL' : 'PGlite'}, ${total.toLocaleString('en-US')} changes, ${PUSHES_IN_FLIGHT} in flight`,
);
for (const side of sides)
  console.log(
    `  ${side.name}: push ${Math.round((total / side.pushMs) * 1000).toLocaleString('en-US')} changes/s, ceiling ${Math.round((total / side.insertMs) * 1000).toLocaleString('en-US')} rows/s, push/ceiling ${(side.insertMs / side.pushMs).toFixed(2)}, statements per push ${(side.statements / side.pushes).toFixed(2)}; this process's CPU during its pushes ${(side.nodeCpu / 1000).toFixed(2)} s${url ? `; database CPU: push ${(side.pushCpu / 1000).toFixed(2)} s, ceiling ${(side.insertCpu / 1000).toFixed(2)} s, ceiling / push ${(side.insertCpu / side.pushCpu).toFixed(2)}, between phases and after ${(side.otherCpu / 1000).toFixed(2)} s, all ${((side.pushCpu + side.insertCpu + side.otherCpu) / 1000).toFixed(2)} s` : ''}`,
  );
console.log(
  `  branch / main, push time: ${(sides[1].pushMs / sides[0].pushMs).toFixed(2)}${url ? `, push database CPU: ${(sides[1].pushCpu / sides[0].pushCpu).toFixed(2)}` : ''}; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const side of sides) {
  await side.db.exec(`DROP TABLE ${side.table}`);
  await side.db.close();
}
