// A/B in one process (PGlite only): the same pushes, two in flight as the app sends them,
// through a server on a PGlite on the server's own thread (main before the eighteenth
// session: pgliteInProcess) and through one on a PGlite in a worker thread (pglite-thread.ts,
// the product path now), alternating segment by segment, each pair taking turns going first,
// beside the plain INSERT ceiling on each (the ceiling on each side pays that side's way to
// its PGlite). The first segment is pushed and inserted once, untimed, on each side first
// (WebAssembly and the JIT warm up). On a shared machine two bench:sync runs minutes apart
// swing by more than the difference; this shares the swings.
//   SYNC_BENCH_N=20000 node --import tsx bench/push-thread-ab.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createApp } from '../server/src/app.ts';
import { createToken, createWorkspace } from '../server/src/auth.ts';
import { pgliteDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import { PUSHES_IN_FLIGHT } from '../src/renderer/src/sync/push.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const N = Number(process.env.SYNC_BENCH_N ?? 20_000);
const sides = [
  { name: 'one thread (main)', db: await pgliteDatabase(undefined, { thread: false }) },
  { name: 'worker thread', db: await pgliteDatabase(undefined, { thread: true }) },
];
for (const [i, side] of sides.entries()) {
  await migrate(side.db);
  const workspace = await createWorkspace(side.db, `thread ab ${i} ${Date.now()}`);
  side.token = (await createToken(side.db, workspace, 'bench')).token;
  side.app = createApp(side.db, { log: () => undefined, logLevel: 'warn' });
  side.table = `bench_thread_${i}`;
  await side.db.exec(
    `DROP TABLE IF EXISTS ${side.table}; CREATE TABLE ${side.table} (id text PRIMARY KEY, data jsonb)`,
  );
  side.pushMs = 0;
  side.insertMs = 0;
}

// CPU time of each thread of this process (utime + stime from /proc, in clock ticks of 10 ms):
// the pushes' CPU on the main thread and on the busiest other (the worker, where there is one),
// what the push would take on a machine with a core free for each.
function threadTicks() {
  const ticks = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(tid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return ticks;
}
function addTicks(side, before, key = 'cpu') {
  side[key] ??= new Map();
  for (const [tid, after] of threadTicks())
    side[key].set(tid, (side[key].get(tid) ?? 0) + after - (before.get(tid) ?? 0));
}
/** Main thread's CPU, the busiest other thread's, all threads', in ms. */
function cpuOf(ticks) {
  const main = (ticks.get(String(process.pid)) ?? 0) * 10;
  const others = [...ticks].filter(([tid]) => tid !== String(process.pid)).map(([, t]) => t * 10);
  return { main, busiest: Math.max(0, ...others), all: main + others.reduce((a, b) => a + b, 0) };
}

async function pushBatch(side, first, batch) {
  const body = Buffer.from(
    JSON.stringify({
      client_id: side.client ?? 'thread-ab-client',
      first_seq: first,
      changes: batch,
    }),
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
// Warm-up, untimed: the first segment under another workspace and table on each side.
for (const side of sides) {
  const token = side.token;
  const workspace = await createWorkspace(side.db, `thread ab warm ${Date.now()}`);
  side.token = (await createToken(side.db, workspace, 'bench')).token;
  const table = side.table;
  side.table = `${table}_warm`;
  await side.db.exec(
    `DROP TABLE IF EXISTS ${side.table}; CREATE TABLE ${side.table} (id text PRIMARY KEY, data jsonb)`,
  );
  let first = 1;
  const firsts = all
    .slice(0, segment)
    .map((batch) => ((first += batch.length), first - batch.length));
  await windowed(firsts.length, PUSHES_IN_FLIGHT, (i) => pushBatch(side, firsts[i], all[i]));
  for (const batch of all.slice(0, segment)) await plainInsert(side, batch);
  await side.db.exec(`DROP TABLE ${side.table}`);
  side.token = token;
  side.table = table;
}
let seq = 1;
for (let from = 0; from < all.length; from += segment) {
  const part = all.slice(from, from + segment);
  const firsts = [];
  for (const batch of part) {
    firsts.push(seq);
    seq += batch.length;
  }
  const order = (from / segment) % 2 === 0 ? sides : [...sides].reverse();
  for (const side of order) {
    const ticks = threadTicks();
    const began = performance.now();
    await windowed(part.length, PUSHES_IN_FLIGHT, (i) => pushBatch(side, firsts[i], part[i]));
    side.pushMs += performance.now() - began;
    addTicks(side, ticks);
  }
  for (const side of order) {
    const ticks = threadTicks();
    const began = performance.now();
    for (const batch of part) await plainInsert(side, batch);
    side.insertMs += performance.now() - began;
    addTicks(side, ticks, 'insertCpu');
  }
}
const total = all.reduce((sum, batch) => sum + batch.length, 0);
console.log(`PGlite, ${total.toLocaleString('en-US')} changes, ${PUSHES_IN_FLIGHT} in flight`);
for (const side of sides)
  console.log(
    `  ${side.name}: push ${Math.round((total / side.pushMs) * 1000).toLocaleString('en-US')} changes/s, ceiling ${Math.round((total / side.insertMs) * 1000).toLocaleString('en-US')} rows/s, push/ceiling ${(side.insertMs / side.pushMs).toFixed(2)}`,
  );
for (const side of sides) {
  const push = cpuOf(side.cpu);
  const insert = cpuOf(side.insertCpu);
  const pushBound = Math.max(push.main, push.busiest);
  const insertBound = Math.max(insert.main, insert.busiest);
  console.log(
    `  ${side.name}, CPU: pushes main thread ${push.main} ms, busiest other ${push.busiest} ms, all ${push.all} ms (wall ${Math.round(side.pushMs)}); ceiling main ${insert.main} ms, busiest other ${insert.busiest} ms, all ${insert.all} ms (wall ${Math.round(side.insertMs)}); with a core free for each thread, push/ceiling at best ${(insertBound / pushBound).toFixed(2)}`,
  );
}
console.log(
  `  worker / one thread, push time: ${(sides[1].pushMs / sides[0].pushMs).toFixed(2)}, ceiling time: ${(sides[1].insertMs / sides[0].insertMs).toFixed(2)}; load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const side of sides) {
  await side.db.exec(`DROP TABLE ${side.table}`);
  await side.db.close();
}
