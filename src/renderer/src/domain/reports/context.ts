/** Builds a ReportContext once per data change (one pass over customers and participants). */
import type { ExchangeRateSet } from './exchange-rates';
import { createRateBook } from './exchange-rates';
import type { ReportContext, ReportCustomer, ReportParticipant, StageSettings } from './inputs';
import type { CustomerIndex } from './customer-index';
import { customerById, indexCustomers } from './customer-index';
import { createZoneDays } from './zone-days';

export type ReportSettings = {
  now: Date;
  /** The user's IANA zone; null reads every instant as UTC. */
  timeZone: string | null;
  rateSets: readonly ExchangeRateSet[];
  reportingCurrency: string | null;
  stages?: StageSettings;
};

/** The tags of the customers taking part in each deal (a deal "has" a tag through its people). */
export function dealTagsOf(
  participants: readonly ReportParticipant[],
  customers: CustomerIndex,
): Map<string, string[]> {
  const dealTags = new Map<string, string[]>();
  for (const participant of participants) {
    if (participant.deleted === 1) continue;
    const tags = customerById(customers, participant.customer_id)?.tags;
    if (!tags || tags.length === 0) continue;
    const known = dealTags.get(participant.deal_id);
    if (!known) dealTags.set(participant.deal_id, [...tags]);
    else for (const tag of tags) if (!known.includes(tag)) known.push(tag);
  }
  return dealTags;
}

export function createReportContext(
  data: { customers: readonly ReportCustomer[]; participants: readonly ReportParticipant[] },
  settings: ReportSettings,
): ReportContext {
  const zone = createZoneDays(settings.timeZone);
  const nowMs = settings.now.getTime();
  const customers = indexCustomers(data.customers, zone);
  const dealTags = dealTagsOf(data.participants, customers);
  return {
    now: settings.now,
    nowMs,
    today: zone.dayOf(nowMs),
    zone,
    stages: settings.stages ?? { probability: {}, staleAfter: {} },
    rates: createRateBook(settings.rateSets),
    reportingCurrency: settings.reportingCurrency,
    dealTags,
    customers,
  };
}
