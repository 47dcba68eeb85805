/**
 * Model-based test of the whole sync: three laptops (each a CrmDatabase on fake-indexeddb)
 * against the server (PGlite, or PostgreSQL with DATABASE_URL), through a transport that
 * drops requests, loses responses after the server committed, delivers twice, and replays
 * old pushes late; laptops "crash" (a sync stops midway, the database is reopened) and their
 * clocks disagree by up to hours. After a final fault-free sync, every replica must equal
 * the server and a reference last-writer-wins model built from every captured write: so no
 * write is lost unless a later one replaced it, and no row is duplicated.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrmDatabase } from '../../src/renderer/src/db/database';
import { completeInitialUpload } from '../../src/renderer/src/sync/initial-upload';
import { syncOnce } from '../../src/renderer/src/sync/engine';
import type { SyncTransport } from '../../src/renderer/src/sync/transport';
import { SyncOfflineError } from '../../src/renderer/src/sync/transport';
import { useTimeSource } from '../../src/renderer/src/db/change-capture-middleware';
import type { TestServer } from '../server/harness';
import { appTransport, newWorkspace, startTestServer } from '../server/harness';
import { member } from './clients';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const HOUR = 3600_000;
const MINUTE = 60_000;
const IDS = ['row-a', 'row-b', 'row-c', 'row-d'];
const CLIENTS = 3;

type Fault = 'ok' | 'drop' | 'lose-response' | 'duplicate';
type Step =
  | { kind: 'create'; client: number; row: number; name: string }
  | { kind: 'edit'; client: number; row: number; field: 'name' | 'email' | 'active'; value: string }
  | { kind: 'soft-delete' | 'restore' | 'hard-delete'; client: number; row: number }
  | { kind: 'sync' | 'restart'; client: number }
  | { kind: 'replay'; client: number; pick: number };

const client = fc.integer({ min: 0, max: CLIENTS - 1 });
const row = fc.integer({ min: 0, max: IDS.length - 1 });
const word = fc.constantFrom('Ana', 'Ben', 'Cy', 'Di', 'Eve', 'Fox');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('create' as const), client, row, name: word }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      client,
      row,
      field: fc.constantFrom('name' as const, 'email' as const, 'active' as const),
      value: word,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('soft-delete' as const, 'restore' as const, 'hard-delete' as const),
      client,
      row,
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), client }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), client }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('replay' as const), client, pick: fc.nat() }),
  },
);
const faultArb = fc.constantFrom<Fault>('ok', 'ok', 'ok', 'drop', 'lose-response', 'duplicate');

type Replica = {
  name: string;
  db: CrmDatabase;
  offset: number;
  faults: Fault[];
  requests: number;
  pushes: unknown[];
  faultsOn: boolean;
  seenSeq: number;
  transport: SyncTransport;
};

/** Reference model: per row, per field, the value with the greatest clock. */
type Model = Map<string, Map<string, { hlc: string; value: unknown }>>;

function faulty(replica: Replica, inner: SyncTransport): SyncTransport {
  return async (request) => {
    if (request.method === 'POST') replica.pushes.push(request.body);
    const fault = replica.faultsOn
      ? (replica.faults[replica.requests % replica.faults.length] ?? 'ok')
      : 'ok';
    replica.requests += 1;
    if (fault === 'drop') throw new SyncOfflineError('dropped');
    const answer = await inner(request);
    if (fault === 'lose-response') throw new SyncOfflineError('response lost');
    if (fault === 'duplicate') return inner(request);
    return answer;
  };
}

async function recordWrites(replica: Replica, model: Model): Promise<void> {
  const entries = await replica.db.sync_outbox.where(':id').above(replica.seenSeq).toArray();
  for (const entry of entries) {
    replica.seenSeq = Math.max(replica.seenSeq, entry.seq ?? 0);
    const fields: Record<string, unknown> =
      entry.op === 'delete'
        ? { deleted: 1 }
        : Object.fromEntries(
            (entry.changed_fields ?? Object.keys(entry.value ?? {}))
              .filter((field) => field !== 'id')
              .map((field) => [field, entry.value?.[field] ?? null]),
          );
    const rowModel = model.get(entry.row_id) ?? new Map();
    model.set(entry.row_id, rowModel);
    for (const [field, value] of Object.entries(fields)) {
      const current = rowModel.get(field);
      if (!current || entry.hlc > current.hlc) rowModel.set(field, { hlc: entry.hlc, value });
    }
  }
}

async function runStep(step: Step, replicas: Replica[], model: Model): Promise<void> {
  const replica = replicas[step.client] as Replica;
  const table = replica.db.team_members;
  const id = 'row' in step ? (IDS[step.row] as string) : '';
  switch (step.kind) {
    case 'create':
      if (!(await table.get(id))) await table.add(member(step.name, id));
      break;
    case 'edit':
      await table.update(id, {
        [step.field]: step.field === 'active' ? (step.value < 'D' ? 1 : 0) : step.value,
      });
      break;
    case 'soft-delete':
      await table.update(id, { deleted: 1 });
      break;
    case 'restore':
      await table.update(id, { deleted: 0 });
      break;
    case 'hard-delete':
      await table.delete(id);
      break;
    case 'sync':
      await syncOnce(replica.db, replica.transport, {
        now: () => Date.now() + replica.offset,
        batchSize: 3,
        pageSize: 2,
      }).catch((error: unknown) => {
        if (!(error instanceof SyncOfflineError)) throw error;
      });
      break;
    case 'restart':
      replica.db.close();
      replica.db = new CrmDatabase(replica.name);
      await replica.db.open();
      break;
    case 'replay': {
      const old = replica.pushes[step.pick % Math.max(1, replica.pushes.length)];
      if (old !== undefined)
        await appTransport(server, tokenOf(replica))
          .call(null, { method: 'POST', path: '/v1/push', body: old })
          .catch(() => undefined);
      break;
    }
  }
  await recordWrites(replica, model);
}

const tokens = new WeakMap<Replica, string>();
const tokenOf = (replica: Replica) => tokens.get(replica) as string;

function modelRows(model: Model): Record<string, unknown>[] {
  return [...model.entries()]
    .map(([id, fields]) => ({
      id,
      ...Object.fromEntries([...fields].map(([f, v]) => [f, v.value])),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

function normalized(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows
    .map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

describe('sync model', () => {
  it('replicas, server and the last-writer-wins model agree after any run with faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -2 * HOUR, max: 4 * MINUTE }), {
          minLength: CLIENTS,
          maxLength: CLIENTS,
        }),
        fc.array(fc.array(faultArb, { minLength: 1, maxLength: 12 }), {
          minLength: CLIENTS,
          maxLength: CLIENTS,
        }),
        fc.array(stepArb, { minLength: 4, maxLength: 30 }),
        async (offsets, faults, steps) => {
          const { token, workspaceId } = await newWorkspace(server);
          const model: Model = new Map();
          const replicas: Replica[] = offsets.map((offset, index) => {
            const name = `model-${workspaceId}-${index}`;
            const replica: Replica = {
              name,
              db: new CrmDatabase(name),
              offset,
              faults: faults[index] ?? ['ok'],
              requests: 0,
              pushes: [],
              faultsOn: true,
              seenSeq: 0,
              transport: async () => undefined,
            };
            useTimeSource(name, () => Date.now() + offset);
            replica.transport = faulty(replica, appTransport(server, token));
            tokens.set(replica, token);
            return replica;
          });
          // Laptops with sync configured: the model learns each write from the outbox as it is
          // made (a laptop's first sync queuing what it held is tested in sync-client.test.ts).
          for (const replica of replicas) await completeInitialUpload(replica.db);
          try {
            for (const step of steps) await runStep(step, replicas, model);
            // Faults end; two rounds so everyone sees everyone's last push.
            for (const replica of replicas) replica.faultsOn = false;
            for (let round = 0; round < 2; round += 1)
              for (let i = 0; i < CLIENTS; i += 1)
                await runStep({ kind: 'sync', client: i }, replicas, model);

            const expected = normalized(modelRows(model));
            const stored = await server.db.query<{ id: string; data: Record<string, unknown> }>(
              'SELECT id, data FROM team_members WHERE workspace_key = (SELECT key FROM workspaces WHERE id = $1)',
              [workspaceId],
            );
            expect(normalized(stored.map((r) => ({ id: r.id, ...r.data })))).toEqual(expected);
            for (const replica of replicas) {
              expect(await replica.db.sync_outbox.count()).toBe(0);
              const rows = (await replica.db.team_members.toArray()) as unknown as Record<
                string,
                unknown
              >[];
              expect(normalized(rows)).toEqual(expected);
            }
          } finally {
            for (const replica of replicas) await replica.db.delete();
          }
        },
      ),
      { numRuns: Number(process.env.SYNC_MODEL_RUNS ?? 40) },
    );
  });
});
