/**
 * Reading the outbox for a push. Entries join a batch oldest first and get their push
 * sequence numbers once, in the same order, stored on the entry: a retried batch (after a
 * crash, a timeout or a lost response) carries the very same numbers, so the server can
 * recognise what it already applied.
 */
import { HLC_STATE_KEY, restartLocalClock } from '../db/change-capture-middleware';
import type { CrmDatabase } from '../db/database';
import { newId } from '../domain/ids';
import type { OutboxEntry } from '../domain/records';
import type { PushRequest } from '../../../shared/sync/protocol';
import { entryFields } from './merge';
import { rememberPushedClaims } from './resolve';
import { SYNC_KEYS } from './sync-state';

export async function clientId(db: CrmDatabase): Promise<string> {
  return db.transaction('rw', db.sync_state, async () => {
    const saved = await db.sync_state.get(SYNC_KEYS.clientId);
    if (typeof saved?.value === 'string') return saved.value;
    const id = newId();
    await db.sync_state.put({ key: SYNC_KEYS.clientId, value: id });
    return id;
  });
}

/**
 * The next push batch (at most `max` changes), or null when the outbox is empty. With
 * `after` (the outbox key of the last entry of a batch still in flight), the batch that
 * follows it: its numbers follow that batch's, since numbers are given in outbox order.
 */
export async function nextBatch(
  db: CrmDatabase,
  max: number,
  after?: number,
): Promise<{ request: PushRequest; seqs: number[] } | null> {
  const client = await clientId(db);
  return db.transaction('rw', db.sync_outbox, db.sync_state, async () => {
    const entries = await (
      after === undefined ? db.sync_outbox.orderBy(':id') : db.sync_outbox.where(':id').above(after)
    )
      .limit(max)
      .toArray();
    if (entries.length === 0) return null;
    const saved = await db.sync_state.get(SYNC_KEYS.nextPushSeq);
    let next = typeof saved?.value === 'number' ? saved.value : 1;
    const numbered: OutboxEntry[] = [];
    for (const entry of entries) {
      if (entry.push_seq !== undefined) continue;
      entry.push_seq = next;
      next += 1;
      numbered.push(entry);
    }
    if (numbered.length > 0) {
      await db.sync_outbox.bulkPut(numbered);
      await db.sync_state.put({ key: SYNC_KEYS.nextPushSeq, value: next });
    }
    // Numbers were given in outbox order, so the batch's numbers are consecutive.
    const first = entries[0]?.push_seq ?? 1;
    return {
      request: {
        client_id: client,
        first_seq: first,
        changes: entries.map((entry) => ({
          table: entry.table,
          row_id: entry.row_id,
          op: entry.op,
          fields: entryFields(entry),
          hlc: entry.hlc,
        })),
      },
      seqs: entries.map((entry) => entry.seq as number),
    };
  });
}

/** Removes the entries the server confirmed (every push sequence up to `appliedThrough`). */
export async function acknowledge(
  db: CrmDatabase,
  seqs: readonly number[],
  appliedThrough: number,
): Promise<void> {
  await db.transaction('rw', db.sync_outbox, db.sync_state, async () => {
    const entries = await db.sync_outbox.bulkGet([...seqs]);
    const confirmed = entries.filter(
      (entry): entry is OutboxEntry => !!entry && (entry.push_seq ?? Infinity) <= appliedThrough,
    );
    // The conflict rules still need these changes' claim clocks after the entries are gone.
    await rememberPushedClaims(db, confirmed);
    await db.sync_outbox.bulkDelete(confirmed.map((entry) => entry.seq as number));
  });
}

/**
 * The server has fewer of our changes than we numbered (its database was restored from a
 * backup): number the unconfirmed entries again from where the server stands.
 */
export async function renumberFrom(db: CrmDatabase, expectedSeq: number): Promise<void> {
  await db.transaction('rw', db.sync_outbox, db.sync_state, async () => {
    const entries = await db.sync_outbox.orderBy(':id').toArray();
    let next = expectedSeq;
    const renumbered = entries
      .filter((entry) => entry.push_seq !== undefined)
      .map((entry) => ({ ...entry, push_seq: next++ }));
    await db.sync_outbox.bulkPut(renumbered);
    await db.sync_state.put({ key: SYNC_KEYS.nextPushSeq, value: next });
  });
}

export function pendingCount(db: CrmDatabase): Promise<number> {
  return db.sync_outbox.count();
}

/**
 * The server refused our clock as too far ahead, and the wall clock is right again: stamp
 * the unconfirmed changes anew (same order) from a restarted clock, so they can be sent.
 */
export async function restampPending(db: CrmDatabase): Promise<void> {
  await db.transaction('rw', db.sync_outbox, db.sync_state, async () => {
    const floor = await db.sync_state.get(SYNC_KEYS.remoteClockMax);
    const clock = restartLocalClock(
      db.name,
      typeof floor?.value === 'string' ? floor.value : undefined,
    );
    const entries = await db.sync_outbox.orderBy(':id').toArray();
    await db.sync_outbox.bulkPut(entries.map((entry) => ({ ...entry, hlc: clock.tick() })));
    await db.sync_state.put({ key: HLC_STATE_KEY, value: clock.last() });
  });
}

/**
 * Starts this computer over as a new sync client: a new client id, and the unconfirmed
 * entries numbered again from 1 when they next join a push. For a new token (a client id
 * belongs to the token that first used it) and for a server that holds other content under
 * our numbers (a copy of this database elsewhere used them). Resending a change the server
 * may already hold is harmless: merging by clock is idempotent.
 */
export async function newClientIdentity(db: CrmDatabase): Promise<void> {
  await db.transaction('rw', db.sync_outbox, db.sync_state, async () => {
    const numbered = (await db.sync_outbox.toArray()).filter(
      (entry) => entry.push_seq !== undefined,
    );
    await db.sync_outbox.bulkPut(numbered.map(({ push_seq: _push, ...entry }) => entry));
    await db.sync_state.put({ key: SYNC_KEYS.clientId, value: newId() });
    await db.sync_state.put({ key: SYNC_KEYS.nextPushSeq, value: 1 });
  });
}
