/** A deal's status history entry: one per status change, hold level change or creation. */
import type { DealStatus } from '../../../domain/deals/statuses';
import { newId } from '../../../domain/ids';
import type { DealStatusChange, EventDeal } from '../../../domain/records';

export function statusChange(
  deal: Pick<EventDeal, 'id' | 'hold_level'>,
  from: DealStatus | null,
  to: DealStatus,
  at: string,
  by: string | null,
  note = '',
): DealStatusChange {
  return {
    id: newId(),
    created_at: at,
    updated_at: at,
    deleted: 0,
    deal_id: deal.id,
    from_status: from,
    to_status: to,
    hold_level: to === 'hold' ? deal.hold_level : null,
    changed_at: at,
    changed_by: by,
    note,
  };
}
