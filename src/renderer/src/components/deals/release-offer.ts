import { run } from '../../app/actions/runner';
import { releaseHolds as releaseHoldsAction } from './deal-actions';
import { holdLabel } from '../../domain/deals/statuses';
import type { EventDeal } from '../../domain/records';
import { showToast } from '../../stores/toast-store';

/** After a confirmation: offer (in a toast) to release the other holds on the same night. */
export function offerToReleaseHolds(
  confirmed: Pick<EventDeal, 'title'>,
  others: EventDeal[],
): void {
  if (others.length === 0) return;
  const names = others
    .map((d) =>
      d.status === 'hold' && d.hold_level ? `${d.title} (${holdLabel(d.hold_level)})` : d.title,
    )
    .join(', ');
  showToast(`${confirmed.title} now has the date. Still holding it: ${names}.`, {
    label: others.length === 1 ? 'Release the other hold' : `Release ${others.length} other holds`,
    run: () => releaseHolds(confirmed, others),
  });
}

export async function releaseHolds(
  confirmed: Pick<EventDeal, 'title'>,
  others: Pick<EventDeal, 'id'>[],
): Promise<void> {
  await run(releaseHoldsAction, {
    confirmedTitle: confirmed.title,
    ids: others.map((d) => d.id),
  });
}
