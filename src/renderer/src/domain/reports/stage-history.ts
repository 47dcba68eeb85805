/**
 * A deal's stays in each status, read from deal_status_history: when it entered a status and
 * when it left (null while it is still there). Hold-level changes (hold -> hold) are not a
 * new stay. The history may be incomplete (deals made before history was kept, a sync gap):
 * the rules that fill the gaps are in docs/reports.md, "Stays".
 */
import type { DealOutcome, DealStatus } from '../deals/statuses';
import { outcomeOf } from '../deals/statuses';
import { instantMs } from './calendar';
import type { ReportDeal, ReportStatusChange } from './inputs';

export type Stay = { status: DealStatus; start: number; end: number | null };

export type DealTimeline = {
  deal: ReportDeal;
  stays: Stay[];
  /** When the deal reached its current outcome (won or lost); null while open. */
  closedAt: number | null;
};

type Change = { to: DealStatus; from: DealStatus | null; at: number; id: string };

function open(stays: Stay[], status: DealStatus, at: number): void {
  const last = stays[stays.length - 1];
  if (last) last.end = Math.max(last.start, at);
  stays.push({ status, start: last ? Math.max(last.start, at) : at, end: null });
}

/** The stays of one deal from its own changes (any order; they are sorted here). */
export function staysOf(deal: ReportDeal, changes: readonly Change[]): Stay[] {
  const sorted = [...changes].sort(
    (a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const created = instantMs(deal.created_at);
  const stays: Stay[] = [];
  for (const change of sorted) {
    const current = stays[stays.length - 1];
    if (!current) {
      // No creation record: the deal was in `from` since it was created.
      const start = Number.isNaN(created) ? change.at : Math.min(created, change.at);
      if (change.from !== null && change.from !== change.to) {
        stays.push({ status: change.from, start, end: null });
        open(stays, change.to, change.at);
      } else
        stays.push({
          status: change.to,
          start: change.from === null ? change.at : start,
          end: null,
        });
    } else if (change.to !== current.status) open(stays, change.to, change.at);
  }
  const last = stays[stays.length - 1];
  if (!last)
    return [{ status: deal.status, start: Number.isNaN(created) ? 0 : created, end: null }];
  // The deal row is the truth about where it is now; a history that ends elsewhere missed a change.
  if (last.status !== deal.status) {
    const updated = instantMs(deal.updated_at);
    open(stays, deal.status, Number.isNaN(updated) ? last.start : updated);
  }
  return stays;
}

/** When the deal reached its current outcome: the start of the last run of stays with it. */
export function closedAtOf(stays: readonly Stay[]): number | null {
  const last = stays[stays.length - 1];
  if (!last) return null;
  const outcome: DealOutcome = outcomeOf(last.status);
  if (outcome === 'open') return null;
  let index = stays.length - 1;
  while (index > 0 && outcomeOf(stays[index - 1]!.status) === outcome) index -= 1;
  return stays[index]!.start;
}

/** Every live deal's timeline: one pass over the history, then each deal's few changes. */
export function buildTimelines(
  deals: readonly ReportDeal[],
  history: readonly ReportStatusChange[],
): DealTimeline[] {
  const byDeal = new Map<string, Change[]>();
  for (const row of history) {
    if (row.deleted === 1) continue;
    const at = instantMs(row.changed_at);
    if (Number.isNaN(at)) continue;
    const change: Change = { to: row.to_status, from: row.from_status, at, id: row.id };
    const list = byDeal.get(row.deal_id);
    if (list) list.push(change);
    else byDeal.set(row.deal_id, [change]);
  }
  const timelines: DealTimeline[] = [];
  for (const deal of deals) {
    if (deal.deleted === 1) continue;
    const stays = staysOf(deal, byDeal.get(deal.id) ?? []);
    timelines.push({ deal, stays, closedAt: closedAtOf(stays) });
  }
  return timelines;
}
