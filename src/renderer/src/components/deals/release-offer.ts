import { runAction } from '../../app/run-action';
import { holdLabel } from '../../domain/deals/statuses';
import type { EventDeal } from '../../domain/records';
import { crm } from '../../services/registry';
import { showError, showToast } from '../../stores/toast-store';

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
  const result = await runAction(() =>
    crm().deals.releaseHolds(
      others.map((d) => d.id),
      `Released: ${confirmed.title} confirmed the date`,
    ),
  );
  if (result && !result.ok) showError(result.error);
  else if (result)
    showToast(others.length === 1 ? 'Released 1 hold' : `Released ${others.length} holds`);
}
