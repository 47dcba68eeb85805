/**
 * The ONE deal status model. Every deal view (board, detail, customer tab, revenue) and the
 * deal service read statuses, order, outcome, default probabilities, staleness and the allowed
 * transitions from here, so two pipeline pages can never drift apart again.
 * The reasoning behind the model is in docs/deals.md.
 */

import { DEAL_STATUSES } from '../../../../shared/sync/enumerations';

export { DEAL_STATUSES };
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** open: still being sold; won: signed and owed; lost: will not happen. */
export type DealOutcome = 'open' | 'won' | 'lost';

export type DealStatusDefinition = {
  status: DealStatus;
  label: string;
  outcome: DealOutcome;
  /** Integer percent 0..100: the chance the deal ends won, used when a deal has none of its own. */
  defaultProbability: number;
  /** An open deal with no activity for longer than this is stale. */
  staleAfterDays: number;
  /** Whether a deal in this status occupies its date at its venue (for hold conflicts). */
  occupiesDate: boolean;
  /** Plain words for where a deal may go next, for the refusal message. */
  hint: string;
};

export const STATUS_DEFINITIONS: Record<DealStatus, DealStatusDefinition> = {
  inquiry: {
    status: 'inquiry',
    label: 'Inquiry',
    outcome: 'open',
    defaultProbability: 10,
    staleAfterDays: 7,
    occupiesDate: false,
    hint: 'an inquiry is answered with a hold, an offer, a confirmation or a decline',
  },
  hold: {
    status: 'hold',
    label: 'Hold',
    outcome: 'open',
    defaultProbability: 25,
    staleAfterDays: 14,
    occupiesDate: true,
    hint: 'a hold becomes an offer or a confirmation, or is released',
  },
  offer: {
    status: 'offer',
    label: 'Offer sent',
    outcome: 'open',
    defaultProbability: 50,
    staleAfterDays: 7,
    occupiesDate: true,
    hint: 'an offer is confirmed or declined, or goes back to a hold or an inquiry',
  },
  confirmed: {
    status: 'confirmed',
    label: 'Confirmed',
    outcome: 'open',
    defaultProbability: 80,
    staleAfterDays: 14,
    occupiesDate: true,
    hint: 'a confirmed show is contracted or cancelled, or reopened as a hold or an offer',
  },
  contracted: {
    status: 'contracted',
    label: 'Contracted',
    outcome: 'won',
    defaultProbability: 100,
    staleAfterDays: 45,
    occupiesDate: true,
    hint: 'a contracted show is played or cancelled',
  },
  played: {
    status: 'played',
    label: 'Played',
    outcome: 'won',
    defaultProbability: 100,
    staleAfterDays: 14,
    occupiesDate: true,
    hint: 'a played show can only be settled',
  },
  settled: {
    status: 'settled',
    label: 'Settled',
    outcome: 'won',
    defaultProbability: 100,
    staleAfterDays: 0,
    occupiesDate: true,
    hint: 'a settled show is final: the money is reconciled',
  },
  declined: {
    status: 'declined',
    label: 'Declined',
    outcome: 'lost',
    defaultProbability: 0,
    staleAfterDays: 0,
    occupiesDate: false,
    hint: 'a declined deal can only be reopened as an inquiry',
  },
  released: {
    status: 'released',
    label: 'Released',
    outcome: 'lost',
    defaultProbability: 0,
    staleAfterDays: 0,
    occupiesDate: false,
    hint: 'a released date can be held again or reopened as an inquiry',
  },
  cancelled: {
    status: 'cancelled',
    label: 'Cancelled',
    outcome: 'lost',
    defaultProbability: 0,
    staleAfterDays: 0,
    occupiesDate: false,
    hint: 'a cancelled show is final: book a new deal for a new date',
  },
};

/**
 * Allowed moves (from -> to). Staying in the same status is not a move. Forward skips are
 * allowed only where the industry skips (a small show confirmed straight from an inquiry);
 * going back is allowed only where a negotiation really reopens.
 */
export const TRANSITIONS: Record<DealStatus, readonly DealStatus[]> = {
  inquiry: ['hold', 'offer', 'confirmed', 'declined'],
  hold: ['inquiry', 'offer', 'confirmed', 'released', 'declined'],
  offer: ['inquiry', 'hold', 'confirmed', 'declined', 'released'],
  confirmed: ['hold', 'offer', 'contracted', 'cancelled'],
  contracted: ['played', 'cancelled'],
  played: ['settled'],
  settled: [],
  declined: ['inquiry'],
  released: ['inquiry', 'hold'],
  cancelled: [],
};

export function isDealStatus(value: unknown): value is DealStatus {
  return typeof value === 'string' && (DEAL_STATUSES as readonly string[]).includes(value);
}

export function statusLabel(status: DealStatus): string {
  return STATUS_DEFINITIONS[status].label;
}

export function statusOrder(status: DealStatus): number {
  return DEAL_STATUSES.indexOf(status);
}

export function outcomeOf(status: DealStatus): DealOutcome {
  return STATUS_DEFINITIONS[status].outcome;
}

export type TransitionCheck = { ok: true } | { ok: false; message: string };

function joinOr(labels: string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/** Whether a deal may move between two statuses; a refusal says why and what is allowed. */
export function checkTransition(from: DealStatus, to: DealStatus): TransitionCheck {
  if (from === to) return { ok: false, message: `The deal is already ${statusLabel(to)}.` };
  if (TRANSITIONS[from].includes(to)) return { ok: true };
  const allowed = TRANSITIONS[from].map(statusLabel);
  const next =
    allowed.length === 0
      ? 'It cannot move anywhere.'
      : `From ${statusLabel(from)} it can move to ${joinOr(allowed)}.`;
  return {
    ok: false,
    message: `A deal cannot move from ${statusLabel(from)} to ${statusLabel(to)}: ${STATUS_DEFINITIONS[from].hint}. ${next}`,
  };
}

/** Hold levels: 1 is the first hold on a date (first right to confirm), then 2, 3, ... */
export const MAX_HOLD_LEVEL = 9;

export function isHoldLevel(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_HOLD_LEVEL
  );
}

export function holdLabel(level: number): string {
  const suffix = level === 1 ? 'st' : level === 2 ? 'nd' : level === 3 ? 'rd' : 'th';
  return `${level}${suffix} hold`;
}
