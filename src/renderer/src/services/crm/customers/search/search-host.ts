/**
 * Hosts the customer search index over one CRM database (docs/search.md, "Wiring"): in the
 * search worker in the app, in-process in Node tests. The database stays the source of truth:
 * - start: load the snapshot, apply the journal entries after the seq it covers; a missing,
 *   damaged or stale snapshot (another journal generation, older than the trimmed journal,
 *   newer than the journal's last entry) means a rebuild from customers_crm_v in chunks sized
 *   by time, each its own read transaction (a write waits for one chunk, never the rebuild).
 *   Start never counts customers_crm_v (a walk of every row in IndexedDB).
 * - audit: once after a start, the index against the list's keys, range by range (rows changed
 *   behind the journal's back): a difference rebuilds.
 * - catchUp: applies new journal entries (each re-reads its customer's list row, or removes it).
 * - save: writes a snapshot (under a writer lock across windows) and trims the journal it covers.
 * While loading or rebuilding, queries get `null`: the caller shows "indexing", never a guess.
 */
import type { CrmDatabase } from '../../../../db/database';
import type { CustomerListRow } from '../../../../domain/records';
import { SnapshotError } from '../../../../domain/search/engine/snapshot-format';
import { SearchIndex, createSearchIndexBuilder } from '../../../../domain/search/search-index';
import type {
  SearchQuery,
  SearchResult,
  SearchWindow,
} from '../../../../domain/search/search-types';
import { holdLock } from '../../import/import-locks';
import { ListRowCache } from './row-cache';
import { searchDocOf } from './search-docs';
import type { RebuildChunks } from './rebuild-pace';
import { REBUILD_CHUNKS, firstChunkRows, fixedChunks, nextChunkRows } from './rebuild-pace';
import { journalAfter, journalMeta, lastJournalSeq, trimJournal } from './search-journal';
import type { SnapshotStore } from './snapshot-store';

/** A window of matches with the list rows of its ids (undefined: deleted meanwhile). */
export type RowsAnswer = {
  result: SearchResult;
  rows: (CustomerListRow | undefined)[];
  /** Where this answer's time went in the host (diagnostics' lastQuery, for this answer). */
  spent: NonNullable<SearchDiagnostics['lastQuery']> | null;
};

export type HostState = 'idle' | 'loading' | 'rebuilding' | 'ready';
export type StartKind = 'snapshot' | 'rebuild';

export type SearchDiagnostics = {
  state: HostState;
  /** Customers in the index (live). */
  size: number;
  memoryBytes: number;
  bytesPerCustomer: number;
  /** The last journal entry applied. */
  appliedSeq: number;
  lastStart: {
    kind: StartKind;
    reason: string;
    ms: number;
    /** Where the start's time went, in order (ms each): what a cold start is made of. */
    phases: Record<string, number>;
  } | null;
  lastSave: { bytes: number; ms: number; seq: number } | null;
  /** Customers read so far by a rebuild in progress (the "Indexing N customers…" state). */
  rebuilt: number;
  /**
   * Where the last query's time went in the host (ms): the journal catch-up (an IndexedDB
   * read, queued behind any other of the origin), the engine, the rows' bulkGet.
   */
  lastQuery: {
    catchUpMs: number;
    engineMs: number;
    rowsMs: number;
    /** Of the window's rows, how many came from the host's row cache (row-cache.ts). */
    rowsCached?: number;
  } | null;
  /** The last audit (the count of every list row: IndexedDB is busy for that long). */
  lastAudit: { ms: number; rebuilt: boolean; ranges: number; longestRangeMs: number } | null;
  /**
   * The last rebuild's read of the list: its read transactions (chunks), the longest one's time
   * (what a write to the customers' tables may wait for), the largest chunk's rows, and the
   * catch-up after it (journal batches applied, each its own read transaction).
   */
  lastRebuild: {
    chunks: number;
    rows: number;
    longestChunkMs: number;
    largestChunk: number;
    readMs: number;
    catchUpBatches: number;
  } | null;
  /** In a worker: when its script ran and when it was asked to start (epoch ms). */
  timeline?: Record<string, number>;
};

/** One chunk of a rebuild's read (tests and diagnostics): its own read transaction. */
export type RebuildChunkEvent = { index: number; phase: 'start' | 'end'; rows: number };

export type SearchHostOptions = {
  /** Rows read per transaction while rebuilding, always (tests); else `chunks`. */
  batchSize?: number;
  /** How a rebuild sizes its chunks (default REBUILD_CHUNKS: ~50 ms, 100-2,000 rows). */
  chunks?: RebuildChunks;
  /**
   * Awaited before each rebuild chunk and each catch-up batch after it (the worker: a
   * WritePacer, which lets the user's writes go first); default yieldBetweenBatches.
   */
  beforeChunk?: () => Promise<void>;
  /** Each rebuild chunk's start (rows: its limit) and end (rows: read). */
  onChunk?: (event: RebuildChunkEvent) => void;
  /**
   * About how many customers a catch-up batch re-reads (one read of their list rows each). An
   * entry names one customer (written before the batch shape) or a whole page of a pull.
   */
  journalBatch?: number;
  /** List rows' keys per audit transaction, always (tests); default AUDIT_CHUNKS, by time. */
  auditRange?: number;
  /** Called between rebuild batches and audit ranges (the worker yields to messages). */
  yieldBetweenBatches?: () => Promise<void>;
};

/** The snapshot cannot be used; the reason is what diagnostics show. */
class StaleSnapshot extends Error {}

/** Another window trimmed journal entries this host had not applied yet: start again. */
class JournalOutrun extends Error {}

const now = () => performance.now();

/** A first read of few entries: one may name a whole page of customers. */
const FIRST_ENTRY_LIMIT = 8;

/**
 * List rows counted per audit transaction, sized by time as the rebuild's chunks: a count walks
 * its range in Chromium (~85,000 rows/s under load), so a range aims at ~50 ms of IndexedDB
 * and a keystroke's reads and a write go between ranges; at most 20,000 rows (the fixed size
 * before, 0.25 s a range under load and seconds at a higher load). (Reading the range's keys
 * instead took 86 s for 1,048,576 rows under load.)
 */
const AUDIT_CHUNKS: RebuildChunks = { targetMs: 50, least: 500, most: 20_000, first: 4_000 };
/** Reads of one range while other catch-ups keep applying entries, before the audit gives up. */
const AUDIT_ATTEMPTS = 10;

export class SearchHost {
  private index: SearchIndex | null = null;
  private state: HostState = 'idle';
  private appliedSeq = 0;
  private generation = '';
  private starting: Promise<void> | null = null;
  private catching: Promise<boolean> | null = null;
  private lastStart: SearchDiagnostics['lastStart'] = null;
  private lastSave: SearchDiagnostics['lastSave'] = null;
  private rebuilt = 0;
  private lastQuery: SearchDiagnostics['lastQuery'] = null;
  private lastAudit: SearchDiagnostics['lastAudit'] = null;
  private lastRebuild: SearchDiagnostics['lastRebuild'] = null;
  private phases: Record<string, number> = {};
  /** Journal entries the next catch-up batch reads: sized so it names about journalBatch customers. */
  private entryLimit = FIRST_ENTRY_LIMIT;
  private readonly listeners = new Set<() => void>();
  /** Rows of recent pages; forgotten as the journal names their customers. */
  private readonly rowCache = new ListRowCache();

  constructor(
    private readonly db: CrmDatabase,
    private readonly store: SnapshotStore,
    private readonly options: SearchHostOptions = {},
  ) {}

  /** Loads or builds the index once; later calls return the same promise. */
  start(): Promise<void> {
    this.starting ??= this.load().catch((error: unknown) => {
      this.starting = null;
      this.setState('idle');
      throw error;
    });
    return this.starting;
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  /** State changes (loading -> ready) and applied changes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: HostState): void {
    this.state = state;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async load(): Promise<void> {
    const started = now();
    this.phases = {};
    this.rowCache.clear();
    this.setState('loading');
    const meta = await this.timed('journal meta', () => journalMeta(this.db));
    this.generation = meta.generation;
    let kind: StartKind = 'snapshot';
    let reason = 'snapshot loaded';
    try {
      await this.fromSnapshot(meta.trimmed_through);
    } catch (error) {
      if (!(error instanceof StaleSnapshot || error instanceof SnapshotError)) throw error;
      kind = 'rebuild';
      reason = error instanceof SnapshotError ? `damaged: ${error.message}` : error.message;
      await this.rebuild();
    }
    this.lastStart = { kind, reason, ms: now() - started, phases: this.phases };
    this.setState('ready');
    // After ready, in its own task: it never delays "ready" (a query sent meanwhile waits for it).
    const phases = this.phases;
    setTimeout(() => {
      const warming = now();
      this.warmUp();
      phases['warm-up (after ready)'] = now() - warming;
    }, 0);
  }

  /**
   * One query down each of the engine's paths (a letter, digit fragments over the phones, also
   * starting in the `00` and national prefixes, whose table is built on first use, a typo, two
   * words, a filter and a date sort descending): first calls took up to 35 ms of CPU at
   * 200,000 demo customers against 1-6 ms warm (16 ms with this warm-up, which costs ~130 ms
   * once; `npm run bench:search-engine-demo`). The answers are thrown away.
   */
  private warmUp(): void {
    const index = this.index;
    if (!index) return;
    const all = { lifecycle: null, tag: null, optIn: null, ownerId: null } as const;
    for (const search of ['a', '1234', '00491', '01701', 'abcdfe', 'a b', 'ab@c']) {
      index.query({ ...all, search, sort: 'name', direction: 'asc' }, { offset: 0, limit: 40 });
    }
    index.query(
      { ...all, optIn: 'email', search: 'e', sort: 'created', direction: 'desc' },
      { offset: 0, limit: 40 },
    );
  }

  private async timed<T>(phase: string, body: () => Promise<T> | T): Promise<T> {
    const started = now();
    try {
      return await body();
    } finally {
      this.phases[phase] = (this.phases[phase] ?? 0) + now() - started;
    }
  }

  private async fromSnapshot(trimmedThrough: number): Promise<void> {
    const stored = await this.timed('snapshot read', () => this.store.load());
    if (!stored) throw new StaleSnapshot('missing');
    if (stored.generation !== this.generation) throw new StaleSnapshot('stale: another journal');
    if (stored.seq < trimmedThrough)
      throw new StaleSnapshot('stale: older than the last trimmed write');
    const data = stored.data;
    this.index = await this.timed('snapshot decode', () => SearchIndex.fromSnapshot(data));
    this.appliedSeq = stored.seq;
    // No count of customers_crm_v here: IndexedDB counts by walking every row (seconds at a
    // million), before search could answer. The journal's seqs say what the snapshot lacks.
    const last = await this.timed('journal catch-up', () => this.catchUpToEnd());
    if (stored.seq > last)
      throw new StaleSnapshot(`stale: covers journal entry ${stored.seq}, the database ${last}`);
  }

  /**
   * Applies every journal entry after appliedSeq; returns the journal's last seq, read in the
   * same transaction (so both see the same writes).
   */
  private async catchUpToEnd(): Promise<number> {
    const { db } = this;
    try {
      return await db.transaction('r', [db.search_journal, db.customers_crm_v], async () => {
        while (await this.applyBatch()) {
          /* until the journal is read */
        }
        return lastJournalSeq(db);
      });
    } catch (error) {
      if (error instanceof JournalOutrun) throw new StaleSnapshot('stale: journal trimmed');
      throw error;
    }
  }

  /**
   * One audit range: the next `size` ids of the index after `after` end it (null: to the
   * end); one transaction catches up, then counts the list rows in that key range, and the
   * index counts its live ids in the same range. Both then see the same writes, unless another
   * catch-up applied entries meanwhile (the runtime's, in its own transaction): then the range
   * is counted again.
   */
  private async auditRange(
    after: string | null,
    size: number,
  ): Promise<{ last: string | null; listed: number; indexed: number } | null> {
    const { db } = this;
    for (let attempt = 0; attempt < AUDIT_ATTEMPTS; attempt += 1) {
      const index = this.index;
      if (!index) return null;
      const through = index.idStepsAfter(after, size);
      const read = await db.transaction('r', [db.search_journal, db.customers_crm_v], async () => {
        while (await this.applyBatch()) {
          /* until the journal is read */
        }
        const applied = this.appliedSeq;
        const view = db.customers_crm_v;
        const range =
          after === null
            ? through === null
              ? view.toCollection()
              : view.where(':id').belowOrEqual(through)
            : through === null
              ? view.where(':id').above(after)
              : view.where(':id').between(after, through, false, true);
        return { applied, listed: await range.count() };
      });
      if (!this.index || read.applied !== this.appliedSeq) continue;
      return {
        last: through,
        listed: read.listed,
        indexed: this.index.countIdsBetween(after, through),
      };
    }
    return null; // writes never paused: the next start audits
  }

  /**
   * Checks the index against the list rows once it is ready, and rebuilds when they differ: a
   * list row added or removed behind the journal's back (not through the projection). Start
   * does not (that walk is what kept search from being ready), so the runtime calls this once,
   * 30 s after a start. It counts the list in key ranges sized by time (AUDIT_CHUNKS), one
   * transaction each, yielding between them: a keystroke's reads and a write get in between
   * (one count of every row held IndexedDB for 5-6 s at 462,000). True when it rebuilt.
   */
  async audit(): Promise<boolean> {
    if (!this.ready || !this.index) return false;
    const counting = now();
    let count = 0;
    let differs = false;
    const plan =
      this.options.auditRange === undefined ? AUDIT_CHUNKS : fixedChunks(this.options.auditRange);
    const pace = this.options.beforeChunk ?? this.options.yieldBetweenBatches;
    let rangeSize = firstChunkRows(plan);
    let ranges = 0;
    let longestRangeMs = 0;
    try {
      let after: string | null = null;
      for (;;) {
        const started = now();
        const range = await this.auditRange(after, rangeSize);
        if (range === null) return false;
        const ms = now() - started;
        ranges += 1;
        longestRangeMs = Math.max(longestRangeMs, ms);
        count += range.listed;
        differs ||= range.listed !== range.indexed;
        if (range.last === null) break;
        after = range.last;
        rangeSize = nextChunkRows(plan, { rows: rangeSize, limit: rangeSize, ms });
        await pace?.();
      }
    } catch (error) {
      if (error instanceof JournalOutrun) return false; // catchUp restarts the host
      throw error;
    }
    if (!this.index) return false;
    const size = this.index.size;
    // Per range: a row added in one range and another removed in the next differ too.
    const stale = differs || count !== size;
    this.lastAudit = { ms: now() - counting, rebuilt: stale, ranges, longestRangeMs };
    if (!stale) return false;
    const started = now();
    this.index = null;
    try {
      // A journal trimmed by another window while this reads: read again from its new end.
      for (;;) {
        try {
          await this.rebuild();
          break;
        } catch (error) {
          if (!(error instanceof StaleSnapshot)) throw error;
        }
      }
    } catch (error) {
      this.index = null;
      this.starting = null;
      this.setState('idle');
      throw error;
    }
    this.lastStart = {
      kind: 'rebuild',
      reason: `stale: ${size} customers indexed, ${count} listed`,
      ms: now() - started,
      phases: {},
    };
    this.setState('ready');
    return true;
  }

  /**
   * Reads every list row in key order into a new index, in chunks sized by time (REBUILD_CHUNKS),
   * each chunk its own read transaction over the list rows only: a write to the customers'
   * tables waits for the chunk in progress (IndexedDB runs a read-write transaction after the
   * overlapping reads created before it), never for the whole read. The next chunk starts above
   * the last key read (keys are unique: no row lost or doubled at an edge). Writes made
   * meanwhile are in the journal after the seq noted first: applied after the read, a batch per
   * read transaction, then the rest with the journal's end in one.
   */
  private async rebuild(): Promise<void> {
    this.setState('rebuilding');
    this.rowCache.clear();
    this.rebuilt = 0;
    const { db } = this;
    const reading = now();
    // Writes during the rebuild land in the journal after this seq and are applied after.
    this.appliedSeq = await db.transaction('r', db.search_journal, () => lastJournalSeq(db));
    const builder = createSearchIndexBuilder();
    const plan =
      this.options.batchSize === undefined
        ? (this.options.chunks ?? REBUILD_CHUNKS)
        : fixedChunks(this.options.batchSize);
    const pace = this.options.beforeChunk ?? this.options.yieldBetweenBatches;
    const view = db.customers_crm_v;
    const stats = { chunks: 0, rows: 0, longestChunkMs: 0, largestChunk: 0 };
    let limit = firstChunkRows(plan);
    let after: string | null = null;
    for (;;) {
      await pace?.();
      const index = stats.chunks;
      this.options.onChunk?.({ index, phase: 'start', rows: limit });
      const started = now();
      const from = after;
      const rows: CustomerListRow[] = await db.transaction('r', view, () =>
        (from === null ? view.toCollection() : view.where(':id').above(from))
          .limit(limit)
          .toArray(),
      );
      const ms = now() - started;
      this.options.onChunk?.({ index, phase: 'end', rows: rows.length });
      stats.chunks += 1;
      stats.rows += rows.length;
      stats.longestChunkMs = Math.max(stats.longestChunkMs, ms);
      stats.largestChunk = Math.max(stats.largestChunk, rows.length);
      if (rows.length > 0) {
        builder.add(rows.map(searchDocOf));
        this.rebuilt += rows.length;
        after = rows[rows.length - 1]?.customer_id ?? null;
        this.notify();
      }
      if (rows.length < limit) break; // the end of the list (rows added later: the journal)
      limit = nextChunkRows(plan, { rows: rows.length, limit, ms });
    }
    const readMs = now() - reading;
    this.index = builder.finish();
    let catchUpBatches = 0;
    try {
      for (;;) {
        await pace?.();
        const applied = await db.transaction('r', [db.search_journal, db.customers_crm_v], () =>
          this.applyBatch(),
        );
        if (!applied) break;
        catchUpBatches += 1;
      }
    } catch (error) {
      if (error instanceof JournalOutrun) throw new StaleSnapshot('stale: journal trimmed');
      throw error;
    }
    await this.catchUpToEnd();
    this.lastRebuild = { ...stats, readMs, catchUpBatches };
  }

  /** Applies one batch of journal entries; false when there were none. Inside a transaction. */
  private async applyBatch(): Promise<boolean> {
    const index = this.index;
    if (!index) return false;
    const budget = this.options.journalBatch ?? 5_000;
    const read = await journalAfter(this.db, this.appliedSeq, this.entryLimit);
    if (read.meta && read.meta.trimmed_through > this.appliedSeq) throw new JournalOutrun();
    if (read.lastSeq === undefined) return false;
    const ids = [...new Set(read.customerIds)];
    // Before the index changes: from here on no cached row predates what the index holds.
    this.rowCache.forget(ids);
    const rows = await this.db.customers_crm_v.bulkGet(ids);
    const live = rows.filter((row) => row !== undefined);
    index.upsert(live.map(searchDocOf));
    index.remove(ids.filter((_, i) => rows[i] === undefined));
    this.appliedSeq = read.lastSeq;
    // Entries of one customer each (an old journal, single saves) grow the next read; pages shrink it.
    const perEntry = Math.max(1, read.customerIds.length / read.entries);
    this.entryLimit = Math.min(budget, Math.max(1, Math.floor(budget / perEntry)));
    return true;
  }

  /**
   * Applies every journal entry written since the last call (single flight: concurrent callers
   * share one read). True when anything changed. A trimmed-away gap restarts the host.
   */
  catchUp(): Promise<boolean> {
    if (!this.ready) return Promise.resolve(false);
    this.catching ??= this.catchUpOnce().finally(() => {
      this.catching = null;
    });
    return this.catching;
  }

  private async catchUpOnce(): Promise<boolean> {
    const { db } = this;
    try {
      const changed = await db.transaction(
        'r',
        [db.search_journal, db.customers_crm_v],
        async () => {
          let any = false;
          while (await this.applyBatch()) any = true;
          return any;
        },
      );
      if (changed) this.notify();
      return changed;
    } catch (error) {
      if (!(error instanceof JournalOutrun)) throw error;
      await this.restart();
      return true;
    }
  }

  private async restart(): Promise<void> {
    this.index = null;
    this.starting = null;
    await this.start();
  }

  /**
   * null while the index loads: the caller says "indexing", never shows a partial answer.
   * `seenSeq`: the journal's last seq the caller has seen (the list follows it to ask again
   * after writes). When this host has applied it already (the runtime follows the journal
   * too), the answer holds every write the caller knows of without reading the journal: the
   * read was most of a keystroke's tail under load (it waits behind every other IndexedDB
   * request of the origin). Without it, or behind it, the host catches up first.
   */
  async query(
    query: SearchQuery,
    window: SearchWindow,
    seenSeq?: number,
  ): Promise<SearchResult | null> {
    const started = now();
    if (seenSeq === undefined || this.appliedSeq < seenSeq || !this.ready) await this.catchUp();
    const caughtUp = now();
    const result = this.ready && this.index ? this.index.query(query, window) : null;
    this.lastQuery = { catchUpMs: caughtUp - started, engineMs: now() - caughtUp, rowsMs: 0 };
    return result;
  }

  /**
   * A window and its list rows, both read here: the list's page costs one round trip to the
   * worker, and the UI thread does not wait on IndexedDB for the rows.
   */
  async queryWithRows(
    query: SearchQuery,
    window: SearchWindow,
    seenSeq?: number,
  ): Promise<RowsAnswer | null> {
    const result = await this.query(query, window, seenSeq);
    if (!result) return null;
    const started = now();
    const rows = await this.windowRows(result.ids);
    if (this.lastQuery) this.lastQuery.rowsMs = now() - started;
    return { result, rows, spent: this.lastQuery ? { ...this.lastQuery } : null };
  }

  /**
   * The list rows of these ids: from the row cache where kept, the rest in one bulkGet (most of
   * a keystroke's time in the worker when read). `rowsCached` in diagnostics says how many hit.
   */
  private async windowRows(ids: readonly string[]): Promise<(CustomerListRow | undefined)[]> {
    const rows = ids.map((id) => this.rowCache.get(id));
    const missing: string[] = [];
    ids.forEach((id, i) => {
      if (rows[i] === undefined) missing.push(id);
    });
    if (this.lastQuery) this.lastQuery.rowsCached = ids.length - missing.length;
    if (missing.length === 0) return rows;
    const mark = this.rowCache.mark();
    const read = await this.db.customers_crm_v.bulkGet(missing);
    this.rowCache.keep(mark, read);
    const byId = new Map<string, CustomerListRow>();
    for (const row of read) if (row) byId.set(row.customer_id, row);
    return ids.map((id, i) => rows[i] ?? byId.get(id));
  }

  /** Every matching id; `seenSeq` as in `query` (the journal is read only when behind it). */
  async allIds(query: SearchQuery, seenSeq?: number): Promise<string[]> {
    await this.start();
    if (seenSeq === undefined || this.appliedSeq < seenSeq) await this.catchUp();
    return this.index?.allIds(query) ?? [];
  }

  async tags(): Promise<string[]> {
    await this.catchUp();
    return this.ready && this.index ? this.index.tags() : [];
  }

  /**
   * Writes a snapshot of what is applied, then trims the journal it covers. Under a writer lock
   * (one window at a time), and never over a newer snapshot another window saved.
   */
  async save(): Promise<void> {
    if (!this.ready || !this.index) return;
    const release = await holdLock(`encore-search-writer:${this.db.name}`);
    try {
      await this.catchUp();
      const index = this.index;
      const stored = await this.store.readMeta();
      if (stored && stored.generation === this.generation && stored.seq >= this.appliedSeq) return;
      const started = now();
      const seq = this.appliedSeq;
      const data = index.toSnapshot();
      await this.store.save({ generation: this.generation, seq }, data);
      await trimJournal(this.db, seq);
      this.lastSave = { bytes: data.byteLength, ms: now() - started, seq };
    } finally {
      release();
    }
  }

  diagnostics(): SearchDiagnostics {
    const size = this.index?.size ?? 0;
    const memoryBytes = this.index?.memoryBytes() ?? 0;
    return {
      state: this.state,
      size,
      memoryBytes,
      bytesPerCustomer: size === 0 ? 0 : memoryBytes / size,
      appliedSeq: this.appliedSeq,
      lastStart: this.lastStart,
      lastSave: this.lastSave,
      rebuilt: this.rebuilt,
      lastQuery: this.lastQuery,
      lastAudit: this.lastAudit,
      lastRebuild: this.lastRebuild,
    };
  }
}
