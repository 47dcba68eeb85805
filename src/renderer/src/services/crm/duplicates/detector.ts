/**
 * Duplicate detection over the database: a DuplicateIndex (domain/duplicates) built from every
 * customer (the full scan), then kept current one customer at a time (`refresh` with the ids a
 * write touched). The detection worker holds one; tests and the benchmark use it directly.
 */
import type { Collection, Dexie, Table } from 'dexie';
import type { DuplicateCandidateDoc } from '../../../domain/duplicates/candidate-doc';
import { candidateDocOf } from '../../../domain/duplicates/candidate-doc';
import type { Confidence } from '../../../domain/duplicates/confidence';
import type { PairQuery, ProbeMatch } from '../../../domain/duplicates/duplicate-index';
import { DuplicateIndex } from '../../../domain/duplicates/duplicate-index';
import type { ImportRowIdentity } from '../../../domain/duplicates/import-assist';
import { likelyExistingCustomers } from '../../../domain/duplicates/import-assist';
import type { DuplicatePair } from '../../../domain/duplicates/pair-delta';
import type { BulkMergePlan } from '../../../domain/duplicates/bulk-merge';
import { planBulkMerge } from '../../../domain/duplicates/bulk-merge';
import type { RebuildChunks } from '../customers/search/rebuild-pace';
import { REBUILD_CHUNKS, firstChunkRows, nextChunkRows } from '../customers/search/rebuild-pace';
import type {
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  DuplicateDismissal,
} from '../../../domain/records';

/**
 * The tables detection reads. Any Dexie on the database will do: the worker reads through a
 * plain one (no middlewares: it never writes, and the middlewares' read path costs ~2x).
 */
function tablesOf(db: Dexie) {
  return {
    profiles: db.table('customer_profiles') as Table<CustomerProfile, string>,
    emails: db.table('customer_emails') as Table<CustomerEmail, string>,
    phones: db.table('customer_phones') as Table<CustomerPhone, string>,
    dismissals: db.table('duplicate_dismissals') as Table<DuplicateDismissal, string>,
  };
}

async function liveDismissals(db: Dexie): Promise<[string, string][]> {
  const rows = await tablesOf(db).dismissals.toArray();
  return rows.filter((row) => row.deleted === 0).map((row) => [row.customer_a, row.customer_b]);
}

/** What detection keeps of each row: the fields `candidateDocOf` reads. */
type ProfileFields = Pick<
  CustomerProfile,
  'id' | 'first_name' | 'last_name' | 'date_of_birth' | 'updated_at' | 'deleted'
>;
type EmailFields = Pick<CustomerEmail, 'customer_id' | 'address_normalized' | 'deleted'>;
type PhoneFields = Pick<CustomerPhone, 'customer_id' | 'e164' | 'deleted'>;

const profileFields = (p: CustomerProfile): ProfileFields => ({
  id: p.id,
  first_name: p.first_name,
  last_name: p.last_name,
  date_of_birth: p.date_of_birth,
  updated_at: p.updated_at,
  deleted: p.deleted,
});
const emailFields = (e: CustomerEmail): EmailFields => ({
  customer_id: e.customer_id,
  address_normalized: e.address_normalized,
  deleted: e.deleted,
});
const phoneFields = (f: CustomerPhone): PhoneFields => ({
  customer_id: f.customer_id,
  e164: f.e164,
  deleted: f.deleted,
});

type Contacts = { emails: EmailFields[]; phones: PhoneFields[] };

function byCustomer(emails: EmailFields[], phones: PhoneFields[]): Map<string, Contacts> {
  const map = new Map<string, Contacts>();
  const entry = (id: string) => {
    let found = map.get(id);
    if (!found) map.set(id, (found = { emails: [], phones: [] }));
    return found;
  };
  for (const email of emails) if (email.deleted === 0) entry(email.customer_id).emails.push(email);
  for (const phone of phones) if (phone.deleted === 0) entry(phone.customer_id).phones.push(phone);
  return map;
}

/**
 * How the full scan reads: in chunks sized by time, as the search index's rebuild does
 * (customers/search/rebuild-pace.ts, the same module and the same bounds: ~50 ms a chunk, 100 to
 * 2,000 rows; a profile row is smaller than a list row, so a chunk at the bound is quicker).
 * Each chunk is its own read transaction, so a write to the customers' tables waits for the
 * chunk in progress (IndexedDB starts a read-write transaction only after the overlapping reads
 * created before it), never for a whole table. The fixed 5,000-row pages before took a second
 * and more each at a million customers on a loaded machine (docs/duplicates.md).
 */
export const SCAN_CHUNKS: RebuildChunks = REBUILD_CHUNKS;

/** One chunk read by the scan (tests, the bench's diagnostics). */
export type ScanChunkEvent = { table: string; rows: number; limit: number; ms: number };

export type ScanPacing = {
  /** How chunks are sized (default SCAN_CHUNKS; `fixedChunks(n)` for fixed pages). */
  chunks?: RebuildChunks;
  /**
   * Awaited before every chunk after the first of a table: the worker's WritePacer (the user's
   * writes go first); default a macrotask, so other readers' requests run in between.
   */
  beforeChunk?: () => Promise<void>;
  /** A chunk's read transaction is being made (tests: a write issued during a chunk). */
  onChunkStart?: (chunk: { table: string; limit: number }) => void;
  onChunk?: (chunk: ScanChunkEvent) => void;
  now?: () => number;
};

/** Lets requests queued by other readers (the window, the search worker) run between chunks. */
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Every row of a table in primary-key order (as toArray), in chunks sized by time (`pacing`),
 * each chunk its own read transaction starting above the last key read (keys are unique: no row
 * lost or doubled at an edge), pacing between chunks.
 */
export async function readInChunks<T extends { id: string }, Kept = T>(
  table: Table<T, string>,
  pacing: ScanPacing = {},
  keep: (row: T) => Kept = (row) => row as unknown as Kept,
): Promise<Kept[]> {
  const plan = pacing.chunks ?? SCAN_CHUNKS;
  const pace = pacing.beforeChunk ?? yieldToOthers;
  const now = pacing.now ?? (() => performance.now());
  const rows: Kept[] = [];
  let limit = firstChunkRows(plan);
  for (let last: string | null = null; ;) {
    const from: Collection<T, string> =
      last === null ? table.orderBy(':id') : table.where(':id').above(last);
    const started = now();
    const reading = from.limit(limit).toArray();
    pacing.onChunkStart?.({ table: table.name, limit });
    const chunk: T[] = await reading;
    const ms = now() - started;
    pacing.onChunk?.({ table: table.name, rows: chunk.length, limit, ms });
    for (const row of chunk) rows.push(keep(row));
    if (chunk.length < limit) return rows;
    last = chunk[chunk.length - 1]!.id;
    limit = nextChunkRows(plan, { rows: chunk.length, limit, ms });
    await pace();
  }
}

/** The last full scan: its chunks, the longest one's read, the whole scan's time. */
export type ScanStats = {
  chunks: number;
  rows: number;
  largestChunk: number;
  longestChunkMs: number;
  ms: number;
};

const pairKey = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);

export class DuplicateDetector {
  private index = new DuplicateIndex();
  private dismissed = new Set<string>();
  private dob = new Map<string, string | null>();

  private readonly t: ReturnType<typeof tablesOf>;
  private stats: ScanStats | null = null;

  constructor(
    private readonly db: Dexie,
    private readonly pacing: ScanPacing = {},
  ) {
    this.t = tablesOf(db);
  }

  /** The last full scan's chunks (null before the first). */
  lastScan(): ScanStats | null {
    return this.stats;
  }

  /**
   * The full scan: every live customer, the dismissed pairs. Each table is read in chunks sized
   * by time (readInChunks), not in one request: Chromium runs an origin's IndexedDB requests one
   * at a time, and one request for 100,000 rows held every other reader (the customer list, the
   * search index's start) for 16-33 s on a loaded machine, and a write waited for it. Chunks are
   * separate transactions, so a write between two chunks may be missed by this scan: the
   * client's journal (storagemutated) queues it, and its refresh waits for the build, then
   * corrects it.
   */
  async build(): Promise<{ customers: number }> {
    const began = (this.pacing.now ?? (() => performance.now()))();
    const stats: ScanStats = { chunks: 0, rows: 0, largestChunk: 0, longestChunkMs: 0, ms: 0 };
    const pacing: ScanPacing = {
      ...this.pacing,
      onChunk: (chunk) => {
        stats.chunks += 1;
        stats.rows += chunk.rows;
        stats.largestChunk = Math.max(stats.largestChunk, chunk.rows);
        stats.longestChunkMs = Math.max(stats.longestChunkMs, chunk.ms);
        this.pacing.onChunk?.(chunk);
      },
    };
    // Only the fields detection reads are kept (a million whole profiles held here made the
    // worker's heap large: its collector's pauses held a chunk's transaction open, and a write
    // behind it waited seconds).
    const profiles = await readInChunks(this.t.profiles, pacing, profileFields);
    const emails = await readInChunks(this.t.emails, pacing, emailFields);
    const phones = await readInChunks(this.t.phones, pacing, phoneFields);
    const dismissed = await liveDismissals(this.db);
    // Read whole and filtered here: an index walk is slower than a plain read of every row.
    const live = profiles.filter((profile) => profile.deleted === 0);
    const contacts = byCustomer(emails, phones);
    const none: Contacts = { emails: [], phones: [] };
    this.dob = new Map(live.map((p) => [p.id, p.date_of_birth]));
    const docs: DuplicateCandidateDoc[] = live.map((profile) => {
      const mine = contacts.get(profile.id) ?? none;
      return candidateDocOf(profile, mine.emails, mine.phones);
    });
    this.index = DuplicateIndex.build(docs, { dismissed });
    this.dismissed = new Set(dismissed.map(([a, b]) => pairKey(a, b)));
    stats.ms = (this.pacing.now ?? (() => performance.now()))() - began;
    this.stats = stats;
    return { customers: this.index.size };
  }

  /**
   * Customers checked again (written, deleted, merged away); returns whether pairs changed.
   * One read transaction for all of them, three requests whatever their number: a burst of
   * writes (an import chunk, a merge) is one refresh, and each IndexedDB transaction and
   * request costs more than the index update itself (bench:duplicates).
   */
  async refresh(ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    const wanted = [...new Set(ids)];
    // One equality read per customer: Dexie's anyOf walks a cursor key by key, 25x slower.
    const [profiles, emails, phones] = await this.db.transaction(
      'r',
      ['customer_profiles', 'customer_emails', 'customer_phones'],
      () =>
        Promise.all([
          this.t.profiles.bulkGet(wanted),
          Promise.all(wanted.map((id) => this.t.emails.where('customer_id').equals(id).toArray())),
          Promise.all(wanted.map((id) => this.t.phones.where('customer_id').equals(id).toArray())),
        ]).then(([p, e, f]) => [p, e.flat(), f.flat()] as const),
    );
    const contacts = byCustomer(emails, phones);
    const none: Contacts = { emails: [], phones: [] };
    let changed = false;
    wanted.forEach((id, at) => {
      const profile = profiles[at];
      const mine = contacts.get(id) ?? none;
      const delta =
        !profile || profile.deleted === 1
          ? this.index.remove(id)
          : this.index.update(candidateDocOf(profile, mine.emails, mine.phones));
      if (profile) this.dob.set(id, profile.date_of_birth);
      changed ||= delta.appeared.length + delta.changed.length + delta.disappeared.length > 0;
    });
    return changed;
  }

  /** The customers of written emails and phones, then `refresh` of them and of `ids`. */
  async refreshTouched(touched: {
    ids: readonly string[];
    emailIds: readonly string[];
    phoneIds: readonly string[];
  }): Promise<boolean> {
    const [emails, phones] = await Promise.all([
      this.t.emails.bulkGet([...touched.emailIds]),
      this.t.phones.bulkGet([...touched.phoneIds]),
    ]);
    const ids = new Set(touched.ids);
    for (const row of [...emails, ...phones]) if (row) ids.add(row.customer_id);
    return this.refresh([...ids]);
  }

  /** The synced dismissals read again (another laptop said "not a duplicate"). */
  async reloadDismissals(): Promise<void> {
    const pairs = await liveDismissals(this.db);
    const next = new Set(pairs.map(([a, b]) => pairKey(a, b)));
    for (const [a, b] of pairs) if (!this.dismissed.has(pairKey(a, b))) this.index.dismiss(a, b);
    for (const key of this.dismissed)
      if (!next.has(key)) {
        const [a, b] = key.split('+') as [string, string];
        this.index.undismiss(a, b);
      }
    this.dismissed = next;
  }

  pairs(query: PairQuery = {}): DuplicatePair[] {
    return this.index.pairs(query);
  }

  pairsFor(id: string): DuplicatePair[] {
    return this.index.pairsFor(id);
  }

  counts(): Record<Confidence, number> {
    return this.index.counts();
  }

  /** "Merge all high-confidence pairs": the groups and the preview count. */
  bulkPlan(): BulkMergePlan {
    return planBulkMerge(this.index.pairs({ minConfidence: 'high' }), (id) => this.dob.get(id));
  }

  /** Existing customers an import row likely is (under another email). */
  likelyExisting(rows: readonly ImportRowIdentity[]): ProbeMatch[][] {
    return rows.map((row) => likelyExistingCustomers(row, this.index));
  }
}
