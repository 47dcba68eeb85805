/**
 * Two pushes in flight (push.ts, PUSHES_IN_FLIGHT): batch n+1 is sent before batch n is
 * answered, and every repair still holds. A refusal, a body too large or a lost connection for
 * batch n with n+1 in flight: n+1 meets a gap on the server and changes nothing there; the
 * client waits for both, repairs n as with one push at a time, and the outbox goes out whole,
 * without renumbering what was sent and without a new client id. Answers arriving in the other
 * order, or n+1 reaching the server before n, change nothing of the outcome.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { syncOnce } from '../../src/renderer/src/sync/engine';
import { clientId } from '../../src/renderer/src/sync/outbox';
import { PUSHES_IN_FLIGHT } from '../../src/renderer/src/sync/push';
import { SYNC_KEYS } from '../../src/renderer/src/sync/sync-state';
import type { SyncRequest, SyncTransport } from '../../src/renderer/src/sync/transport';
import { SyncOfflineError, SyncServerError } from '../../src/renderer/src/sync/transport';
import type { TestServer } from '../server/harness';
import { appTransport, newWorkspace, startTestServer } from '../server/harness';
import { draft } from '../unit/helpers';
import { laptop, member, writeAsOldVersion } from './clients';
import type { Laptop } from './clients';
import { localClock } from '../../src/renderer/src/db/change-capture-middleware';

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

/** Waits for a gate, or a while at most, so that a client sending one push at a time fails the ordering checks instead of hanging. */
const atMostAWhile = (opened: Promise<void>) =>
  Promise.race([opened, new Promise<void>((resolve) => setTimeout(resolve, 3_000))]);

type Push = { first: number; count: number; rowIds: string[] };
type Event = { at: number; what: 'sent' | 'answered'; answer?: string };

/**
 * A transport that numbers the pushes it is given (0, 1, …), records when each was sent and
 * answered (200 or the error code), and lets a test act around each: `deliver(index, send)`
 * decides when the push reaches the server and when its answer goes back.
 */
function watched(
  inner: SyncTransport,
  deliver: (index: number, send: () => Promise<unknown>) => Promise<unknown> = (_i, send) => send(),
) {
  const pushes: Push[] = [];
  const events: Event[] = [];
  const sent: ReturnType<typeof gate>[] = [];
  const answered: ReturnType<typeof gate>[] = [];
  const gateAt = (list: ReturnType<typeof gate>[], index: number) => {
    while (list.length <= index) list.push(gate());
    return list[index] as ReturnType<typeof gate>;
  };
  const transport: SyncTransport = async (request: SyncRequest) => {
    if (request.method !== 'POST' || request.path !== '/v1/push') return inner(request);
    const body = request.body as {
      first_seq: number;
      changes: { row_id: string }[];
    };
    const at = pushes.length;
    pushes.push({
      first: body.first_seq,
      count: body.changes.length,
      rowIds: body.changes.map((change) => change.row_id),
    });
    events.push({ at, what: 'sent' });
    gateAt(sent, at).open();
    try {
      const answer = await deliver(at, () => inner(request));
      events.push({ at, what: 'answered', answer: '200' });
      return answer;
    } catch (error) {
      events.push({
        at,
        what: 'answered',
        answer: error instanceof SyncServerError ? error.code : 'dropped',
      });
      throw error;
    } finally {
      gateAt(answered, at).open();
    }
  };
  return {
    transport,
    pushes,
    events,
    sent: (index: number) => gateAt(sent, index).opened,
    answered: (index: number) => gateAt(answered, index).opened,
    /** The answers in the order they came: "index:code". */
    answers: () => events.filter((e) => e.what === 'answered').map((e) => `${e.at}:${e.answer}`),
    /** Whether push `later` was sent before push `earlier` was answered. */
    overlapped: (earlier: number, later: number) =>
      events.findIndex((e) => e.at === later && e.what === 'sent') <
      events.findIndex((e) => e.at === earlier && e.what === 'answered'),
  };
}

async function serverRows(workspaceId: string, table: string): Promise<string[]> {
  return (
    await server.db.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) ORDER BY id`,
      [workspaceId],
    )
  ).map((row) => row.id);
}

/** The laptop's client id (given on first use). */
async function clientIdOf(side: Laptop): Promise<string> {
  await clientId(side.db);
  return (await side.db.sync_state.get(SYNC_KEYS.clientId))?.value as string;
}

async function members(side: Laptop, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const m = member(name);
    await side.db.team_members.add(m);
    ids.push(m.id);
  }
  return ids;
}

describe('two pushes in flight', () => {
  it('the app keeps two pushes in flight: batch n+1 goes before n is answered, numbered after it', async () => {
    expect(PUSHES_IN_FLIGHT).toBe(2);
    const { token, workspaceId } = await newWorkspace(server);
    const watch = watched(appTransport(server, token), async (index, send) => {
      const answer = await send();
      // Push 0's answer goes back only once push 1 was sent.
      if (index === 0) await atMostAWhile(watch.sent(1));
      return answer;
    });
    const a = laptop(server, token, watch.transport);
    const ids = await members(a, ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const result = await a.sync({ batchSize: 2 });
    expect(result.pushed).toBe(7);
    expect(watch.overlapped(0, 1)).toBe(true);
    expect(watch.pushes.map((p) => [p.first, p.count])).toEqual([
      [1, 2],
      [3, 2],
      [5, 2],
      [7, 1],
    ]);
    expect(watch.answers().every((answer) => answer.endsWith(':200'))).toBe(true);
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([...ids].sort());
  });

  it('a bad change in batch n with n+1 in flight: n+1 meets a gap and stores nothing; n is repaired as before; no number is repaired', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const seenAtGap: string[][] = [];
    const watch = watched(appTransport(server, token), async (index, send) => {
      try {
        return await send();
      } catch (error) {
        if (error instanceof SyncServerError && error.code === 'sequence_gap')
          seenAtGap.push(await serverRows(workspaceId, 'team_members'));
        // Push 0's answer goes back only once push 1 was sent.
        if (index === 0) await atMostAWhile(watch.sent(1));
        throw error;
      }
    });
    const a = laptop(server, token, watch.transport);
    const [first] = await members(a, ['Good 1']);
    const bad = member('Bad\u0001');
    await writeAsOldVersion(a.db, 'team_members', bad, localClock(a.db.name).tick());
    const rest = await members(a, ['Good 2', 'Good 3', 'Good 4']);
    const client = await clientIdOf(a);
    const result = await a.sync({ batchSize: 2 });
    expect(result.setAside).toBe(1);
    expect(watch.overlapped(0, 1)).toBe(true);
    expect(watch.answers().slice(0, 2)).toEqual(['0:invalid_change', '1:sequence_gap']);
    // When the gap was answered, nothing of push 1 (nor of push 0) was on the server.
    expect(seenAtGap).toEqual([[]]);
    // The repair: the bad change set aside, the rest renumbered from 1 and sent.
    expect(watch.pushes.slice(2).map((p) => [p.first, p.count])).toEqual([
      [1, 2],
      [3, 2],
    ]);
    expect(watch.answers().slice(2)).toEqual(['2:200', '3:200']);
    expect(await clientIdOf(a)).toBe(client);
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(await a.db.sync_quarantine.count()).toBe(1);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([first, ...rest].sort());
  });

  it('batch n too large (413) with n+1 in flight: n+1 meets a gap and stores nothing; the batch is halved; everything arrives', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const a = laptop(server, token);
    const service = createCustomerService(a.db);
    const customers: string[] = [];
    for (const first of ['Ana', 'Ben']) {
      const made = await service.create(draft({ first_name: first, last_name: 'Lima' }), 'DE');
      if (!made.ok) throw new Error('setup failed');
      customers.push(made.value);
    }
    await a.sync();
    // Two notes of 2.5 MB: one push may carry one of them, not both (4 MiB).
    for (const id of customers)
      await a.db.customer_profiles.update(id, { notes: 'n'.repeat(2.5 * 1024 * 1024) });
    const small = await members(a, ['M1', 'M2']);
    const seenAtGap: string[][] = [];
    const watch = watched(appTransport(server, token), async (index, send) => {
      try {
        return await send();
      } catch (error) {
        if (error instanceof SyncServerError && error.code === 'sequence_gap')
          seenAtGap.push(await serverRows(workspaceId, 'team_members'));
        // Push 0's answer goes back only once push 1 was sent.
        if (index === 0) await atMostAWhile(watch.sent(1));
        throw error;
      }
    });
    const client = await clientIdOf(a);
    // The same laptop, now through the watched transport.
    const result = await syncOnce(a.db, watch.transport, { batchSize: 2 });
    expect(result.setAside).toBe(0);
    expect(watch.overlapped(0, 1)).toBe(true);
    expect(watch.answers().slice(0, 2)).toEqual(['0:payload_too_large', '1:sequence_gap']);
    expect(seenAtGap).toEqual([[]]);
    expect(watch.pushes.slice(2).map((p) => p.count)).toEqual([1, 1, 1, 1]);
    expect(await clientIdOf(a)).toBe(client);
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([...small].sort());
    const [notes] = await server.db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM customer_profiles WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1) AND length(data->>'notes') > 1000000`,
      [workspaceId],
    );
    expect(Number(notes?.n)).toBe(2);
  });

  it('the connection for batch n drops before the server saw it, n+1 delivered: n+1 meets a gap, stores nothing; the next sync sends both, once', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    let drop = true;
    const seenAtGap: string[][] = [];
    const watch = watched(appTransport(server, token), async (index, send) => {
      if (index === 0 && drop) {
        await atMostAWhile(watch.sent(1));
        drop = false;
        throw new SyncOfflineError('connection dropped before the push reached the server');
      }
      try {
        return await send();
      } catch (error) {
        if (error instanceof SyncServerError && error.code === 'sequence_gap')
          seenAtGap.push(await serverRows(workspaceId, 'team_members'));
        throw error;
      }
    });
    const a = laptop(server, token, watch.transport);
    const ids = await members(a, ['A', 'B', 'C', 'D']);
    const client = await clientIdOf(a);
    await expect(a.sync({ batchSize: 2 })).rejects.toBeInstanceOf(SyncOfflineError);
    expect(watch.overlapped(0, 1)).toBe(true);
    expect(watch.answers()).toEqual(['0:dropped', '1:sequence_gap']);
    expect(seenAtGap).toEqual([[]]);
    expect(await a.db.sync_outbox.count()).toBe(4);
    await a.sync({ batchSize: 2 });
    expect(watch.pushes.slice(2).map((p) => [p.first, p.count])).toEqual([
      [1, 2],
      [3, 2],
    ]);
    expect(watch.answers().slice(2)).toEqual(['2:200', '3:200']);
    expect(await clientIdOf(a)).toBe(client);
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([...ids].sort());
    const [progress] = await server.db.query<{ last_seq: number | string }>(
      'SELECT last_seq FROM sync_clients WHERE workspace_id = $1 AND client_id = $2',
      [workspaceId, client],
    );
    expect(Number(progress?.last_seq)).toBe(4);
  });

  it('the answer for batch n is lost after the server applied it, n+1 applied too: n+1 is confirmed; n is sent again and is a duplicate', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    let lose = true;
    const watch = watched(appTransport(server, token), async (index, send) => {
      const answer = await send();
      if (index === 0 && lose) {
        await atMostAWhile(watch.sent(1));
        lose = false;
        throw new SyncOfflineError('answer lost after the server committed');
      }
      return answer;
    });
    const a = laptop(server, token, watch.transport);
    const ids = await members(a, ['A', 'B', 'C', 'D']);
    const client = await clientIdOf(a);
    await expect(a.sync({ batchSize: 2 })).rejects.toBeInstanceOf(SyncOfflineError);
    expect(watch.answers()).toEqual(['0:dropped', '1:200']);
    // Push 1's entries are confirmed; push 0's wait for the next sync.
    expect((await a.db.sync_outbox.toArray()).map((e) => e.row_id)).toEqual(ids.slice(0, 2));
    const result = await a.sync({ batchSize: 2 });
    expect(result.pushed).toBe(2);
    expect(watch.pushes[2]).toMatchObject({ first: 1, count: 2 });
    expect(watch.answers().slice(2)).toEqual(['2:200']);
    expect(await clientIdOf(a)).toBe(client);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([...ids].sort());
  });

  it('batch n+1 reaches the server before batch n: a gap for n+1, sent again at the head of the next round, no number repaired, no new client id', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const watch = watched(appTransport(server, token), async (index, send) => {
      // Push 0 reaches the server only once push 1 was answered.
      if (index === 0) {
        await atMostAWhile(watch.sent(1));
        await atMostAWhile(watch.answered(1));
      }
      return send();
    });
    const a = laptop(server, token, watch.transport);
    const ids = await members(a, ['A', 'B', 'C', 'D', 'E', 'F']);
    const client = await clientIdOf(a);
    const result = await a.sync({ batchSize: 2 });
    expect(result.pushed).toBe(6);
    expect(watch.answers().slice(0, 2)).toEqual(['1:sequence_gap', '0:200']);
    // Push 2 went behind push 1 (after push 0's answer) and met a gap too. Both are sent
    // again with the same numbers; nothing is renumbered or reused.
    expect(watch.pushes.map((p) => p.first)).toEqual([1, 3, 5, 3, 5]);
    expect(watch.answers().filter((answer) => !answer.endsWith(':200'))).toEqual([
      '1:sequence_gap',
      '2:sequence_gap',
    ]);
    expect(await clientIdOf(a)).toBe(client);
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([...ids].sort());
  });

  it('answers coming back in the other order (n+1 answered first): taken in order, nothing repaired', async () => {
    const { token, workspaceId } = await newWorkspace(server);
    const watch = watched(appTransport(server, token), async (index, send) => {
      const answer = await send();
      // Push 0's answer goes back only after push 1's.
      if (index === 0) {
        await atMostAWhile(watch.sent(1));
        await atMostAWhile(watch.answered(1));
      }
      return answer;
    });
    const a = laptop(server, token, watch.transport);
    const ids = await members(a, ['A', 'B', 'C', 'D', 'E']);
    const client = await clientIdOf(a);
    const result = await a.sync({ batchSize: 2 });
    expect(result.pushed).toBe(5);
    expect(watch.answers().slice(0, 2)).toEqual(['1:200', '0:200']);
    expect(watch.answers().every((answer) => answer.endsWith(':200'))).toBe(true);
    expect(watch.pushes.map((p) => p.first)).toEqual([1, 3, 5]);
    expect(await clientIdOf(a)).toBe(client);
    expect(await a.db.sync_outbox.count()).toBe(0);
    expect(await serverRows(workspaceId, 'team_members')).toEqual([...ids].sort());
  });
});
