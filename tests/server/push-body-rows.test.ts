/**
 * The one-statement push reads its rows from the request's body when the batch allows
 * (server/src/push-write.ts, bodyRowTables): the rows it stores must be exactly those the rows'
 * JSON gives (rowsJson), new or merged onto stored rows, on PGlite and PostgreSQL
 * (DATABASE_URL). Random batches: puts and deletes, a row changed twice (the JSON path), puts
 * of `{}`, `deleted` and `updated_at` of every kind, text of any character.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, createWorkspace, hashToken } from '../../server/src/auth';
import type { Sql } from '../../server/src/db';
import { bodyRowTables, writePushInOneStatement } from '../../server/src/push-write';
import { readPush } from '../../server/src/sync-store';
import type { SyncChange } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { pullFrom, pushTo, put as putMember } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const TABLES = ['customer_emails', 'customer_phones', 'customer_profiles'] as const;

async function pusher(name: string) {
  const workspaceId = await createWorkspace(server.db, name);
  const tokenHash = hashToken((await createToken(server.db, workspaceId, 'test')).token);
  await server.db.query(
    'INSERT INTO sync_clients (workspace_id, client_id, token_hash) VALUES ($1, $2, $3)',
    [workspaceId, 'body-client', tokenHash],
  );
  const [row] = await server.db.query<{ key: number }>('SELECT key FROM workspaces WHERE id = $1', [
    workspaceId,
  ]);
  return { tokenHash, key: Number(row?.key), seq: 1 };
}

const textArb = fc.string({ unit: 'binary', maxLength: 6 }).filter((text) => !text.includes('\0'));
const valueArb = fc.oneof(
  textArb,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(textArb, { maxLength: 2 }),
  fc.record({ opted_in: fc.boolean(), source: fc.oneof(textArb, fc.constant(null)) }),
);
const fieldsArb = fc.record(
  {
    address: valueArb,
    label: valueArb,
    deleted: fc.constantFrom(0, 1, true, false, '1', null, 2),
    updated_at: fc.oneof(
      fc
        .date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true })
        .map((date) => date.toISOString()),
      fc.constantFrom('2024-02-30T00:00:00.000Z', 'yesterday', '2024-06-01', 5, null),
    ),
  },
  { requiredKeys: [] },
);
const changeArb = fc.record({
  table: fc.constantFrom(...TABLES),
  row_id: fc.constantFrom('r1', 'r2', 'r3', 'é4', 'r"5'),
  op: fc.constantFrom('put', 'put', 'put', 'delete'),
  fields: fieldsArb,
  hlc: fc.nat({ max: 999 }).map((n) => `001733400${String(n).padStart(6, '0')}-000000-node_a`),
});
/** A batch, most of them with each row once (so the body path is taken). */
const batchArb = fc
  .array(changeArb, { minLength: 1, maxLength: 8 })
  .chain((changes) =>
    fc
      .boolean()
      .map((unique) =>
        unique
          ? changes.filter(
              (change, i) =>
                changes.findIndex((c) => c.table === change.table && c.row_id === change.row_id) ===
                i,
            )
          : changes,
      ),
  )
  .map((changes) =>
    changes.map((change): SyncChange =>
      change.op === 'delete' ? { ...change, op: 'delete', fields: null } : { ...change, op: 'put' },
    ),
  );

type Pusher = Awaited<ReturnType<typeof pusher>>;

async function write(
  sql: Sql,
  who: Pusher,
  changes: SyncChange[],
  withBody: boolean,
  rowsAreNew: boolean,
) {
  const request = { client_id: 'body-client', first_seq: who.seq, changes };
  const body = Buffer.from(JSON.stringify(request));
  const read = readPush(JSON.parse(body.toString()) as typeof request, withBody ? body : undefined);
  const written = await writePushInOneStatement(
    sql,
    who.tokenHash,
    {
      clientId: 'body-client',
      firstSeq: who.seq,
      changes: read.changes as SyncChange[],
      fieldsTexts: read.fieldsTexts as string[],
      ...(read.body ? { body: read.body } : {}),
    },
    read.digests,
    rowsAreNew,
  ).then(
    (done) => done,
    (error: unknown) => error as Error & { code?: string },
  );
  if (written instanceof Error) return written.code;
  if (written) who.seq += changes.length;
  return written?.version ?? null;
}

async function rowsOf(key: number) {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES)
    rows[table] = await server.db.query(
      `SELECT id, data, clock, clocks, deleted, updated_at, version FROM ${table}
       WHERE workspace_key = $1 ORDER BY id COLLATE "C"`,
      [key],
    );
  return rows;
}

describe("rows read from the push's body", () => {
  it('are stored as the rows written from their JSON, new or merged onto stored rows', async () => {
    let fromBody = 0;
    const statements: string[] = [];
    const sql: Sql = {
      query: (text, params, options) => {
        statements.push(text);
        return server.db.query(text, params, options);
      },
      exec: (text) => server.db.exec(text),
    };
    await fc.assert(
      fc.asyncProperty(fc.array(batchArb, { minLength: 1, maxLength: 3 }), async (batches) => {
        const viaBody = await pusher('via body');
        const viaJson = await pusher('via json');
        for (const [i, changes] of batches.entries()) {
          // The first batch as new rows (a plain INSERT), the others merged (an upsert); a
          // plain INSERT meeting a stored row fails alike both ways.
          const rowsAreNew = i === 0;
          statements.length = 0;
          const a = await write(sql, viaBody, changes, true, rowsAreNew);
          if (bodyRowTables(changes)?.length && statements.some((s) => /changes AS \(/.test(s)))
            fromBody += 1;
          const b = await write(sql, viaJson, changes, false, rowsAreNew);
          expect(a).toEqual(b);
        }
        expect(await rowsOf(viaBody.key)).toEqual(await rowsOf(viaJson.key));
      }),
      { numRuns: 60 },
    );
    // The body path was taken (a batch of rows each changed once), not only the JSON one.
    expect(fromBody).toBeGreaterThan(20);
  });

  it('a batch that changes a row twice, or has an updated_at that is not plain, goes as JSON', () => {
    const put = (row_id: string, fields: Record<string, unknown>): SyncChange => ({
      table: 'customer_emails',
      row_id,
      op: 'put',
      fields,
      hlc: '001733400000001-000000-node_a',
    });
    expect(bodyRowTables([put('a', { label: 'x' }), put('b', {})])).toEqual(['customer_emails']);
    expect(bodyRowTables([put('a', {})])).toEqual([]);
    expect(bodyRowTables([put('a', { label: 'x' }), put('a', { label: 'y' })])).toBeNull();
    expect(bodyRowTables([put('a', { updated_at: '2024-02-30T00:00:00.000Z' })])).toBeNull();
    expect(bodyRowTables([put('a', { updated_at: 7 })])).toEqual(['customer_emails']);
  });
});

describe('a body SQL cannot read as it came', () => {
  /** Pushes `text` as raw bytes (`bytes` turns the text's UTF-8 into the bytes sent). */
  async function pushBytes(token: string, bytes: Buffer) {
    const response = await server.app.request('/v1/push', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': String(bytes.length),
      },
      body: new Uint8Array(bytes),
    });
    return response.status;
  }

  it('bytes that are not UTF-8, or a byte order mark, are stored as read (U+FFFD), as before', async () => {
    const { token } = await newWorkspace(server);
    const t = Date.now();
    // The client's first push runs step by step; the next ones are the one statement's.
    expect(
      (
        await pushTo(server.app, token, 'client-bytes-01', 1, [
          putMember('m0', { name: 'Ana' }, hlcAt(t)),
        ])
      ).status,
    ).toBe(200);
    const body = (seq: number, id: string, name: string) =>
      JSON.stringify({
        client_id: 'client-bytes-01',
        first_seq: seq,
        changes: [putMember(id, { name }, hlcAt(t, 'node1', seq))],
      });
    const [before, after] = body(2, 'm1', 'Zo#').split('#') as [string, string];
    const invalid = Buffer.concat([
      Buffer.from(before),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(after),
    ]);
    expect(await pushBytes(token, invalid)).toBe(200);
    const marked = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(body(3, 'm2', 'Bé')),
    ]);
    expect(await pushBytes(token, marked)).toBe(200);
    const { rows } = await pullFrom(server.app, token);
    const names = Object.fromEntries(rows.map((row) => [row.row_id, row.data.name]));
    expect(names).toEqual({ m0: 'Ana', m1: 'Zo\uFFFD\uFFFD', m2: 'Bé' });
  });
});
