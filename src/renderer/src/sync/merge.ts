/**
 * Pure merge rules of the client. The server has already merged every pushed change field by
 * field (last writer wins by HLC), so a pulled row is the team's truth, except for fields
 * this device changed and has not pushed yet: those keep the local value when the local
 * clock is later than the server's clock for that field.
 */
import { maxHlc } from '../../../shared/sync/hlc';
import { wins, type RemoteRow } from '../../../shared/sync/protocol';
import type { OutboxEntry } from '../domain/records';

type Row = Record<string, unknown> & { id: string };

/** Dexie updates may name nested paths ("email_consent.opted_in"): the field is the top one. */
function changedTopFields(entry: OutboxEntry): string[] {
  const names = entry.changed_fields ?? Object.keys(entry.value ?? {});
  return [...new Set(names.map((name) => name.split('.')[0] ?? name))].filter(
    (name) => name !== 'id',
  );
}

/** Latest local clock per field among the pending outbox entries of one row. */
export function pendingFieldClocks(entries: readonly OutboxEntry[]): Map<string, string> {
  const clocks = new Map<string, string>();
  const note = (field: string, hlc: string) =>
    clocks.set(field, maxHlc(clocks.get(field), hlc) ?? hlc);
  for (const entry of entries) {
    if (entry.op === 'delete') {
      note('deleted', entry.hlc);
      continue;
    }
    for (const field of changedTopFields(entry)) note(field, entry.hlc);
  }
  return clocks;
}

/**
 * The row to store for a pulled row, or null when nothing needs writing (the stored row is
 * already equal). `local` is the stored row (undefined when absent or hard-deleted here).
 */
export function mergeRemoteRow(
  remote: RemoteRow,
  local: Row | undefined,
  pending: Map<string, string>,
): Row | null {
  const merged: Row = { ...remote.data, id: remote.row_id };
  for (const [field, localClock] of pending) {
    // The server's rule, field by field: the local value stays only where it wins.
    if (!wins(localClock, remote.clocks[field])) continue;
    if (local) {
      if (field in local) merged[field] = local[field];
      else delete merged[field];
    } else if (field === 'deleted') {
      // Hard-deleted here after the server's last word on it: keep it deleted (a tombstone).
      merged.deleted = 1;
    }
  }
  if (local && sameRow(local, merged)) return null;
  return merged;
}

function sameRow(a: Row, b: Row): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (a[key] === b[key]) continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return false;
  }
  return true;
}

/** The outbox entry as a wire change: the changed fields with their values. */
export function entryFields(entry: OutboxEntry): Record<string, unknown> | null {
  if (entry.op === 'delete') return null;
  const value = entry.value ?? {};
  const fields: Record<string, unknown> = {};
  for (const name of changedTopFields(entry)) {
    // A field removed from the row is sent as null: JSON has no "absent".
    fields[name] = name in value ? value[name] : null;
  }
  return fields;
}
