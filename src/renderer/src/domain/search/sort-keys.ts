/**
 * Sort keys, the last of the matching rules (docs/search.md): 'name' compares sort_name in JS
 * string order; the dates compare as instants, '' (never touched) before any date. Ties go by
 * id in the same direction, as an IndexedDB index read in reverse does.
 */
import type { SearchDirection, SearchDoc, SearchSort } from './search-types';

export const SORTS: readonly SearchSort[] = ['name', 'created', 'updated', 'last_touch', 'score'];

/** The stored L of a customer never touched (engagement-score.ts NO_ENGAGEMENT_LOG) or below. */
const NEVER_ENGAGED = -1e9;

/**
 * The engagement sort key: L in whole millionths (the sort column stores whole numbers as
 * exact differences); never touched sorts first, as '' does for dates. L differs between
 * customers by far more than a millionth unless their touchpoints are the same.
 */
export function engagementKey(log: number | undefined): number {
  if (log === undefined || !Number.isFinite(log) || log <= NEVER_ENGAGED) {
    return Number.NEGATIVE_INFINITY;
  }
  return Math.round(log * 1e6);
}

/**
 * Milliseconds since 1970, kept to the millisecond. '' and text that is not a date sort
 * first, as '' does in the list's own index.
 */
export function timestampKey(iso: string): number {
  if (iso === '') return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export type SortKey = string | number;

export function sortKeyOf(doc: SearchDoc, sort: SearchSort): SortKey {
  switch (sort) {
    case 'name':
      return doc.sort_name;
    case 'created':
      return timestampKey(doc.created_at);
    case 'updated':
      return timestampKey(doc.updated_at);
    case 'last_touch':
      return timestampKey(doc.last_touch_at);
    case 'score':
      return engagementKey(doc.engagement_log);
  }
}

/** Ascending order of (key, id); keys of one sort are all strings or all numbers. */
export function compareKeyAndId(keyA: SortKey, idA: string, keyB: SortKey, idB: string): number {
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  if (idA !== idB) return idA < idB ? -1 : 1;
  return 0;
}

/** The list's order for whole documents (the reference matcher in the tests uses it). */
export function compareDocs(
  sort: SearchSort,
  direction: SearchDirection,
): (a: SearchDoc, b: SearchDoc) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => sign * compareKeyAndId(sortKeyOf(a, sort), a.id, sortKeyOf(b, sort), b.id);
}
