/**
 * The set-based push merges in SQL. Whatever the batches and their order, what the server
 * stores must be what the shared rule `wins()` gives when every change is applied one by one
 * (mergeChange, the reference): field by field, the greatest clock, new rows and existing
 * ones, several changes of one row in one batch, deletes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredRow } from '../../server/src/push-write';
import { mergeChange } from '../../server/src/push-write';
import type { SyncChange } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';
import { hlcAt, newWorkspace, startTestServer } from './harness';
import { pullFrom, pushTo } from './requests';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Node ids whose order differs between byte order and a linguistic collation. */
const NODES = ['Ab', 'a-b', 'a_b', 'B', 'aB'];

const changeArb = fc.record({
  row: fc.constantFrom('m1', 'm2', 'm3'),
  kind: fc.constantFrom('name', 'email', 'active', 'delete', 'both'),
  value: fc.integer({ min: 0, max: 9 }),
  // Few instants: equal clocks (the same change, first arrival kept) happen often.
  ms: fc.integer({ min: 0, max: 6 }),
  node: fc.constantFrom(...NODES),
});

type Generated = { row: string; kind: string; value: number; ms: number; node: string };

function toChange(g: Generated, base: number): SyncChange {
  const hlc = hlcAt(base + g.ms, g.node);
  if (g.kind === 'delete')
    return { table: 'team_members', row_id: g.row, op: 'delete', fields: null, hlc };
  const fields: Record<string, unknown> =
    g.kind === 'name'
      ? { name: `Name ${g.value}` }
      : g.kind === 'email'
        ? { email: `m${g.value}@example.com` }
        : g.kind === 'active'
          ? { active: g.value % 2 }
          : { name: `Both ${g.value}`, deleted: g.value % 2 };
  return { table: 'team_members', row_id: g.row, op: 'put', fields, hlc };
}

describe('set-based push: the SQL merge is the shared wins() rule', () => {
  it('stores what applying every change one by one gives, over random batches and orders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(changeArb, { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 5,
        }),
        async (batches) => {
          const { token } = await newWorkspace(server);
          const base = Date.now() - 60_000;
          const reference = new Map<string, StoredRow>();
          let seq = 1;
          for (const batch of batches) {
            const changes = batch.map((g) => toChange(g, base));
            for (const change of changes) {
              const row = reference.get(change.row_id) ?? {
                id: change.row_id,
                data: {},
                clocks: {},
              };
              mergeChange(row, change);
              reference.set(change.row_id, row);
            }
            const answer = await pushTo(server.app, token, 'client-merge-1', seq, changes);
            expect(answer.status).toBe(200);
            seq += changes.length;
          }
          const { rows } = await pullFrom(server.app, token);
          const stored = Object.fromEntries(
            rows.map((row) => [row.row_id, { data: row.data, clocks: row.clocks }]),
          );
          const expected = Object.fromEntries(
            [...reference.values()].map((row) => [row.id, { data: row.data, clocks: row.clocks }]),
          );
          expect(stored).toEqual(expected);
          // The tombstone column follows the deleted field (the SQL view reads it).
          const columns = await server.db.query<{ id: string; deleted: boolean }>(
            "SELECT t.id, t.deleted FROM team_members t JOIN workspaces w ON w.key = t.workspace_key JOIN api_tokens a ON a.workspace_id = w.id WHERE a.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')",
            [token],
          );
          for (const column of columns)
            expect(column.deleted).toBe(reference.get(column.id)?.data.deleted === 1);
        },
      ),
      { numRuns: 25 },
    );
  });
});
