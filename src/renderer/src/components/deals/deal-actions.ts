/** What a user can do to deals, as actions (app/actions). */
import { defineAction } from '../../app/actions/define';
import type { DealDraft, DealFieldErrors, DealFields } from '../../domain/deals/deal-draft';
import {
  checkTransition,
  holdLabel,
  statusLabel,
  type DealStatus,
} from '../../domain/deals/statuses';
import type { HoldReleasePlan } from '../../domain/reports/hold-promotion';
import type { Rescheduled } from '../../services/crm/deals/hold-queue';
import type { DealParticipant, EventDeal } from '../../domain/records';
import { ok, type Ok } from '../../domain/result';
import type { DropPlace, Moved, NewParticipant } from '../../services/crm/deals/deal-service';
import { crm } from '../../services/registry';
import { formatDealDate } from '../../domain/deals/deal-display';
import { userLocale } from '../../hooks/settings/user-locale';

export const goToDeals = defineAction({
  id: 'go-deals',
  label: 'Go to the deal pipeline',
  keys: ['d'],
  hint: 'deals',
  perform: (_, { navigate }) => navigate('/deals'),
});

export const newDeal = defineAction({
  id: 'new-deal',
  label: 'New deal',
  perform: (_, { navigate, emit }) => {
    navigate('/deals');
    emit('new-deal');
  },
});

export const loadDemoDeals = defineAction({
  id: 'load-demo-deals',
  label: 'Load demo deals',
  perform: async () => {
    await crm().demo.loadDemoDeals();
    return { ...ok(), message: 'Loaded 24 demo deals' };
  },
});

export const createDeal = defineAction<DealDraft, string, DealFieldErrors>({
  id: 'create-deal',
  label: 'Create deal',
  inline: true,
  perform: async (draft) => {
    const result = await crm().deals.create(draft);
    return result.ok
      ? { ...result, message: `Created ${draft.title.trim()} in ${statusLabel(draft.status)}` }
      : result;
  },
});

export const updateDeal = defineAction<
  { id: string; patch: Partial<DealFields> },
  void,
  DealFieldErrors
>({
  id: 'update-deal',
  label: 'Edit deal',
  inline: true,
  perform: ({ id, patch }) => crm().deals.update(id, patch),
});

export const setHoldLevel = defineAction<{ id: string; level: number }>({
  id: 'set-hold-level',
  label: 'Change hold level',
  inline: true,
  perform: ({ id, level }) => crm().deals.setHoldLevel(id, level),
});

/** A status change or a reorder; the status rules may refuse it (said in a toast). */
export const moveDeal = defineAction<
  { deal: Pick<EventDeal, 'id' | 'status' | 'title'>; to: DealStatus; place?: DropPlace },
  Moved
>({
  id: 'move-deal',
  label: 'Move deal',
  perform: async ({ deal, to, place }) => {
    const result = await crm().deals.move(deal.id, to, place);
    const from = deal.status;
    // A hold let go moves the holds behind it up: Undo puts every level back.
    if (result.ok && result.value.promoted) return promotedOutcome(result, result.value.promoted);
    // Undo is a move back, offered only where the status rules allow it; a confirmation's
    // offer to release other holds speaks instead (release-offer.ts).
    // Every move says where the deal went. Undo is a move back, offered only where the status
    // rules allow it; a confirmation's offer to release other holds speaks instead
    // (release-offer.ts).
    if (!result.ok || from === to || result.value.releasable.length > 0) return result;
    const message = `${deal.title}: ${statusLabel(to)}`;
    if (!checkTransition(to, from).ok)
      return { ...result, message: `${message} (it cannot move back to ${statusLabel(from)})` };
    return {
      ...result,
      message,
      undo: {
        run: () => crm().deals.move(deal.id, from),
        done: `${deal.title}: back to ${statusLabel(from)}`,
      },
    };
  },
});

function promotedOutcome(result: Ok<Moved>, plan: HoldReleasePlan) {
  const moved = plan.promotions.length;
  const title = plan.released.title;
  return {
    ...result,
    message:
      moved === 0
        ? `${title}: ${statusLabel(plan.released.to)}`
        : `${title}: ${statusLabel(plan.released.to)}; ${moved === 1 ? '1 hold' : `${moved} holds`} on that date moved up`,
    undo: {
      run: () => crm().deals.undoRelease(plan),
      done: `${title}: back to ${plan.released.level === null ? statusLabel(plan.released.from) : holdLabel(plan.released.level)}`,
    },
  };
}

/** Moves a deal to another event date (the calendar), with Undo when holds moved up. */
export const rescheduleDeal = defineAction<
  { id: string; title: string; date: string },
  Rescheduled
>({
  id: 'reschedule-deal',
  label: 'Move deal to another date',
  perform: async ({ id, title, date }) => {
    const result = await crm().deals.reschedule(id, date);
    if (!result.ok) return result;
    const { from } = result.value;
    return {
      ...result,
      message: `${title}: moved to ${formatDealDate(date, userLocale())}`,
      undo: from
        ? {
            run: () => crm().deals.reschedule(id, from),
            done: `${title}: back on ${formatDealDate(from, userLocale())}`,
          }
        : undefined,
    };
  },
});

export const releaseHolds = defineAction<
  { confirmedTitle: string; ids: string[] },
  HoldReleasePlan[]
>({
  id: 'release-holds',
  label: 'Release holds',
  perform: async ({ confirmedTitle, ids }) => {
    const result = await crm().deals.releaseHolds(
      ids,
      `Released: ${confirmedTitle} confirmed the date`,
    );
    if (!result.ok) return result;
    const plans = result.value;
    const moved = plans.reduce((n, plan) => n + plan.promotions.length, 0);
    return {
      ...result,
      message:
        (ids.length === 1 ? 'Released 1 hold' : `Released ${ids.length} holds`) +
        (moved === 0 ? '' : `; ${moved === 1 ? '1 hold' : `${moved} holds`} moved up`),
      undo: {
        run: () => crm().deals.undoReleases(plans),
        done: ids.length === 1 ? 'The hold is back' : `The ${ids.length} holds are back`,
      },
    };
  },
});

export const addParticipant = defineAction<{ dealId: string; person: NewParticipant }>({
  id: 'add-participant',
  label: 'Add participant',
  perform: ({ dealId, person }) => crm().deals.addParticipant(dealId, person),
});

export const updateParticipant = defineAction<{
  id: string;
  patch: Partial<Pick<DealParticipant, 'role' | 'share_percent'>>;
}>({
  id: 'update-participant',
  label: 'Edit participant',
  perform: ({ id, patch }) => crm().deals.updateParticipant(id, patch),
});

export const removeParticipant = defineAction<{ id: string; name: string }>({
  id: 'remove-participant',
  label: 'Remove participant',
  perform: async ({ id, name }) => {
    await crm().deals.removeParticipant(id);
    return {
      ...ok(),
      message: `Removed ${name} from the deal`,
      undo: { run: () => crm().deals.restoreParticipant(id), done: `${name} is back on the deal` },
    };
  },
});

export const deleteDeal = defineAction<Pick<EventDeal, 'id' | 'title'>>({
  id: 'delete-deal',
  label: 'Delete deal',
  perform: async ({ id, title }, { navigate }) => {
    const participants = await crm().deals.remove(id);
    navigate('/deals');
    return {
      ...ok(),
      message: `Deleted ${title}`,
      undo: { run: () => crm().deals.restore(id, participants), done: `Restored ${title}` },
    };
  },
});

export const dealActions = [goToDeals, newDeal, loadDemoDeals];
