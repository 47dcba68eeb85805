/**
 * Undo of a whole import, sparing later work: what it does is decided by the pure planUndo
 * (domain/import/undo-plan.ts) from the import's undo records and the database as it is. The
 * preview reads and decides in a read transaction for the confirmation dialog; undo reads,
 * decides again (someone may have edited a customer since the preview) and writes the answer
 * in one read-write transaction, however large the import.
 */
import Dexie, { type PromiseExtended } from 'dexie';
import type { CrmDatabase } from '../../../db/database';
import { projectOnce } from '../../../db/projection-middleware';
import { displayName } from '../../../domain/display-name';
import { nowIso } from '../../../domain/ids';
import {
  planUndo,
  type CustomerLinks,
  type KeptCustomer,
  type UndoFacts,
  type UndoPlan,
} from '../../../domain/import/undo-plan';
import { undoSummary } from '../../../domain/import/undo-summary';
import type {
  CrmTask,
  CustomerEmail,
  CustomerPhone,
  CustomerProfile,
  CustomerRelationship,
  DealParticipant,
  EngagementTouchpoint,
  ImportJob,
  ImportJobChunk,
} from '../../../domain/records';
import { byCustomerIds, CONTACT_TABLES, groupedByIndex } from './import-lookup';

/** Kept customers listed by name in the preview; the counts always cover all of them. */
export const KEPT_LISTED = 500;
/** Kept customers named in the job's message after undo. */
const KEPT_IN_MESSAGE = 10;

export type KeptCustomerView = KeptCustomer & { name: string };

export type UndoPreview = {
  jobId: string;
  fileName: string;
  counts: UndoPlan['counts'];
  /** The first KEPT_LISTED kept customers, with names and reasons. */
  kept: KeptCustomerView[];
};

const LINK_TABLES = [
  'customer_engagement_metrics',
  'crm_tasks',
  'deal_participants',
  'customer_relationships',
] as const;
const UNDO_TABLES = [
  ...CONTACT_TABLES,
  ...LINK_TABLES,
  'customers_crm_v',
  'import_jobs',
  'import_job_chunks',
];

const live = <T extends { deleted: 0 | 1 }>(rows: readonly T[] | undefined) =>
  (rows ?? []).filter((row) => row.deleted === 0);

/** Live links to the created customers: bulk reads by index, a few ranges each. */
function readLinks(
  db: CrmDatabase,
  created: readonly string[],
): PromiseExtended<Map<string, CustomerLinks>> {
  return Dexie.Promise.all([
    groupedByIndex<EngagementTouchpoint>(db.customer_engagement_metrics, 'customer_id', created),
    groupedByIndex<CrmTask>(db.crm_tasks, 'customer_id', created),
    groupedByIndex<DealParticipant>(db.deal_participants, 'customer_id', created),
    groupedByIndex<CustomerRelationship>(db.customer_relationships, 'from_customer_id', created),
    groupedByIndex<CustomerRelationship>(db.customer_relationships, 'to_customer_id', created),
  ]).then(([touchpoints, tasks, deals, from, to]) => {
    const links = new Map<string, CustomerLinks>();
    for (const id of created) {
      const counts = {
        touchpoints: live(touchpoints.get(id)).length,
        tasks: live(tasks.get(id)).length,
        deals: new Set(live(deals.get(id)).map((p) => p.deal_id)).size,
        relationships: live(from.get(id)).length + live(to.get(id)).length,
      };
      if (Object.values(counts).some((n) => n > 0)) links.set(id, counts);
    }
    return links;
  });
}

/** The job and everything planUndo needs, read inside the caller's transaction. */
function readFacts(
  db: CrmDatabase,
  jobId: string,
): PromiseExtended<{ job: ImportJob; facts: UndoFacts }> {
  return db.import_jobs.get(jobId).then((job) => {
    if (!job) throw new Error('This import no longer exists');
    return db
      .table<ImportJobChunk, string>('import_job_chunks')
      .where('job_id')
      .equals(jobId)
      .toArray()
      .then((found) => {
        const written = found.flatMap((c) => (c.undo ? [{ id: c.id, undo: c.undo }] : []));
        const created = written.flatMap((c) => c.undo.created);
        const updates = written.flatMap((c) => c.undo.updated);
        return Dexie.Promise.all([
          db.customer_profiles.bulkGet([...created, ...updates.map((u) => u.customer_id)]),
          byCustomerIds<CustomerEmail>(db.customer_emails, created),
          byCustomerIds<CustomerPhone>(db.customer_phones, created),
          db.customer_emails.bulkGet(updates.flatMap((u) => u.email_ids)),
          db.customer_phones.bulkGet(updates.flatMap((u) => u.phone_ids)),
          readLinks(db, created),
        ]).then(([profiles, emails, phones, addedEmails, addedPhones, links]) => ({
          job,
          facts: {
            jobCreatedAt: job.created_at,
            chunks: written,
            profiles: new Map(
              profiles.flatMap((p): [string, CustomerProfile][] => (p ? [[p.id, p]] : [])),
            ),
            emails: [...emails, ...addedEmails.flatMap((e) => (e ? [e] : []))],
            phones: [...phones, ...addedPhones.flatMap((p) => (p ? [p] : []))],
            links,
          },
        }));
      });
  });
}

/** Names for the kept customers: their list rows (name, else email), else their profile. */
function named(
  db: CrmDatabase,
  kept: readonly KeptCustomer[],
  facts: UndoFacts,
): PromiseExtended<KeptCustomerView[]> {
  return db.customers_crm_v.bulkGet(kept.map((k) => k.customer_id)).then((rows) =>
    kept.map((k, index): KeptCustomerView => {
      const profile = facts.profiles.get(k.customer_id);
      const name = rows[index]?.display_name ?? (profile ? displayName(profile) : k.customer_id);
      return { ...k, name };
    }),
  );
}

/** What undo would do now: counts and the customers it keeps, for the confirmation. */
async function undoPreview(db: CrmDatabase, jobId: string): Promise<UndoPreview> {
  return db.transaction('r', UNDO_TABLES, () =>
    readFacts(db, jobId).then(({ job, facts }) => {
      const plan = planUndo(facts);
      return named(db, plan.kept.slice(0, KEPT_LISTED), facts).then((kept) => ({
        jobId,
        fileName: job.file_name,
        counts: plan.counts,
        kept,
      }));
    }),
  );
}

/**
 * Undo of a finished, cancelled or interrupted import as one transaction, decided again
 * inside it. Returns what it did; the job's message says it too, naming kept customers.
 */
async function undo(db: CrmDatabase, jobId: string): Promise<UndoPreview> {
  return db.transaction('rw', UNDO_TABLES, async () => {
    const { job, facts } = await readFacts(db, jobId);
    if (job.status === 'running') throw new Error('This import is still running');
    if (job.status === 'undone') throw new Error('This import was already undone');
    const plan = planUndo(facts);
    const now = nowIso();
    const gone = { deleted: 1 as const, updated_at: now };
    await projectOnce(async () => {
      await db.customer_emails.bulkUpdate(plan.removeEmails.map((key) => ({ key, changes: gone })));
      await db.customer_phones.bulkUpdate(plan.removePhones.map((key) => ({ key, changes: gone })));
      await db.customer_profiles.bulkUpdate([
        ...plan.removeCustomers.map((key) => ({ key, changes: gone })),
        ...plan.restoreProfiles.map(({ id, changes }) => ({
          key: id,
          changes: { ...changes, updated_at: now },
        })),
      ]);
    });
    const kept = await named(db, plan.kept.slice(0, KEPT_LISTED), facts);
    await db.import_jobs.update(jobId, {
      status: 'undone',
      updated_at: now,
      message: undoMessage(plan.counts, kept),
    });
    return { jobId, fileName: job.file_name, counts: plan.counts, kept };
  });
}

export function createImportUndo(db: CrmDatabase) {
  return {
    undoPreview: (jobId: string) => undoPreview(db, jobId),
    undo: (jobId: string) => undo(db, jobId),
  };
}

/** The job's message after undo: the counts, then the first kept customers and why. */
function undoMessage(counts: UndoPlan['counts'], kept: readonly KeptCustomerView[]): string {
  const summary = `Undone: ${undoSummary(counts, 'done')}.`;
  if (counts.kept === 0) return summary;
  const named = kept
    .slice(0, KEPT_IN_MESSAGE)
    .map((k) => `${k.name} (${k.reasons.join(', ')})`)
    .join('; ');
  const more = counts.kept - Math.min(kept.length, KEPT_IN_MESSAGE);
  return `${summary} Kept: ${named}${more > 0 ? `; and ${more.toLocaleString('en-US')} more` : ''}.`;
}
