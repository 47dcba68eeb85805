// Probe: the same pushes with one and with two in flight (the app: push.ts), alternating
// segment by segment in one process, counting transactions (step-by-step pushes) and statements.
//   DATABASE_URL=… SYNC_BENCH_N=20000 [PROBE_REVERSE=1] [PROBE_RTT_MS=50] node --import tsx bench/push-window-probe.mjs
// PROBE_REVERSE=1 runs two in flight first in each segment (whichever runs first came out slower).
import { createApp } from '../server/src/app.ts';
import { createToken, createWorkspace } from '../server/src/auth.ts';
import { pgliteDatabase, postgresDatabase } from '../server/src/db.ts';
import { migrate } from '../server/src/migrations.ts';
import { benchBatches } from './sync-bench-changes.mjs';

const N = Number(process.env.SYNC_BENCH_N ?? 10_000);
const url = process.env.DATABASE_URL;
const raw = url ? postgresDatabase(url) : await pgliteDatabase();
await migrate(raw);
const counts = { transactions: 0, queries: 0 };
const db = {
  ...raw,
  query: (...args) => {
    counts.queries += 1;
    return raw.query(...args);
  },
  transaction: (work) => {
    counts.transactions += 1;
    return raw.transaction(work);
  },
};
const app = createApp(db, { log: () => undefined, logLevel: 'warn' });
const all = benchBatches(N, 500);
const ws = [];
for (const name of ['one', 'two']) {
  const id = await createWorkspace(raw, `probe ${name} ${Date.now()}`);
  ws.push((await createToken(raw, id, 'probe')).token);
}
// PROBE_RTT_MS: a network's round trip, half before the request and half after its answer.
const rtt = Number(process.env.PROBE_RTT_MS ?? 0);
const sleep = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);
async function pushBatch(bearer, first, batch) {
  await sleep(rtt / 2);
  const body = Buffer.from(
    JSON.stringify({ client_id: 'probe-client', first_seq: first, changes: batch }),
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
  await sleep(rtt / 2);
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
const ms = [0, 0];
const tx = [0, 0];
const q = [0, 0];
let seq = 1;
const segment = 8;
for (let from = 0; from < all.length; from += segment) {
  const part = all.slice(from, from + segment);
  const firsts = [];
  for (const b of part) {
    firsts.push(seq);
    seq += b.length;
  }
  for (const w of process.env.PROBE_REVERSE ? [1, 0] : [0, 1]) {
    const t0 = counts.transactions,
      q0 = counts.queries;
    const started = performance.now();
    await windowed(part.length, w + 1, (i) => pushBatch(ws[w], firsts[i], part[i]));
    ms[w] += performance.now() - started;
    tx[w] += counts.transactions - t0;
    q[w] += counts.queries - q0;
  }
}
console.log(
  `pushes: ${all.length} each; one in flight ${ms[0].toFixed(0)} ms (tx ${tx[0]}, queries ${q[0]}); two in flight ${ms[1].toFixed(0)} ms (tx ${tx[1]}, queries ${q[1]}); two/one time ${(ms[1] / ms[0]).toFixed(2)}`,
);
await raw.close();
