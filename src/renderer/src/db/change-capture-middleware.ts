/**
 * Change capture for sync: every write to a synced table lands in sync_outbox in the same
 * transaction, so a committed change is always queued and an aborted one never is (the
 * Dexie Cloud pattern). Writes applied from a sync pull are marked and not captured, or
 * they would echo back to the server.
 */
import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';
import { newId, nowIso } from '../domain/ids';
import type { OutboxEntry } from '../domain/records';
import { captureZone, keysToDelete, writtenValues } from './dbcore-helpers';
import { SYNCED_TABLES } from './schema';
import { widenWriteScope } from './transaction-scope';

const synced = new Set<string>(SYNCED_TABLES);
const transactionIds = new WeakMap<object, string>();
const uncaptured = new WeakSet<object>();

/** For sync pulls: writes in this transaction are others' changes, not ours to push. */
export function skipChangeCapture(trans: DBCoreTransaction | object): void {
  uncaptured.add(trans);
}

function transactionId(trans: object): string {
  let id = transactionIds.get(trans);
  if (!id) {
    id = newId();
    transactionIds.set(trans, id);
  }
  return id;
}

export const changeCaptureMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'encore-change-capture',
  level: 1.1, // see guard-middleware.ts for why below 2
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        return down.transaction(widenWriteScope(stores, mode), mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!synced.has(name)) return table;
        return {
          ...table,
          async mutate(req) {
            const inZone = captureZone();
            if (uncaptured.has(req.trans)) return table.mutate(req);
            const deletedKeys = await keysToDelete(inZone, table, req);
            const response = await inZone(() => table.mutate(req));
            const txId = transactionId(req.trans);
            const capturedAt = nowIso();
            const entries: OutboxEntry[] = [];
            if (req.type === 'put' || req.type === 'add') {
              const changedByKey = new Map<unknown, string[]>();
              if (req.type === 'put' && req.updates) {
                req.updates.keys.forEach((key, index) =>
                  changedByKey.set(key, Object.keys(req.updates?.changeSpecs[index] ?? {})),
                );
              }
              for (const value of writtenValues(req, response.failures)) {
                const row = value as Record<string, unknown> & { id: string };
                const changed =
                  changedByKey.get(row.id) ??
                  (req.type === 'put' && req.changeSpec ? Object.keys(req.changeSpec) : null);
                entries.push({
                  table: name,
                  row_id: row.id,
                  op: 'put',
                  value: row,
                  changed_fields: changed,
                  tx_id: txId,
                  captured_at: capturedAt,
                });
              }
            } else {
              for (const key of deletedKeys) {
                entries.push({
                  table: name,
                  row_id: String(key),
                  op: 'delete',
                  value: null,
                  changed_fields: null,
                  tx_id: txId,
                  captured_at: capturedAt,
                });
              }
            }
            if (entries.length > 0) {
              await inZone(() =>
                down
                  .table('sync_outbox')
                  .mutate({ type: 'add', trans: req.trans, values: entries }),
              );
            }
            return response;
          },
        };
      },
    };
  },
};
