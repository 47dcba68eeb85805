/**
 * What undoing an import does, decided from what the import wrote and what the database holds
 * now, so that later work is never lost:
 *
 * - a field the import changed goes back to its old value only while it still holds the value
 *   the import wrote; a field edited since keeps the edit;
 * - a customer the import created is removed (with its emails and phones) only when nothing
 *   happened to it since: its profile, emails and phones are as the import wrote them, and it
 *   gained no email, phone, touchpoint, task, deal participation or relationship. Otherwise it
 *   is kept whole, and listed with the reasons;
 * - an email or phone the import added to an existing customer is removed only while it is
 *   as the import wrote it.
 *
 * "As the import wrote it" is proven by values where the undo record keeps them (`written`)
 * and otherwise by timestamps: everything the import creates has `created_at` equal to
 * `updated_at`, and every write since moves `updated_at`. Undo records written before the
 * `written` values existed are judged by the profile's `updated_at` against the chunk's write
 * time (legacyWriteTime): what cannot be proven unchanged is treated as edited, and kept.
 *
 * Pure: the service reads the facts in one transaction, asks this, and writes the answer in
 * the same transaction.
 */
import type { ContactSource, CustomerProfile, ImportUndo, IsoDateTime } from '../records';
import { indexPoints, legacyWriteTime } from './undo-legacy';
import { undoCreated, undoUpdate } from './undo-steps';

/** The parts of an email or phone row the decision needs. */
export type PointStamp = {
  id: string;
  customer_id: string;
  source: ContactSource;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  deleted: 0 | 1;
};

/** Live rows elsewhere that point at a customer the import created. */
export type CustomerLinks = {
  touchpoints: number;
  tasks: number;
  deals: number;
  relationships: number;
};

export type UndoChunk = { id: string; undo: ImportUndo };

export type UndoFacts = {
  /** The job's start: no chunk of it was written before. */
  jobCreatedAt: IsoDateTime;
  chunks: readonly UndoChunk[];
  /** The customers the import created or updated, as they are now (missing: gone). */
  profiles: ReadonlyMap<string, CustomerProfile>;
  /** Every email and phone of the created customers, and those the import added to others. */
  emails: readonly PointStamp[];
  phones: readonly PointStamp[];
  /** Per created customer, its live links (absent: none). */
  links: ReadonlyMap<string, CustomerLinks>;
};

export type KeptCustomer = {
  customer_id: string;
  /** The import created it (else it updated it). */
  created: boolean;
  /** Why it stays (or why some of its fields stay), in words. */
  reasons: string[];
  /** Some of the import's changes to it are undone all the same. */
  partly: boolean;
};

export type UndoPlan = {
  removeCustomers: string[];
  removeEmails: string[];
  removePhones: string[];
  /** Old values to write back, per customer. */
  restoreProfiles: { id: string; changes: Partial<CustomerProfile> }[];
  kept: KeptCustomer[];
  counts: { removed: number; restored: number; kept: number };
};

type Outcome = { created: boolean; reverted: boolean; reasons: string[] };

function groupByCustomer(points: readonly PointStamp[]): Map<string, PointStamp[]> {
  const grouped = new Map<string, PointStamp[]>();
  for (const point of points) {
    const list = grouped.get(point.customer_id);
    if (list) list.push(point);
    else grouped.set(point.customer_id, [point]);
  }
  return grouped;
}

/** What planUndo keeps while it walks the chunks. */
function undoState(facts: UndoFacts) {
  const plan: UndoPlan = {
    removeCustomers: [],
    removeEmails: [],
    removePhones: [],
    restoreProfiles: [],
    kept: [],
    counts: { removed: 0, restored: 0, kept: 0 },
  };
  // Profiles as undo leaves them so far: an older chunk compares with what a newer one restored.
  const working = new Map<string, CustomerProfile>();
  const changes = new Map<string, Partial<CustomerProfile>>();
  const outcomes = new Map<string, Outcome>();
  return {
    facts,
    plan,
    working,
    changes,
    outcomes,
    emailsById: new Map(facts.emails.map((point) => [point.id, point])),
    phonesById: new Map(facts.phones.map((point) => [point.id, point])),
    emailsOf: groupByCustomer(facts.emails),
    phonesOf: groupByCustomer(facts.phones),
    profileOf: (id: string) => working.get(id) ?? facts.profiles.get(id),
    outcomeOf(id: string, created: boolean): Outcome {
      const found = outcomes.get(id);
      if (found) {
        found.created ||= created;
        return found;
      }
      const outcome = { created, reverted: false, reasons: [] };
      outcomes.set(id, outcome);
      return outcome;
    },
  };
}
/** For undo-steps.ts. */
export type UndoState = ReturnType<typeof undoState>;

/** Decides the whole undo. Chunks are undone newest first, so a resumed job undoes in order. */
export function planUndo(facts: UndoFacts): UndoPlan {
  const state = undoState(facts);
  const { plan } = state;
  // Only old undo records need every contact point indexed together; built once, if at all.
  let allPoints: ReturnType<typeof indexPoints> | null = null;
  const points = () => (allPoints ??= indexPoints([...facts.emails, ...facts.phones]));
  const chunks = [...facts.chunks].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  for (const chunk of chunks) {
    const legacy = chunk.undo.written_at === undefined;
    const writtenAt = chunk.undo.written_at ?? legacyWriteTime(chunk, facts, points());
    for (const update of chunk.undo.updated) undoUpdate(state, update, writtenAt, legacy);
    for (const id of chunk.undo.created) undoCreated(state, id, writtenAt, legacy);
  }
  for (const [id, changes] of state.changes) plan.restoreProfiles.push({ id, changes });
  for (const [id, outcome] of state.outcomes) {
    if (outcome.reasons.length > 0)
      plan.kept.push({
        customer_id: id,
        created: outcome.created,
        reasons: [...new Set(outcome.reasons)],
        partly: outcome.reverted,
      });
    else if (outcome.reverted) plan.counts.restored += 1;
  }
  plan.counts.removed = plan.removeCustomers.length;
  plan.counts.kept = plan.kept.length;
  return plan;
}
