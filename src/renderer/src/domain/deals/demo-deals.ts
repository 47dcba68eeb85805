/** Demo and benchmark deals: realistic, deterministic (seeded), no randomness across runs. */
import type { DealType, ParticipantRole } from '../records';
import type { DealStatus } from './statuses';

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
  /** Days since the last activity, so some deals are stale. */
  idleDays: number;
  roles: ParticipantRole[];
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

function addDays(base: Date, days: number): string {
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
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
  return {
    title: `${act} at ${venue}`,
    event_name: `${act}: ${tour}`,
    event_date: addDays(today, offset),
    venue,
    amount_minor: amount,
    currency,
    deal_type: type,
    deal_percent: type === 'flat' ? null : type === 'door-split' ? 85 : 80,
    status,
    idleDays: Math.floor(random() * 30),
    roles: ['artist', 'buyer', 'agent'],
  };
}
