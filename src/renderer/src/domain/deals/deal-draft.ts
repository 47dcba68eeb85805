/** Validation of deal fields, shared by the create dialog, the detail page and the service. */
import type { DealType, EventDeal, ParticipantRole } from '../records';
import { DEAL_TYPES, PARTICIPANT_ROLES } from '../records';
import { isCurrencyCode } from './money';
import type { DealStatus } from './statuses';
import { isDealStatus, outcomeOf } from './statuses';

/** The editable fields of a deal. */
export type DealFields = Pick<
  EventDeal,
  | 'title'
  | 'event_name'
  | 'event_date'
  | 'venue'
  | 'amount_minor'
  | 'currency'
  | 'deal_type'
  | 'deal_percent'
  | 'probability'
  | 'expected_close'
  | 'owner_id'
  | 'notes'
>;

export type DealDraft = DealFields & { status: DealStatus };

export type DealFieldErrors = Partial<Record<keyof DealDraft, string>>;

export function emptyDealDraft(currency = 'USD'): DealDraft {
  return {
    title: '',
    event_name: '',
    event_date: null,
    venue: '',
    amount_minor: 0,
    currency,
    deal_type: 'flat',
    deal_percent: null,
    probability: null,
    expected_close: null,
    owner_id: null,
    notes: '',
    status: 'inquiry',
  };
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900;
}

export function isPercent(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100;
}

export const DEAL_TYPE_LABELS: Record<DealType, string> = {
  flat: 'Flat guarantee',
  versus: 'Guarantee versus %',
  plus: 'Guarantee plus %',
  'door-split': 'Door split %',
};

export const ROLE_LABELS: Record<ParticipantRole, string> = {
  artist: 'Artist',
  agent: 'Agent',
  buyer: 'Buyer / promoter',
  venue: 'Venue',
  signer: 'Signer',
  payer: 'Payer',
  manager: 'Manager',
};

export function isParticipantRole(value: unknown): value is ParticipantRole {
  return typeof value === 'string' && (PARTICIPANT_ROLES as readonly string[]).includes(value);
}

/** Checks a patch of deal fields; returns one message per bad field (empty when valid). */
export function validateDealFields(fields: Partial<DealDraft>): DealFieldErrors {
  const errors: DealFieldErrors = {};
  if (fields.title !== undefined && fields.title.trim() === '')
    errors.title = 'Give the deal a title';
  if (fields.title !== undefined && fields.title.length > 200)
    errors.title = 'Keep the title short';
  if (
    fields.event_date !== undefined &&
    fields.event_date !== null &&
    !isCalendarDate(fields.event_date)
  )
    errors.event_date = 'Use a real date, YYYY-MM-DD';
  if (
    fields.expected_close !== undefined &&
    fields.expected_close !== null &&
    !isCalendarDate(fields.expected_close)
  )
    errors.expected_close = 'Use a real date, YYYY-MM-DD';
  if (
    fields.amount_minor !== undefined &&
    !(Number.isSafeInteger(fields.amount_minor) && fields.amount_minor >= 0)
  )
    errors.amount_minor = 'The amount must be zero or more';
  if (fields.currency !== undefined && !isCurrencyCode(fields.currency))
    errors.currency = `${fields.currency || 'That'} is not an ISO 4217 currency code`;
  if (
    fields.deal_type !== undefined &&
    !(DEAL_TYPES as readonly string[]).includes(fields.deal_type)
  )
    errors.deal_type = 'Choose a deal type';
  if (
    fields.deal_percent !== undefined &&
    fields.deal_percent !== null &&
    !isPercent(fields.deal_percent)
  )
    errors.deal_percent = 'A whole percentage from 0 to 100';
  if (fields.deal_type !== undefined && fields.deal_type !== 'flat' && fields.deal_percent === null)
    errors.deal_percent = `${DEAL_TYPE_LABELS[fields.deal_type]} needs its percentage`;
  if (
    fields.probability !== undefined &&
    fields.probability !== null &&
    !isPercent(fields.probability)
  )
    errors.probability = 'A whole percentage from 0 to 100';
  if (fields.status !== undefined) {
    if (!isDealStatus(fields.status)) errors.status = 'Unknown status';
    else if (outcomeOf(fields.status) !== 'open')
      errors.status = 'A new deal starts in an open stage (inquiry to confirmed)';
  }
  return errors;
}
