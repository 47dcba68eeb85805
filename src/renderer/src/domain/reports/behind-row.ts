/**
 * What a row of the list behind a figure says beside its title, written as the rest of the
 * app writes it: the deal board's statuses, hold levels, event dates and money; the customer
 * list's lifecycle labels and last-touch days; the task list's status labels and due times.
 * The worker sends the facts (`BehindDetail`); the page writes them in the user's locale and
 * time zone, so the list reads like the pages its rows open.
 */
import { formatDealDate } from '../deals/deal-display';
import { formatMoney } from '../deals/money';
import type { DealStatus } from '../deals/statuses';
import { holdLabel, statusLabel } from '../deals/statuses';
import { formatListDay, LIFECYCLE_LABELS } from '../customers/list-cell-format';
import type { Lifecycle, TaskStatus } from '../records';
import { formatDue } from '../tasks/due-label';
import { TASK_STATUS_LABELS } from '../tasks/task-groups';

export type BehindDetail =
  | {
      kind: 'deal';
      eventDate: string | null;
      venue: string;
      status: DealStatus;
      holdLevel: number | null;
      amountMinor: number;
      currency: string;
    }
  | { kind: 'customer'; lifecycle: Lifecycle; tags: readonly string[]; lastTouchAt: string | null }
  /** `dueAt`: an ISO instant, or null (no due date). */
  | { kind: 'task'; status: TaskStatus; dueAt: string | null };

export type BehindWriting = { now: Date; timeZone: string; locale: string | undefined };

/** "Mar 25, 2027 · Brudenell Social Club · 1st hold · €12,000.00" and the like. */
export function behindDetailText(detail: BehindDetail, writing: BehindWriting): string {
  const { now, timeZone, locale } = writing;
  switch (detail.kind) {
    case 'deal':
      return [
        formatDealDate(detail.eventDate, locale),
        detail.venue || 'No venue',
        detail.status === 'hold' && detail.holdLevel
          ? holdLabel(detail.holdLevel)
          : statusLabel(detail.status),
        formatMoney(detail.amountMinor, detail.currency, { locale }),
      ].join(' · ');
    case 'customer':
      return [
        LIFECYCLE_LABELS[detail.lifecycle] ?? detail.lifecycle,
        detail.tags.join(', ') || 'No tags',
        detail.lastTouchAt ? `Last touch ${formatListDay(detail.lastTouchAt)}` : 'Never touched',
      ].join(' · ');
    case 'task': {
      const due = detail.dueAt ? formatDue(detail.dueAt, now, timeZone, locale) : '';
      return [
        TASK_STATUS_LABELS[detail.status] ?? detail.status,
        due ? `Due ${due}` : 'No due date',
      ].join(' · ');
    }
  }
}
