/**
 * search_journal (schema v4): one entry per list-row rebuild of the projection (a pulled page,
 * an import chunk, a form's save), naming the customers whose rows it rebuilt or removed, in
 * the same transaction. Entries of one customer each, written before, are still read. Entry 0
 * is the meta row: the journal's generation (a fresh id when the journal starts, so a snapshot
 * of another database or of a wiped one is recognised as stale) and how far it was trimmed
 * after a snapshot covered it.
 */
import type { CrmDatabase } from '../../../../db/database';
import type { SearchJournalEntry, SearchJournalMeta } from '../../../../domain/records';
import { newId } from '../../../../domain/ids';

const META_SEQ = 0;

function isMeta(entry: unknown): entry is SearchJournalMeta {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as SearchJournalMeta).generation === 'string'
  );
}

/** The meta row, written on first use (one transaction: two windows agree on one generation). */
export async function journalMeta(db: CrmDatabase): Promise<SearchJournalMeta> {
  const found = await db.search_journal.get(META_SEQ);
  if (isMeta(found)) return found;
  return db.transaction('rw', db.search_journal, async () => {
    const again = await db.search_journal.get(META_SEQ);
    if (isMeta(again)) return again;
    const meta: SearchJournalMeta = {
      seq: META_SEQ,
      customer_id: '',
      generation: newId(),
      trimmed_through: 0,
    };
    await db.search_journal.put(meta);
    return meta;
  });
}

/** The newest seq the journal has seen: its last key, or how far it was trimmed. */
export async function lastJournalSeq(db: CrmDatabase): Promise<number> {
  const [meta, last] = await Promise.all([
    db.search_journal.get(META_SEQ),
    db.search_journal.orderBy(':id').lastKey(),
  ]);
  return Math.max(Number(last ?? 0), isMeta(meta) ? meta.trimmed_through : 0);
}

/** The customers an entry names, whichever shape it was written in (none for the meta row). */
export function journalCustomerIds(entry: SearchJournalEntry): string[] {
  if ('customer_ids' in entry) return entry.customer_ids;
  return isMeta(entry) ? [] : [entry.customer_id];
}

export type JournalRead = {
  meta: SearchJournalMeta | null;
  /** The seq of the last entry read (undefined: none). */
  lastSeq: number | undefined;
  entries: number;
  customerIds: string[];
};

/** Up to `limit` entries after `seq`, with the meta row read in the same transaction. */
export async function journalAfter(db: CrmDatabase, seq: number, limit: number) {
  const [meta, entries] = await Promise.all([
    db.search_journal.get(META_SEQ),
    db.search_journal.where(':id').above(seq).limit(limit).toArray(),
  ]);
  const read: JournalRead = {
    meta: isMeta(meta) ? meta : null,
    lastSeq: entries[entries.length - 1]?.seq,
    entries: entries.length,
    customerIds: entries.flatMap(journalCustomerIds),
  };
  return read;
}

/** Deletes the entries a snapshot covers (1..through) and records it in the meta row. */
export async function trimJournal(db: CrmDatabase, through: number): Promise<void> {
  await db.transaction('rw', db.search_journal, async () => {
    const meta = await db.search_journal.get(META_SEQ);
    if (!isMeta(meta) || meta.trimmed_through >= through) return;
    await db.search_journal.where(':id').between(META_SEQ, through, false, true).delete();
    await db.search_journal.put({ ...meta, trimmed_through: through });
  });
}
