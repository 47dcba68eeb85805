/**
 * The list rows the search host read last (docs/search.md, "Rows of a page"): a keystroke that
 * shows rows read a moment ago (typing back, a filter toggled, a page shown again) takes them
 * from memory instead of a bulkGet, which is most of a keystroke's time in the worker.
 *
 * Never a stale row: the host forgets a customer's row when it applies the journal entry that
 * names it (the same moment the index learns of the write), and a read that was under way while
 * any entry was applied is not kept (it may hold a row from before that write). So a row from
 * here is never older than the index it is shown beside. Least recently used rows go first.
 */
import type { CustomerListRow } from '../../../../domain/records';

/** About 1 KB each: a few MB, a few hundred pages of the list. */
export const ROW_CACHE_CAPACITY = 4_000;

export class ListRowCache {
  /** Map order is use order: the first key is the least recently used. */
  private readonly rows = new Map<string, CustomerListRow>();
  /** Bumped on every forget: a read started before a bump is not kept. */
  private epoch = 0;

  constructor(private readonly capacity = ROW_CACHE_CAPACITY) {}

  get size(): number {
    return this.rows.size;
  }

  /** The row if kept (and marks it used). */
  get(id: string): CustomerListRow | undefined {
    const row = this.rows.get(id);
    if (row !== undefined) {
      this.rows.delete(id);
      this.rows.set(id, row);
    }
    return row;
  }

  /** Call before reading rows from the database; hand the mark to `keep` with what was read. */
  mark(): number {
    return this.epoch;
  }

  /** Keeps rows read since `mark`, unless something was forgotten meanwhile. */
  keep(mark: number, rows: readonly (CustomerListRow | undefined)[]): void {
    if (mark !== this.epoch) return;
    for (const row of rows) {
      if (row === undefined) continue;
      this.rows.delete(row.customer_id);
      this.rows.set(row.customer_id, row);
    }
    for (const oldest of this.rows.keys()) {
      if (this.rows.size <= this.capacity) break;
      this.rows.delete(oldest);
    }
  }

  /** These customers were written (their journal entry is being applied). */
  forget(ids: Iterable<string>): void {
    this.epoch += 1;
    for (const id of ids) this.rows.delete(id);
  }

  /** Everything (a rebuild, a start, an audit that found rows changed behind the journal). */
  clear(): void {
    this.epoch += 1;
    this.rows.clear();
  }
}
