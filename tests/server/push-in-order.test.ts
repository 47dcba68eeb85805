/**
 * Two pushes of one client in flight (the app's client keeps two: push.ts): the server applies
 * batch n+1 only right after batch n, whatever order they reach it in. A push that arrives
 * while the client's push ending where it starts is being written in this process waits for
 * it; across server processes the client row's lock orders them; a push that meets a gap
 * (its predecessor refused, lost, or simply not there yet) stores nothing at all, on both
 * engines. Each `createApp` stands for a server process (its own pushes in flight, its own
 * pool on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import type { Database } from '../../server/src/db';
import { postgresDatabase } from '../../server/src/db';
import { SyncError, clientOrder } from '../../server/src/sync-store';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { pushTo, put } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** What the server holds for a workspace and one client: rows, version, progress, digests. */
async function stored(workspaceId: string, clientId: string) {
  const [rows] = await server.db.query<{ ids: string | null }>(
    `SELECT string_agg(id, ',' ORDER BY id) AS ids FROM team_members
     WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1)`,
    [workspaceId],
  );
  const [workspace] = await server.db.query<{ version: number | string }>(
    'SELECT version FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  const [client] = await server.db.query<{ last_seq: number | string }>(
    'SELECT last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2',
    [workspaceId, clientId],
  );
  const [digests] = await server.db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM sync_batches WHERE workspace_id = $1 AND client_id = $2',
    [workspaceId, clientId],
  );
  return {
    rows: rows?.ids ?? '',
    version: Number(workspace?.version),
    lastSeq: client ? Number(client.last_seq) : null,
    digests: Number(digests?.n),
  };
}

describe('a push in flight and the one behind it, in this process', () => {
  const envelope = (first: number, count: number) => ({
    client_id: 'c',
    first_seq: first,
    changes: Array.from({ length: count }, () => ({})),
  });

  it('the push starting where the one in flight ends waits for it to settle; others do not', async () => {
    const inClientOrder = clientOrder();
    const order: string[] = [];
    const holdN = gate();
    const n = inClientOrder('token', envelope(1, 3), async () => {
      order.push('n starts');
      await holdN.opened;
      order.push('n ends');
    });
    const next = inClientOrder('token', envelope(4, 2), async () => {
      order.push('n+1 starts');
    });
    // Another client, another token, or a push not right behind n run at once.
    await inClientOrder('other token', envelope(4, 2), async () => order.push('other token'));
    await inClientOrder('token', { ...envelope(4, 2), client_id: 'd' }, async () =>
      order.push('other client'),
    );
    await inClientOrder('token', envelope(9, 1), async () => order.push('not behind n'));
    expect(order).toEqual(['n starts', 'other token', 'other client', 'not behind n']);
    holdN.open();
    await Promise.all([n, next]);
    expect(order.slice(-2)).toEqual(['n ends', 'n+1 starts']);
    expect(inClientOrder.pushing()).toBe(0);
  });

  it("with its statement sent early: sent once n's is on its way, answered after n, run again after n when it wrote nothing", async () => {
    const inClientOrder = clientOrder();
    const order: string[] = [];
    const holdN = gate();
    const n = inClientOrder('token', envelope(1, 3), async () => {
      order.push('n starts');
      await holdN.opened;
      order.push('n ends');
    });
    const wroteNothing = inClientOrder(
      'token',
      envelope(4, 2),
      async () => {
        order.push('n+1 runs');
        return 'ran';
      },
      async () => {
        order.push('n+1 early');
        return null;
      },
    );
    await aFewTurns();
    expect(order).toEqual(['n starts', 'n+1 early']);
    holdN.open();
    expect(await wroteNothing).toBe('ran');
    await n;
    expect(order).toEqual(['n starts', 'n+1 early', 'n ends', 'n+1 runs']);

    const holdM = gate();
    const m = inClientOrder('token', envelope(10, 1), async () => {
      await holdM.opened;
      order.push('m answered');
    });
    const wrote = inClientOrder(
      'token',
      envelope(11, 1),
      async () => 'ran',
      async () => 'early',
    ).then((result) => {
      order.push('m+1 answered');
      return result;
    });
    await aFewTurns();
    expect(order.slice(4)).toEqual([]);
    holdM.open();
    expect(await wrote).toBe('early');
    await m;
    expect(order.slice(4)).toEqual(['m answered', 'm+1 answered']);
    expect(inClientOrder.pushing()).toBe(0);
  });

  it('a failed push lets the one behind it go (and it meets what the database says)', async () => {
    const inClientOrder = clientOrder();
    const order: string[] = [];
    const n = inClientOrder('token', envelope(1, 1), async () => {
      await Promise.resolve();
      throw new Error('refused');
    });
    const next = inClientOrder('token', envelope(2, 1), async () => order.push('n+1 ran'));
    await expect(n).rejects.toThrow('refused');
    await next;
    expect(order).toEqual(['n+1 ran']);
    expect(inClientOrder.pushing()).toBe(0);
  });

  it('through the app: n and n+1 sent together are both applied, in order, with no gap answered', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    await pushTo(server.app, token, 'client-pair-001', 1, [put('p0', { name: 'P0' }, hlcAt(t))]);
    for (let round = 0; round < 5; round += 1) {
      const first = 2 + round * 4;
      const [n, next] = await Promise.all([
        pushTo(server.app, token, 'client-pair-001', first, [
          put(`a${round}`, { name: 'A' }, hlcAt(t, 'node1', round * 4)),
          put(`b${round}`, { name: 'B' }, hlcAt(t, 'node1', round * 4 + 1)),
        ]),
        pushTo(server.app, token, 'client-pair-001', first + 2, [
          put(`c${round}`, { name: 'C' }, hlcAt(t, 'node1', round * 4 + 2)),
          put(`d${round}`, { name: 'D' }, hlcAt(t, 'node1', round * 4 + 3)),
        ]),
      ]);
      expect([n.status, next.status]).toEqual([200, 200]);
      expect(next.body.version).toBe(n.body.version + 1);
    }
    expect((await stored(workspaceId, 'client-pair-001')).lastSeq).toBe(21);
  });
});

/**
 * The server's database with the push statement of one push (by its first sequence, the
 * statement's third parameter) held until `release`: before it reaches the database, or
 * (`hold: 'result'`) after the database ran and committed it, its result held back. Every push
 * statement's start and end recorded (`events`); the held statement made to fail when `fail`
 * says so.
 */
function holdingDatabase(
  db: Database,
  heldFirst: number,
  { fail = false, hold = 'statement' }: { fail?: boolean; hold?: 'statement' | 'result' } = {},
) {
  const events: string[] = [];
  const held = gate();
  const reached = gate();
  const holding: Database = {
    ...db,
    async query<Row>(text: string, params: unknown[] = [], options?: { prepare?: boolean }) {
      // The one-statement push (its token, client row, version, rows and digests).
      if (!options?.prepare || !text.includes('INSERT INTO sync_batches'))
        return db.query<Row>(text, params, options);
      const first = Number(params[2]);
      events.push(`${first} sent`);
      if (first === heldFirst && hold === 'statement') {
        reached.open();
        await held.opened;
        if (fail) {
          events.push(`${first} failed`);
          throw new Error('the database failed (test)');
        }
      }
      try {
        const rows = await db.query<Row>(text, params, options);
        if (first === heldFirst && hold === 'result') {
          events.push(`${first} committed`);
          reached.open();
          await held.opened;
        }
        return rows;
      } finally {
        events.push(`${first} settled`);
      }
    },
  };
  return { holding, events, release: held.open, reached: reached.opened };
}

/** Lets every queued task and microtask run, a few rounds (n+1 reading its body, waiting). */
async function aFewTurns() {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** Resolves once `events` holds `event` (polled: the database answers when it does). */
async function seen(events: string[], event: string) {
  while (!events.includes(event)) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A push's answer, and whether it has come yet. */
function watched<T>(answer: Promise<T>) {
  const state = { answered: false, answer };
  void answer.then(
    () => (state.answered = true),
    () => (state.answered = true),
  );
  return state;
}

describe("n+1's statement, sent while n is written (this process, a slow database)", () => {
  it('n held before its statement reaches the database: n+1 sent at once stores nothing ahead of n; after n, both applied in order', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const { holding, events, release, reached } = holdingDatabase(server.db, 2);
    const app = createApp(holding, { log: () => undefined });
    const t = Date.now();
    await pushTo(app, token, 'client-slow-001', 1, [put('k0', { name: 'K0' }, hlcAt(t))]);
    const before = await stored(workspaceId, 'client-slow-001');
    const n = pushTo(app, token, 'client-slow-001', 2, [
      put('k1', { name: 'K1' }, hlcAt(t, 'node1', 1)),
    ]);
    await reached;
    const next = watched(
      pushTo(app, token, 'client-slow-001', 3, [put('k2', { name: 'K2' }, hlcAt(t, 'node1', 2))]),
    );
    // n+1's statement went to the database at once and found the client's progress short of
    // where it starts: it wrote nothing, and waits for n.
    await seen(events, '3 settled');
    await aFewTurns();
    expect(events).toEqual(['1 sent', '1 settled', '2 sent', '3 sent', '3 settled']);
    expect(next.answered).toBe(false);
    expect(await stored(workspaceId, 'client-slow-001')).toEqual(before);
    release();
    const [answerN, answerNext] = await Promise.all([n, next.answer]);
    expect([answerN.status, answerNext.status]).toEqual([200, 200]);
    expect(answerNext.body.version).toBe(answerN.body.version + 1);
    expect(events.slice(5)).toEqual(['2 settled', '3 sent', '3 settled']);
    expect(await stored(workspaceId, 'client-slow-001')).toMatchObject({
      rows: 'k0,k1,k2',
      lastSeq: 3,
    });
  });

  it("n's statement fails in the database: n+1 behind it is told a gap and stores nothing", async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const { holding, events, release, reached } = holdingDatabase(server.db, 2, { fail: true });
    const app = createApp(holding, { log: () => undefined });
    const t = Date.now();
    await pushTo(app, token, 'client-slow-002', 1, [put('m0', { name: 'M0' }, hlcAt(t))]);
    const before = await stored(workspaceId, 'client-slow-002');
    const n = pushTo(app, token, 'client-slow-002', 2, [
      put('m1', { name: 'M1' }, hlcAt(t, 'node1', 1)),
    ]);
    await reached;
    const next = pushTo(app, token, 'client-slow-002', 3, [
      put('m2', { name: 'M2' }, hlcAt(t, 'node1', 2)),
    ]);
    await seen(events, '3 settled');
    expect(events).toEqual(['1 sent', '1 settled', '2 sent', '3 sent', '3 settled']);
    release();
    const [answerN, answerNext] = await Promise.all([n, next]);
    expect(answerN.status).toBe(500);
    expect(answerNext.body).toMatchObject({
      error: { code: 'sequence_gap', details: { expected_seq: 2 } },
    });
    expect(events.slice(5)).toEqual(['2 failed', '3 sent', '3 settled']);
    expect(await stored(workspaceId, 'client-slow-002')).toEqual(before);
  });

  it("n committed but not yet answered: n+1's statement, sent at once, is applied right behind n and answered only after n", async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const { holding, events, release, reached } = holdingDatabase(server.db, 2, {
      hold: 'result',
    });
    const app = createApp(holding, { log: () => undefined });
    const t = Date.now();
    await pushTo(app, token, 'client-slow-003', 1, [put('r0', { name: 'R0' }, hlcAt(t))]);
    const n = watched(
      pushTo(app, token, 'client-slow-003', 2, [put('r1', { name: 'R1' }, hlcAt(t, 'node1', 1))]),
    );
    await reached;
    const next = watched(
      pushTo(app, token, 'client-slow-003', 3, [put('r2', { name: 'R2' }, hlcAt(t, 'node1', 2))]),
    );
    await seen(events, '3 settled');
    await aFewTurns();
    // Stored by its one statement, right behind n, but not answered before n.
    expect(events).toEqual(['1 sent', '1 settled', '2 sent', '2 committed', '3 sent', '3 settled']);
    expect(await stored(workspaceId, 'client-slow-003')).toMatchObject({
      rows: 'r0,r1,r2',
      lastSeq: 3,
    });
    expect([n.answered, next.answered]).toEqual([false, false]);
    const answered: string[] = [];
    void n.answer.then(() => answered.push('n'));
    void next.answer.then(() => answered.push('n+1'));
    release();
    const [answerN, answerNext] = await Promise.all([n.answer, next.answer]);
    expect([answerN.status, answerNext.status]).toEqual([200, 200]);
    expect(answerNext.body.version).toBe(answerN.body.version + 1);
    expect(answered).toEqual(['n', 'n+1']);
  });
});

describe('a push behind a gap stores nothing (both engines)', () => {
  it('n+1 reaching the server before n: a gap, nothing of it stored; then n, then n+1 again: both applied', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    await pushTo(server.app, token, 'client-gap-0001', 1, [put('g0', { name: 'G0' }, hlcAt(t))]);
    const before = await stored(workspaceId, 'client-gap-0001');
    const early = await pushTo(server.app, token, 'client-gap-0001', 4, [
      put('g3', { name: 'G3' }, hlcAt(t, 'node1', 3)),
    ]);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      error: { code: 'sequence_gap', details: { expected_seq: 2 } },
    });
    expect(await stored(workspaceId, 'client-gap-0001')).toEqual(before);
    const n = await pushTo(server.app, token, 'client-gap-0001', 2, [
      put('g1', { name: 'G1' }, hlcAt(t, 'node1', 1)),
      put('g2', { name: 'G2' }, hlcAt(t, 'node1', 2)),
    ]);
    const again = await pushTo(server.app, token, 'client-gap-0001', 4, [
      put('g3', { name: 'G3' }, hlcAt(t, 'node1', 3)),
    ]);
    expect([n.status, again.status]).toEqual([200, 200]);
    expect(await stored(workspaceId, 'client-gap-0001')).toEqual({
      rows: 'g0,g1,g2,g3',
      version: before.version + 2,
      lastSeq: 4,
      digests: before.digests + 2,
    });
  });

  it('n refused (a bad change), n+1 sent behind it: a gap, nothing of either stored', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const t = Date.now();
    await pushTo(server.app, token, 'client-bad-0001', 1, [put('h0', { name: 'H0' }, hlcAt(t))]);
    const before = await stored(workspaceId, 'client-bad-0001');
    const [n, next] = await Promise.all([
      pushTo(server.app, token, 'client-bad-0001', 2, [
        put('h1', { name: 'H1' }, hlcAt(t, 'node1', 1)),
        put('h2', { name: 'Bad\u0001' }, hlcAt(t, 'node1', 2)),
      ]),
      pushTo(server.app, token, 'client-bad-0001', 4, [
        put('h3', { name: 'H3' }, hlcAt(t, 'node1', 3)),
      ]),
    ]);
    expect(n.body).toMatchObject({ error: { code: 'invalid_change' } });
    expect(next.body).toMatchObject({
      error: { code: 'sequence_gap', details: { expected_seq: 2 } },
    });
    expect(await stored(workspaceId, 'client-bad-0001')).toEqual(before);
  });
});

const usesPostgres = !!process.env.DATABASE_URL;

/** Resolves once `count` other connections of this database wait for a lock. */
async function someoneWaitsForALock(db: Database, count = 1): Promise<'waiting'> {
  for (;;) {
    const [row] = await db.query<{ n: number | string }>(
      `SELECT count(DISTINCT l.pid) AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE NOT l.granted AND a.datname = current_database()`,
    );
    if (Number(row?.n) >= count) return 'waiting';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The client's row locked by another transaction (as another server process's push would hold
 * it) until `release`: pushes sent meanwhile wait for it in the database, in the order they
 * reach the lock.
 */
async function clientRowLocked(workspaceId: string, clientId: string) {
  const held = gate();
  const locked = gate();
  const done = server.db.transaction(async (tx) => {
    await tx.query(
      'SELECT 1 FROM sync_clients WHERE workspace_id = $1 AND client_id = $2 FOR UPDATE',
      [workspaceId, clientId],
    );
    locked.open();
    await held.opened;
  });
  await locked.opened;
  return {
    release: async () => {
      held.open();
      await done;
    },
  };
}

describe.skipIf(!usesPostgres)("n+1's statement waiting in the database behind n's", () => {
  it('both wait on the client row: once n commits, n+1 is applied by the statement it sent, right behind n (one statement each)', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const { holding, events } = holdingDatabase(server.db, -1);
    const app = createApp(holding, { log: () => undefined });
    const t = Date.now();
    await pushTo(app, token, 'client-wait-001', 1, [put('w0', { name: 'W0' }, hlcAt(t))]);
    const lock = await clientRowLocked(workspaceId, 'client-wait-001');
    let n: ReturnType<typeof pushTo> | undefined;
    let next: ReturnType<typeof pushTo> | undefined;
    try {
      n = pushTo(app, token, 'client-wait-001', 2, [
        put('w1', { name: 'W1' }, hlcAt(t, 'node1', 1)),
      ]);
      await someoneWaitsForALock(server.db, 1);
      next = pushTo(app, token, 'client-wait-001', 3, [
        put('w2', { name: 'W2' }, hlcAt(t, 'node1', 2)),
      ]);
      // n+1's statement waits in the database behind n's (not back with nothing written).
      expect(
        await Promise.race([
          seen(events, '3 settled').then(() => 'back' as const),
          someoneWaitsForALock(server.db, 2),
        ]),
      ).toBe('waiting');
    } finally {
      await lock.release();
    }
    const [answerN, answerNext] = await Promise.all([n, next]);
    expect([answerN?.status, answerNext?.status]).toEqual([200, 200]);
    expect(answerNext?.body.version).toBe((answerN?.body.version ?? 0) + 1);
    // n+1's statement saw n's progress as n committed it (not as it was when it started).
    expect(events.filter((event) => event.endsWith('sent'))).toEqual([
      '1 sent',
      '2 sent',
      '3 sent',
    ]);
    expect(await stored(workspaceId, 'client-wait-001')).toMatchObject({
      rows: 'w0,w1,w2',
      lastSeq: 3,
    });
  });

  it('n refused after n+1 reached the client row behind it: n+1 stores nothing and is told a gap', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const { holding, events } = holdingDatabase(server.db, -1);
    const app = createApp(holding, { log: () => undefined });
    const t = Date.now();
    await pushTo(app, token, 'client-wait-002', 1, [put('v0', { name: 'V0' }, hlcAt(t))]);
    const before = await stored(workspaceId, 'client-wait-002');
    const lock = await clientRowLocked(workspaceId, 'client-wait-002');
    let n: ReturnType<typeof pushTo> | undefined;
    let next: ReturnType<typeof pushTo> | undefined;
    try {
      // A bad change: n runs step by step, waits for the client row, then is refused (422)
      // and rolls back, after n+1's statement has queued behind it.
      n = pushTo(app, token, 'client-wait-002', 2, [
        put('v1', { name: 'Bad\u0001' }, hlcAt(t, 'node1', 1)),
      ]);
      await someoneWaitsForALock(server.db, 1);
      next = pushTo(app, token, 'client-wait-002', 3, [
        put('v2', { name: 'V2' }, hlcAt(t, 'node1', 2)),
      ]);
      expect(
        await Promise.race([
          seen(events, '3 settled').then(() => 'back' as const),
          someoneWaitsForALock(server.db, 2),
        ]),
      ).toBe('waiting');
    } finally {
      await lock.release();
    }
    const [answerN, answerNext] = await Promise.all([n, next]);
    expect(answerN?.body).toMatchObject({ error: { code: 'invalid_change' } });
    expect(answerNext?.body).toMatchObject({
      error: { code: 'sequence_gap', details: { expected_seq: 2 } },
    });
    expect(await stored(workspaceId, 'client-wait-002')).toEqual(before);
  });
});

describe.skipIf(!usesPostgres)('two server processes on one PostgreSQL', () => {
  it('n held open in one process, n+1 through another: n+1 waits on the client row and is applied after n, not told a gap', async () => {
    const held = gate();
    const reached = gate();
    const otherDb = postgresDatabase(process.env.DATABASE_URL as string);
    // "Process" A: its own pool, its push held once it has locked the client and taken a version.
    const processA = createApp(otherDb, {
      log: () => undefined,
      pushHooks: {
        async afterVersion() {
          reached.open();
          await held.opened;
        },
      },
    });
    try {
      const { token, workspaceId } = await newWorkspace(server);
      const t = Date.now();
      await pushTo(server.app, token, 'client-two-0001', 1, [put('q0', { name: 'Q0' }, hlcAt(t))]);
      const n = pushTo(processA, token, 'client-two-0001', 2, [
        put('q1', { name: 'Q1' }, hlcAt(t, 'node1', 1)),
      ]);
      await reached.opened;
      // Process B (the one statement: its client-row update waits for A's lock).
      const next = pushTo(server.app, token, 'client-two-0001', 3, [
        put('q2', { name: 'Q2' }, hlcAt(t, 'node1', 2)),
      ]);
      const first = await Promise.race([
        next.then(() => 'answered' as const),
        someoneWaitsForALock(server.db),
      ]);
      expect(first).toBe('waiting');
      held.open();
      const [answerN, answerNext] = await Promise.all([n, next]);
      expect([answerN.status, answerNext.status]).toEqual([200, 200]);
      expect(answerNext.body.version).toBeGreaterThan(answerN.body.version);
      expect(await stored(workspaceId, 'client-two-0001')).toMatchObject({
        rows: 'q0,q1,q2',
        lastSeq: 3,
      });
    } finally {
      held.open();
      await otherDb.close();
    }
  });

  it('n refused in one process while n+1 waits in another: n+1 is told a gap and stores nothing', async () => {
    const held = gate();
    const reached = gate();
    const otherDb = postgresDatabase(process.env.DATABASE_URL as string);
    const processA = createApp(otherDb, {
      log: () => undefined,
      pushHooks: {
        // Held with the client row locked, then refused: its transaction rolls back.
        async afterVersion() {
          reached.open();
          await held.opened;
          throw new SyncError('invalid_change', 422, 'refused after the lock (test)');
        },
      },
    });
    try {
      const { token, workspaceId } = await newWorkspace(server);
      const t = Date.now();
      await pushTo(server.app, token, 'client-two-0002', 1, [put('s0', { name: 'S0' }, hlcAt(t))]);
      const before = await stored(workspaceId, 'client-two-0002');
      const n = pushTo(processA, token, 'client-two-0002', 2, [
        put('s1', { name: 'S1' }, hlcAt(t, 'node1', 1)),
      ]);
      await reached.opened;
      const next = pushTo(server.app, token, 'client-two-0002', 3, [
        put('s2', { name: 'S2' }, hlcAt(t, 'node1', 2)),
      ]);
      expect(
        await Promise.race([next.then(() => 'answered' as const), someoneWaitsForALock(server.db)]),
      ).toBe('waiting');
      held.open();
      const [answerN, answerNext] = await Promise.all([n, next]);
      expect(answerN.status).toBe(422);
      expect(answerNext.body).toMatchObject({
        error: { code: 'sequence_gap', details: { expected_seq: 2 } },
      });
      expect(await stored(workspaceId, 'client-two-0002')).toEqual(before);
    } finally {
      held.open();
      await otherDb.close();
    }
  });
});
