/** Demo and benchmark deals: realistic, deterministic (seeded), no randomness across runs. */
import type { DealType, ParticipantRole } from '../records';
import type { DealStatus } from './statuses';
import { lastWorkMoment, weekdayDaysAgo, workMoment } from '../demo-hours';

const DAY_MS = 86_400_000;

const VENUES = [
  'The Roundhouse',
  'Paradiso',
  'Columbiahalle',
  'The Fillmore',
  'Le Trianon',
  'Vega',
  'Brudenell Social Club',
  'Bowery Ballroom',
];
const ACTS = [
  'Night Tapes',
  'The Lumineers',
  'Hania Rani',
  'Khruangbin',
  'Nils Frahm',
  'Arlo Parks',
  'Black Country, New Road',
  'Fever Ray',
  'Jungle',
  'Yussef Dayes',
  'Floating Points',
  'Sofi Tukker',
];
const TOURS = ['Spring Tour', 'Club Run', 'Festival Warm-up', 'Album Release', 'Winter Tour'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];
const TYPES: DealType[] = ['flat', 'versus', 'plus', 'door-split'];
// More deals early in the funnel, as in a real agency.
const STATUS_MIX: DealStatus[] = [
  'inquiry',
  'inquiry',
  'inquiry',
  'hold',
  'hold',
  'hold',
  'offer',
  'offer',
  'confirmed',
  'confirmed',
  'contracted',
  'played',
  'settled',
  'declined',
  'released',
];

export type DemoDeal = {
  title: string;
  event_name: string;
  event_date: string;
  venue: string;
  amount_minor: number;
  currency: string;
  deal_type: DealType;
  deal_percent: number | null;
  status: DealStatus;
  /** Days since the last activity (the last step of `path`), so some deals are stale. */
  idleDays: number;
  roles: ParticipantRole[];
  /**
   * How the deal got where it is, as a real deal would have: from an inquiry through the
   * stages (some skipped, an offer sometimes countered with a hold, some lost on the way)
   * to `status`, each step dated, oldest first, none after `today`. Each move is an allowed
   * one (TRANSITIONS); the seed writes one history entry per step.
   */
  path: DemoStep[];
};

export type DemoStep = { status: DealStatus; at: string };

/** How long a deal stays in a stage before its next move, in whole days: [least, most]. */
const STAY_DAYS: Record<DealStatus, readonly [number, number]> = {
  inquiry: [1, 10],
  hold: [4, 28],
  offer: [2, 14],
  confirmed: [5, 30],
  contracted: [14, 60],
  played: [1, 14],
  settled: [0, 0],
  declined: [0, 0],
  released: [0, 0],
  cancelled: [0, 0],
};

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** The local calendar day `days` after `base`'s, as `YYYY-MM-DD`. */
function addDays(base: Date, days: number): string {
  const day = new Date(base.getFullYear(), base.getMonth(), base.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

function between(range: readonly [number, number], random: () => number): number {
  return range[0] + Math.floor(random() * (range[1] - range[0] + 1));
}

/** The stages a deal passed through to reach `status`, lead first (no dates yet). */
function routeTo(status: DealStatus, random: () => number): DealStatus[] {
  if (status === 'inquiry') return ['inquiry'];
  if (status === 'declined') {
    const roll = random();
    if (roll < 0.4) return ['inquiry', 'declined'];
    if (roll < 0.7) return ['inquiry', 'hold', 'declined'];
    return ['inquiry', 'hold', 'offer', 'declined'];
  }
  if (status === 'released')
    return random() < 0.7
      ? ['inquiry', 'hold', 'released']
      : ['inquiry', 'hold', 'offer', 'released'];
  if (status === 'cancelled') return [...routeTo('confirmed', random), 'cancelled'];
  // The way to a show: a hold and an offer are usual, not required (a small show is confirmed
  // straight from the inquiry); an offer is sometimes countered and made again from a hold.
  const ladder: DealStatus[] = ['inquiry'];
  const withHold = status === 'hold' || random() < 0.7;
  const withOffer = status === 'offer' || random() < 0.8;
  if (withHold) ladder.push('hold');
  if (status === 'hold') return ladder;
  if (withOffer) {
    ladder.push('offer');
    if (withHold && random() < 0.2) ladder.push('hold', 'offer');
  }
  if (status === 'offer') return ladder;
  for (const next of ['confirmed', 'contracted', 'played', 'settled'] as const) {
    ladder.push(next);
    if (next === status) return ladder;
  }
  return ladder;
}

/**
 * Dates the route backwards from its last step: a played show was played on its event date
 * (and settled 1 to 14 days later, not after today); any other deal last moved `idleDays`
 * ago. Each earlier step is a plausible stay in its stage before the next.
 */
function datePath(
  route: readonly DealStatus[],
  eventOffset: number,
  idleDays: number,
  today: Date,
  random: () => number,
): DemoStep[] {
  const daysAgo: number[] = new Array<number>(route.length);
  const last = route.length - 1;
  const playedAt = route.indexOf('played');
  if (playedAt >= 0) {
    daysAgo[playedAt] = -eventOffset;
    const [least, most] = STAY_DAYS.played;
    if (playedAt < last)
      daysAgo[last] = -eventOffset - between([least, Math.min(most, -eventOffset)], random);
  } else daysAgo[last] = idleDays;
  for (let step = (playedAt >= 0 ? playedAt : last) - 1; step >= 0; step -= 1) {
    const stay = STAY_DAYS[route[step] as DealStatus];
    daysAgo[step] = (daysAgo[step + 1] as number) + Math.max(1, between(stay, random));
  }
  // Each move at a minute of office hours on its day (steps are a day apart or more, so the
  // order holds), none after the last moment of office hours up to now.
  const anchor = lastWorkMoment(today);
  // On a weekday: a show is played on its date, whatever the day, but the moves before it go
  // back to the weekday before (and a day before the next move), a settlement after it on to
  // the Monday after (the anchor is a weekday, so never after it).
  for (let step = (playedAt >= 0 ? playedAt : last + 1) - 1; step >= 0; step -= 1) {
    const next = step === last ? -Infinity : (daysAgo[step + 1] as number);
    daysAgo[step] = weekdayDaysAgo(anchor, Math.max(daysAgo[step] as number, next + 1), false);
  }
  if (playedAt >= 0 && playedAt < last)
    daysAgo[last] = weekdayDaysAgo(anchor, daysAgo[last] as number, true);
  return route.map((status, step) => ({
    status,
    at: workMoment(anchor, daysAgo[step] as number, random()).toISOString(),
  }));
}

/** The n-th demo deal for a seed; `today` anchors event dates around now. */
export function demoDeal(index: number, seed: number, today: Date): DemoDeal {
  const random = mulberry32(seed * 100_003 + index);
  const act = pick(ACTS, random);
  const venue = pick(VENUES, random);
  const tour = pick(TOURS, random);
  const status = pick(STATUS_MIX, random);
  const won = status === 'played' || status === 'settled';
  const offset = won ? -Math.floor(random() * 120) - 1 : Math.floor(random() * 240) + 7;
  const type = pick(TYPES, random);
  const currency = pick(CURRENCIES, random);
  const amount = (Math.floor(random() * 60) + 5) * 50_000; // 2,500 .. 32,000 in whole units
  const idle = Math.floor(random() * 30);
  // Drawn after the fields above, so a seed gives the same deals it gave before paths.
  const path = datePath(routeTo(status, random), offset, idle, today, random);
  const lastStep = path[path.length - 1] as DemoStep;
  return {
    title: `${act} at ${venue}`,
    event_name: `${act}: ${tour}`,
    // From the day the path's days count from (the last office day), so a played show's
    // history entry is on its date.
    event_date: addDays(lastWorkMoment(today), offset),
    venue,
    amount_minor: amount,
    currency,
    deal_type: type,
    deal_percent: type === 'flat' ? null : type === 'door-split' ? 85 : 80,
    status,
    idleDays: Math.round((today.getTime() - Date.parse(lastStep.at)) / DAY_MS),
    roles: ['artist', 'buyer', 'agent'],
    path,
  };
}
