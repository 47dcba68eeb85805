/**
 * CSV export of the customer list (its filters and sort) or of everything.
 *
 * Streams: ids are resolved once, then customers are read a page at a time (profiles by
 * bulkGet, emails and phones by customer_id, relations by either side) and each
 * page becomes one CSV text chunk. Between pages the generator yields to the event loop, so
 * 100,000 rows never build one giant string and never hold the UI thread for long.
 */
import type { EntityTable } from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import { bindDb } from '../../bind-db';
import { BOM, formatRowAs, type CellWriting } from '../../../domain/export/csv-writer';
import type {
  ExportColumnGroup,
  ExportLayout,
  ExportRecord,
  ExportRelation,
} from '../../../domain/export/export-columns';
import {
  exportCells,
  exportHeader,
  exportLayout,
  orderContactPoints,
} from '../../../domain/export/export-columns';
import type { CustomerEmail, CustomerPhone } from '../../../domain/records';
import type { CustomerListQuery } from '../customers/customer-list-query';
import { DEFAULT_LIST_QUERY, queryCustomerIds } from '../customers/customer-list-query';

/**
 * `ids`: the rows selected on the list, or the list's matches resolved by the window's search
 * index (an export worker has no index of its own), in the list's order; `list` resolves them
 * here; `all` is everyone.
 */
export type ExportScope =
  /** `seenSeq`: the search journal's last seq the list had seen (customer-list-query.ts). */
  | { kind: 'list'; query: CustomerListQuery; seenSeq?: number }
  | { kind: 'all' }
  | { kind: 'ids'; ids: readonly string[] };

export type ExportPlan = { ids: string[]; layout: ExportLayout; cells: CellWriting };

export type ExportChunk = {
  /** CSV text: the first chunk starts with the BOM and the header. */
  text: string;
  rowsWritten: number;
  /** Rows planned; a customer deleted during the export is skipped, so fewer may be written. */
  total: number;
};

export type ExportStreamOptions = { pageSize?: number; cells?: CellWriting };

export const DEFAULT_EXPORT_PAGE_SIZE = 500;

/** Lets the browser paint and handle input between pages. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The rows of `table` whose `index` is one of `ids`. One equality lookup per id, issued together: in
 * Chromium that is about twice as fast as `anyOf`, which walks a cursor from key to key
 * (measured: 1,000 ids, 350 ms against 700 ms on a loaded machine).
 */
async function lookupEach<T extends { id: string }>(
  table: EntityTable<T, 'id'>,
  index: string,
  ids: readonly string[],
): Promise<T[]> {
  const lists = await Promise.all(ids.map((id) => table.where(index).equals(id).toArray()));
  return lists.flat();
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function exportFileName(now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return `encore-customers-${stamp}.csv`;
}

async function resolveIds(db: CrmDatabase, scope: ExportScope): Promise<string[]> {
  if (scope.kind === 'ids') return [...scope.ids];
  // "Everything" is every live customer, by name: the list without search or filters.
  return scope.kind === 'list'
    ? queryCustomerIds(db, scope.query, scope.seenSeq)
    : queryCustomerIds(db, DEFAULT_LIST_QUERY);
}

/**
 * The ids in file order and the column layout. The header must name every Email N and
 * Phone N column before the first row, so the counts kept on the list rows are read first.
 */
async function plan(
  db: CrmDatabase,
  scope: ExportScope,
  groups: readonly ExportColumnGroup[],
  options: ExportStreamOptions = {},
): Promise<ExportPlan> {
  const ids = await resolveIds(db, scope);
  let maxEmails = 0;
  let maxPhones = 0;
  if (groups.includes('emails') || groups.includes('phones')) {
    const pageSize = options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;
    for (let start = 0; start < ids.length; start += pageSize) {
      const rows = await db.customers_crm_v.bulkGet(ids.slice(start, start + pageSize));
      for (const row of rows) {
        if (!row) continue;
        if (row.email_count > maxEmails) maxEmails = row.email_count;
        if (row.phone_count > maxPhones) maxPhones = row.phone_count;
      }
      await nextTask();
    }
  }
  return {
    ids,
    layout: exportLayout(groups, maxEmails, maxPhones),
    cells: options.cells ?? 'protected',
  };
}

async function readRelations(
  db: CrmDatabase,
  pageIds: string[],
): Promise<Map<string, ExportRelation[]>> {
  const [outgoing, incoming] = await Promise.all([
    lookupEach(db.customer_relationships, 'from_customer_id', pageIds),
    lookupEach(db.customer_relationships, 'to_customer_id', pageIds),
  ]);
  const live = (rel: { deleted: 0 | 1 }) => rel.deleted === 0;
  const otherIds = new Set<string>();
  for (const rel of outgoing.filter(live)) otherIds.add(rel.to_customer_id);
  for (const rel of incoming.filter(live)) otherIds.add(rel.from_customer_id);
  // The list row holds the display name; a deleted customer has none and is left out.
  const others = await db.customers_crm_v.bulkGet([...otherIds]);
  const names = new Map<string, string>();
  for (const row of others) if (row) names.set(row.customer_id, row.display_name);
  const relationsOf = new Map<string, ExportRelation[]>();
  const add = (customerId: string, relation: ExportRelation) => {
    const list = relationsOf.get(customerId);
    if (list) list.push(relation);
    else relationsOf.set(customerId, [relation]);
  };
  for (const rel of outgoing) {
    const otherName = names.get(rel.to_customer_id);
    if (live(rel) && otherName !== undefined)
      add(rel.from_customer_id, { type: rel.type, direction: 'out', otherName });
  }
  for (const rel of incoming) {
    const otherName = names.get(rel.from_customer_id);
    if (live(rel) && otherName !== undefined)
      add(rel.to_customer_id, { type: rel.type, direction: 'in', otherName });
  }
  return relationsOf;
}

/** One page of customers as export records, in the order of `pageIds`. */
async function readPage(
  db: CrmDatabase,
  pageIds: string[],
  layout: ExportLayout,
  ownerNames: Map<string, string>,
): Promise<ExportRecord[]> {
  const wantEmails = layout.groups.includes('emails');
  const wantPhones = layout.groups.includes('phones');
  const wantRelations = layout.groups.includes('relations');
  // One read transaction per page: a page is a consistent snapshot of its customers.
  return db.transaction(
    'r',
    [
      db.customer_profiles,
      db.customer_emails,
      db.customer_phones,
      db.customer_relationships,
      db.customers_crm_v,
    ],
    async () => {
      const [profiles, emails, phones, relations] = await Promise.all([
        db.customer_profiles.bulkGet(pageIds),
        wantEmails
          ? lookupEach(db.customer_emails, 'customer_id', pageIds)
          : ([] as CustomerEmail[]),
        wantPhones
          ? lookupEach(db.customer_phones, 'customer_id', pageIds)
          : ([] as CustomerPhone[]),
        wantRelations ? readRelations(db, pageIds) : new Map<string, ExportRelation[]>(),
      ]);
      const emailsOf = groupBy(
        emails.filter((e) => e.deleted === 0),
        (e) => e.customer_id,
      );
      const phonesOf = groupBy(
        phones.filter((p) => p.deleted === 0),
        (p) => p.customer_id,
      );
      const records: ExportRecord[] = [];
      for (const profile of profiles) {
        if (!profile || profile.deleted === 1) continue;
        records.push({
          profile,
          emails: orderContactPoints(emailsOf.get(profile.id) ?? []),
          phones: orderContactPoints(phonesOf.get(profile.id) ?? []),
          ownerName: profile.owner_id ? (ownerNames.get(profile.owner_id) ?? '') : '',
          relations: relations.get(profile.id) ?? [],
        });
      }
      return records;
    },
  );
}

/** The CSV text of a plan, a page per chunk. Stop iterating to cancel. */
async function* stream(
  db: CrmDatabase,
  exportPlan: ExportPlan,
  options: ExportStreamOptions = {},
): AsyncGenerator<ExportChunk> {
  const { ids, layout, cells } = exportPlan;
  const pageSize = options.pageSize ?? DEFAULT_EXPORT_PAGE_SIZE;
  // Deleted members keep their name: the owner of an old record is still worth knowing.
  const ownerNames = new Map((await db.team_members.toArray()).map((m) => [m.id, m.name]));
  let rowsWritten = 0;
  yield { text: BOM + formatRowAs(exportHeader(layout), cells), rowsWritten, total: ids.length };
  for (let start = 0; start < ids.length; start += pageSize) {
    const records = await readPage(db, ids.slice(start, start + pageSize), layout, ownerNames);
    let text = '';
    for (const record of records) text += formatRowAs(exportCells(record, layout), cells);
    rowsWritten += records.length;
    yield { text, rowsWritten, total: ids.length };
    await nextTask();
  }
}

/** How many customers a scope holds now: what the dialog shows before exporting. */
async function count(db: CrmDatabase, scope: ExportScope): Promise<number> {
  return scope.kind === 'all' ? db.customers_crm_v.count() : (await resolveIds(db, scope)).length;
}

export function createExportService(db: CrmDatabase) {
  return { ...bindDb(db, { plan, stream, count }), fileName: exportFileName };
}

export type ExportService = ReturnType<typeof createExportService>;
