/**
 * Deterministic, realistic-looking people for demo data and benchmarks: international names
 * (with the accents real lists have), valid phone numbers, plausible promoter tags. Pure:
 * the same seed gives the same people, so benchmarks are repeatable.
 */
import type { Lifecycle, TouchpointKind } from './records';
import { foldText } from './text-fold';
import { WORK_MINUTES, WORK_START_HOUR } from './demo-hours';

const FIRST_NAMES = [
  'José',
  'María',
  'Zoë',
  'Ana',
  'Björn',
  'Chloé',
  'Dmitri',
  'Élodie',
  'Fatima',
  'Grégoire',
  'Hannah',
  'Iñaki',
  'Jürgen',
  'Kwame',
  'Léa',
  'Malik',
  'Noémie',
  'Oscar',
  'Priya',
  'Quentin',
  'Renée',
  'Søren',
  'Thabo',
  'Ursula',
  'Valentina',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoltán',
  'Amélie',
  'Bruno',
  'Camille',
  'Diego',
  'Emma',
  'Felix',
  'Giulia',
  'Hugo',
  'Ines',
  'Jonas',
  'Kenji',
  'Lucía',
  'Marco',
  'Nadia',
  'Olivia',
  'Pablo',
  'Rosa',
  'Sofia',
  'Tomás',
  'Aiko',
  'Liam',
];
const LAST_NAMES = [
  'García',
  'Müller',
  'Núñez',
  'Lefèvre',
  'Østergaard',
  'Smith',
  'Kowalski',
  'Nguyen',
  'O’Brien',
  'Schröder',
  'Dubois',
  'Rossi',
  'Fernández',
  'Johansson',
  'Okafor',
  'Tanaka',
  'Costa',
  'Novák',
  'Ibáñez',
  'Martin',
  'Wójcik',
  'Brown',
  'Petrović',
  'Hernández',
  'Becker',
  'Moreau',
  'Silva',
  'Jensen',
  'Kim',
  'Mensah',
  'Álvarez',
  'Weiß',
  'Lambert',
  'Popescu',
  'Yılmaz',
  'Andersson',
  'Khan',
  'Murphy',
  'Santos',
  'Fischer',
];
const DOMAINS = [
  'gmail.com',
  'outlook.com',
  'proton.me',
  'gigmail.de',
  'booking-agency.co.uk',
  'festival.es',
  'venue.fr',
  'yahoo.com',
];
export const DEMO_TAGS = [
  'vip',
  'festival',
  'jazz',
  'techno',
  'press',
  'sponsor',
  'volunteer',
  'season-ticket',
  'agent',
  'newsletter',
];
const LIFECYCLES: Lifecycle[] = ['lead', 'lead', 'prospect', 'customer', 'customer', 'inactive'];
const TOUCH_KINDS = [
  'call',
  'email',
  'meeting',
  'show-attended',
  'ticket-purchase',
  'message',
] as const satisfies readonly TouchpointKind[];
/**
 * What each kind of touchpoint says: "Bought two tickets" under a call, or "Sent the tech
 * rider" under a show attended, read as made up (on the main of 2026-12-07 a summary was drawn
 * apart from its kind). Six each, so the draw is the one it always was.
 */
const TOUCH_SUMMARIES: Record<(typeof TOUCH_KINDS)[number], readonly string[]> = {
  call: [
    'Asked about the autumn tour',
    'Called about the hold on the 14th',
    'Wants the early-bird price',
    'Follow-up on the hold',
    'Asked for a guest-list spot',
    'Rang about accessible seating',
  ],
  email: [
    'Sent the tech rider',
    'Sent the autumn tour dates',
    'Replied to the newsletter',
    'Asked for an invoice',
    'Sent the press kit',
    'Confirmed the guest list',
  ],
  meeting: [
    'Met at the venue bar',
    'Coffee about next season',
    'Site visit at the venue',
    'Went through the sponsorship deck',
    'Planning meeting for the festival',
    'Met backstage after soundcheck',
  ],
  'show-attended': [
    'Came to the late show',
    'Came to the album launch',
    'At the festival, main stage',
    'Came with four friends',
    'Stayed for the after-show',
    'Came to the jazz night',
  ],
  'ticket-purchase': [
    'Bought two tickets',
    'Bought a season ticket',
    'Bought four tickets for the festival',
    'Upgraded to VIP',
    'Bought tickets at the door',
    'Bought a weekend pass',
  ],
  message: [
    'Asked about parking',
    'Texted about set times',
    'Asked if the show is sold out',
    'Thanks for the tickets',
    'Asked about the support act',
    'Running late for the meeting',
  ],
};

/** Kinds that spend money: a spend on a call or an email read as a mistake. */
const SPENDING_KINDS: ReadonlySet<TouchpointKind> = new Set(['ticket-purchase', 'show-attended']);

/** Shows are in the evening (19:00 to 22:59), any day of the week: the one kind not office work. */
const SHOW_START_HOUR = 19;
const SHOW_MINUTES = 4 * 60;

/**
 * The day `daysAgo` days before 2026-11-20 (a Friday), moved off a weekend when the kind is
 * office work: Saturday to the Friday before, Sunday to the Monday after (never after the
 * anchor, a Friday). Shows keep their day.
 */
function touchDay(daysAgo: number, kind: TouchpointKind): number {
  const day = 20 - daysAgo;
  if (kind === 'show-attended') return day;
  const weekday = new Date(2026, 10, day).getDay();
  return weekday === 6 ? day - 1 : weekday === 0 ? day + 1 : day;
}

/**
 * Regions with a template that produces numbers valid in libphonenumber's max metadata, and the
 * E.164 form of what each produces, written out here rather than parsed per number: parsing
 * every demo phone with libphonenumber was a tenth of the demo seed's time (docs/import.md,
 * "The write path, measured"). `invalid` names the few number ranges a template makes that the
 * metadata refuses (French 06 39 and 06 9x are overseas mobiles, not mainland France).
 * tests/unit/demo-phones.test.ts checks every template against checkPhone.
 */
type PhoneTemplate = {
  region: string;
  /** The country calling code, for numbers written in national form (a leading 0 dropped). */
  callingCode: string;
  make: (digits: (n: number) => string) => string;
  invalid?: (raw: string) => boolean;
};
const PHONE_TEMPLATES: PhoneTemplate[] = [
  { region: 'US', callingCode: '1', make: (d) => `(415) ${pick3(d)}-${d(4)}` },
  { region: 'US', callingCode: '1', make: (d) => `+1 212 ${pick3(d)} ${d(4)}` },
  { region: 'DE', callingCode: '49', make: (d) => `0151 ${d(8)}` },
  { region: 'DE', callingCode: '49', make: (d) => `030 ${d(7)}` },
  { region: 'GB', callingCode: '44', make: (d) => `+44 7${'4'}${d(2)} ${d(6)}` },
  {
    region: 'FR',
    callingCode: '33',
    make: (d) => `+33 6 ${d(2)} ${d(2)} ${d(2)} ${d(2)}`,
    invalid: (raw) => /^\+33 6 (39|9[0-4]|9[67]) /.test(raw),
  },
  { region: 'ES', callingCode: '34', make: (d) => `+34 6${d(2)} ${d(3)} ${d(3)}` },
];

/** The E.164 form of a number a template made (its digits, with the calling code). */
function templateE164(template: PhoneTemplate, raw: string): string {
  const digits = raw.replace(/\D/g, '');
  return raw.startsWith('+') ? `+${digits}` : `+${template.callingCode}${digits.replace(/^0/, '')}`;
}

/** One demo phone: a template's number, or null where libphonenumber would refuse it. */
export function demoPhone(
  template: number,
  digits: (n: number) => string,
): { raw: string; region: string; e164: string } | null {
  const made = PHONE_TEMPLATES[template % PHONE_TEMPLATES.length] as PhoneTemplate;
  const raw = made.make(digits);
  if (made.invalid?.(raw)) return null;
  return { raw, region: made.region, e164: templateE164(made, raw) };
}

export const DEMO_PHONE_TEMPLATE_COUNT = PHONE_TEMPLATES.length;

function pick3(d: (n: number) => string): string {
  return `${2 + (Number(d(1)) % 8)}${d(2)}`; // an exchange never starts with 0 or 1
}

/** mulberry32: tiny, fast, good enough for fake data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoPerson = {
  first_name: string;
  last_name: string;
  emails: string[];
  /** Each with its E.164 form (valid by construction: demoPhone). */
  phones: { raw: string; region: string; e164: string }[];
  tags: string[];
  lifecycle: Lifecycle;
  email_opt_in: boolean;
  sms_opt_in: boolean;
  date_of_birth: string | null;
  touchpoints: { kind: TouchpointKind; occurred_at: string; summary: string; value: number }[];
};

/** The names come from the lists above: each is folded once, not once per person. */
const FOLDED = new Map<string, string>();
function folded(name: string): string {
  let value = FOLDED.get(name);
  if (value === undefined) FOLDED.set(name, (value = foldText(name)));
  return value;
}

export function demoPerson(index: number, seed = 1): DemoPerson {
  const random = seededRandom(seed * 1_000_003 + index);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const digits = (count: number) =>
    Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const first = choose(FIRST_NAMES);
  const last = choose(LAST_NAMES);
  const local = `${folded(first)}.${folded(last)}`.replace(/[^a-z.]/g, '');
  // The index keeps every address unique, as the one-live-owner-per-email rule requires.
  const emails = [`${local}${index}@${choose(DOMAINS)}`];
  if (random() < 0.25)
    emails.push(`${folded(first).replace(/[^a-z]/g, '')}${index}@work-${choose(DOMAINS)}`);
  const phones: DemoPerson['phones'] = [];
  const phoneCount = random() < 0.15 ? 0 : random() < 0.3 ? 2 : 1;
  for (let n = 0; n < phoneCount; n += 1) {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // The same draws as choose(PHONE_TEMPLATES): the same people as before.
      const phone = demoPhone(Math.floor(random() * PHONE_TEMPLATES.length), digits);
      if (phone) {
        phones.push(phone);
        break;
      }
    }
  }
  const tags = DEMO_TAGS.filter(() => random() < 0.15);
  const touchCount = Math.floor(random() * 4);
  // The time of day from a stream of its own: the people (names, phones, tags) stay the ones
  // the same seed always gave.
  const clock = seededRandom(seed * 1_000_003 + index + 0x5bd1e995);
  const touchpoints = Array.from({ length: touchCount }, () => {
    // The draws in the order they always were: the day, the kind, the summary, the spend.
    const daysAgo = Math.floor(random() * 400);
    const share = clock();
    const kind = choose(TOUCH_KINDS);
    // Local office hours on a weekday, 09:00 to 17:59, as a promoter's calls and sales are
    // logged; a show in the evening, whatever the day.
    const at =
      kind === 'show-attended'
        ? new Date(
            2026,
            10,
            touchDay(daysAgo, kind),
            SHOW_START_HOUR,
            Math.floor(share * SHOW_MINUTES),
          )
        : new Date(
            2026,
            10,
            touchDay(daysAgo, kind),
            WORK_START_HOUR,
            Math.floor(share * WORK_MINUTES),
          );
    const summary = choose(TOUCH_SUMMARIES[kind]);
    const spent = random() < 0.3 ? Math.floor(random() * 20000) : 0;
    return {
      kind,
      occurred_at: at.toISOString(),
      summary,
      value: SPENDING_KINDS.has(kind) ? spent : 0,
    };
  });
  const year = 1960 + Math.floor(random() * 45);
  return {
    first_name: first,
    last_name: last,
    emails,
    phones,
    tags,
    lifecycle: choose(LIFECYCLES),
    email_opt_in: random() < 0.6,
    sms_opt_in: random() < 0.3,
    date_of_birth:
      random() < 0.5
        ? `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
        : null,
    touchpoints,
  };
}
