/**
 * Undo records written before they kept the import's values and write time: the chunk's write
 * time is inferred from what it wrote (see legacyWriteTime). Undo then reverts an updated
 * customer's fields only when its profile still carries exactly that time.
 */
import type { IsoDateTime } from '../records';
import type { PointStamp, UndoChunk, UndoFacts } from './undo-plan';

/** Emails and phones by id and by customer, built once for all chunks. */
export type PointIndex = {
  byId: ReadonlyMap<string, PointStamp>;
  ofCustomer: ReadonlyMap<string, readonly PointStamp[]>;
};

export function indexPoints(points: readonly PointStamp[]): PointIndex {
  const byId = new Map<string, PointStamp>();
  const ofCustomer = new Map<string, PointStamp[]>();
  for (const point of points) {
    byId.set(point.id, point);
    const list = ofCustomer.get(point.customer_id);
    if (list) list.push(point);
    else ofCustomer.set(point.customer_id, [point]);
  }
  return { byId, ofCustomer };
}

/** The time in a UUIDv7 (its first 48 bits, milliseconds since 1970), as an ISO string. */
export function uuidV7Time(id: string): IsoDateTime | null {
  const hex = id.replace(/-/g, '').slice(0, 12);
  if (!/^[0-9a-f]{12}$/i.test(hex) || id.replace(/-/g, '')[12] !== '7') return null;
  const date = new Date(parseInt(hex, 16));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The write time of a chunk whose record predates `written_at`. Everything a chunk wrote got
 * one timestamp (its created profiles' and added contact points' `created_at`, its updated
 * profiles' `updated_at`), between the job's start and the chunk record's own UUIDv7 time.
 * Later edits move only `updated_at`, to later times. So the most common timestamp in that
 * window is the chunk's; null when the chunk left no trace to tell it by.
 */
export function legacyWriteTime(
  chunk: UndoChunk,
  facts: Pick<UndoFacts, 'jobCreatedAt' | 'profiles'>,
  points: PointIndex,
): IsoDateTime | null {
  const upper = uuidV7Time(chunk.id);
  if (upper === null) return null;
  const evidence: string[] = [];
  for (const id of chunk.undo.created) {
    const profile = facts.profiles.get(id);
    if (profile) evidence.push(profile.created_at);
    for (const point of points.ofCustomer.get(id) ?? [])
      if (point.source === 'import') evidence.push(point.created_at);
  }
  for (const update of chunk.undo.updated) {
    const profile = facts.profiles.get(update.customer_id);
    if (profile) evidence.push(profile.updated_at);
    for (const id of [...update.email_ids, ...update.phone_ids]) {
      const point = points.byId.get(id);
      if (point) evidence.push(point.created_at);
    }
  }
  const seen = new Map<string, number>();
  let best: { time: string; count: number } | null = null;
  for (const time of evidence) {
    if (time < facts.jobCreatedAt || time > upper) continue;
    const count = (seen.get(time) ?? 0) + 1;
    seen.set(time, count);
    if (!best || count > best.count || (count === best.count && time < best.time))
      best = { time, count };
  }
  return best?.time ?? null;
}
