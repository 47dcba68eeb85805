/**
 * Profile-field edits of a merged-away customer, pulled from a laptop that had not seen the
 * merge, land on the survivor (docs/duplicates.md, "Sync"). redirect-merged.ts moves the
 * merged-away customer's child rows; this moves its own fields, by their clocks:
 *
 * - A field of the pulled tombstone whose clock is later than its `merged_into` clock was
 *   written without knowing of the merge (an HLC later than the merge cannot have been seen
 *   by it). Earlier fields are what the merge saw, or as good as: they stay on the tombstone.
 * - Each such field is queued for the survivor **with the edit's own clock**, not a new one,
 *   and not written here: the server's field rule (`wins()`) then decides against the
 *   survivor's own clock for that field, as if the edit had been made on the survivor. A
 *   later edit of the survivor keeps its value; otherwise the edit wins, and every laptop
 *   (this one included) pulls the survivor's new value on its next sync. Every laptop that
 *   pulls the tombstone queues the same clock, so the first to push decides and the others
 *   change nothing.
 * - Tags are united with the survivor's and an edited note is added to the survivor's notes
 *   with its source (replacing them would lose the survivor's own), as the merge does.
 */
import type { RemoteRow } from '../../../shared/sync/protocol';
import type { CrmDatabase } from '../db/database';
import { newId, nowIso } from '../domain/ids';
import type { CustomerProfile, OutboxEntry } from '../domain/records';
import { normalizeTags } from '../domain/tags';
import { mergedTrails } from './redirect-merged';

/** The survivor takes these fields from a late edit (the merge's own choosable fields and more). */
export const CARRIED_FIELDS = [
  'first_name',
  'last_name',
  'date_of_birth',
  'lifecycle',
  'owner_id',
  'notes',
  'tags',
  'email_consent',
  'sms_consent',
] as const;
type CarriedField = (typeof CARRIED_FIELDS)[number];

/** Fields of a merged-away customer written after the merge, with their clocks. */
export type LateEdit = {
  id: string;
  name: string;
  fields: Partial<Record<CarriedField, unknown>>;
  clocks: Partial<Record<CarriedField, string>>;
};

/** The late edits among pulled rows: merged-away profiles with fields clocked after the merge. */
export function lateProfileEdits(rows: readonly RemoteRow[]): LateEdit[] {
  const edits: LateEdit[] = [];
  for (const row of rows) {
    const mergedAt = row.clocks['merged_into'];
    const { data } = row;
    if (row.table !== 'customer_profiles' || !mergedAt) continue;
    if (typeof data['merged_into'] !== 'string' || !data['deleted']) continue;
    const edit: LateEdit = {
      id: row.row_id,
      name: `${String(data['first_name'] ?? '')} ${String(data['last_name'] ?? '')}`.trim(),
      fields: {},
      clocks: {},
    };
    for (const field of CARRIED_FIELDS) {
      const clock = row.clocks[field];
      if (clock === undefined || clock <= mergedAt || !(field in data)) continue;
      edit.fields[field] = data[field];
      edit.clocks[field] = clock;
    }
    if (Object.keys(edit.clocks).length > 0) edits.push(edit);
  }
  return edits;
}

/** A note edited after the merge, as the survivor's notes then read. */
function withNote(survivorNotes: string, note: string, name: string, at: string): string {
  const text = note.trim();
  if (text === '' || survivorNotes.includes(text)) return survivorNotes;
  const added = `${text}\n— from ${name || 'a merged customer'}, edited after the merge ${at.slice(0, 10)}`;
  return survivorNotes.trim() === '' ? added : `${survivorNotes}\n\n${added}`;
}

/** The survivor's value of each late field (unchanged values left out). Pure. */
export function survivorValues(
  edit: LateEdit,
  survivor: CustomerProfile,
  at: string,
): { field: CarriedField; value: unknown; hlc: string }[] {
  const out: { field: CarriedField; value: unknown; hlc: string }[] = [];
  for (const field of CARRIED_FIELDS) {
    const hlc = edit.clocks[field];
    if (hlc === undefined) continue;
    const incoming = edit.fields[field];
    let value: unknown = incoming;
    if (field === 'tags')
      value = normalizeTags([...survivor.tags, ...(Array.isArray(incoming) ? incoming : [])]);
    else if (field === 'notes')
      value = withNote(survivor.notes, typeof incoming === 'string' ? incoming : '', edit.name, at);
    if (JSON.stringify(value) === JSON.stringify(survivor[field])) continue;
    out.push({ field, value, hlc });
  }
  return out;
}

/**
 * Queues the late edits for their survivors (one outbox entry per field, at the edit's clock).
 * Returns how many fields were queued.
 */
export async function carryMergedEdits(
  db: CrmDatabase,
  edits: ReadonlyMap<string, LateEdit>,
): Promise<number> {
  if (edits.size === 0) return 0;
  return db.transaction('rw', ['customer_profiles', 'sync_outbox'], async () => {
    const { targets } = await mergedTrails(db, [...edits.keys()]);
    const at = nowIso();
    const txId = newId();
    const entries: OutboxEntry[] = [];
    for (const [from, to] of targets) {
      const edit = edits.get(from);
      const survivor = await db.customer_profiles.get(to);
      if (!edit || !survivor || survivor.deleted === 1) continue;
      for (const { field, value, hlc } of survivorValues(edit, survivor, at))
        entries.push({
          table: 'customer_profiles',
          row_id: to,
          op: 'put',
          value: { id: to, [field]: value },
          changed_fields: [field],
          tx_id: txId,
          captured_at: at,
          hlc,
        });
    }
    if (entries.length > 0) await db.sync_outbox.bulkAdd(entries);
    return entries.length;
  });
}
