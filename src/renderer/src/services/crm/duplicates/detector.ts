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

type Contacts = { emails: CustomerEmail[]; phones: CustomerPhone[] };

function byCustomer(emails: CustomerEmail[], phones: CustomerPhone[]): Map<string, Contacts> {
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

/** Rows per request of the full scan: 1-2 s of IndexedDB at most on a loaded machine. */
export const SCAN_PAGE_ROWS = 5_000;

/** Lets requests queued by other readers (the window, the search worker) run between pages. */
const yieldToOthers = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Every row of a table in primary-key order (as toArray), `pageRows` per request, each page its
 * own read transaction, yielding between pages.
 */
export async function readInPages<T extends { id: string }>(
  table: Table<T, string>,
  pageRows: number = SCAN_PAGE_ROWS,
): Promise<T[]> {
  const rows: T[] = [];
  for (let last: string | null = null; ;) {
    const from: Collection<T, string> =
      last === null ? table.orderBy(':id') : table.where(':id').above(last);
    const page: T[] = await from.limit(pageRows).toArray();
    for (const row of page) rows.push(row);
    if (page.length < pageRows) return rows;
    last = page[page.length - 1]!.id;
    await yieldToOthers();
  }
}

const pairKey = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);

export class DuplicateDetector {
  private index = new DuplicateIndex();
  private dismissed = new Set<string>();
  private dob = new Map<string, string | null>();

  private readonly t: ReturnType<typeof tablesOf>;

  constructor(private readonly db: Dexie) {
    this.t = tablesOf(db);
  }

  /**
   * The full scan: every live customer, the dismissed pairs. Each table is read in pages
   * (readInPages), not in one request: Chromium runs an origin's IndexedDB requests one at a
   * time, and one request for 100,000 rows held every other reader (the customer list, the
   * search index's start) for 16-33 s on a loaded machine. Pages are separate transactions, so a
   * write between two pages may be missed by this scan: the client's journal (storagemutated)
   * queues it, and its refresh waits for the build, then corrects it.
   */
  async build(): Promise<{ customers: number }> {
    const profiles = await readInPages(this.t.profiles);
    const emails = await readInPages(this.t.emails);
    const phones = await readInPages(this.t.phones);
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
