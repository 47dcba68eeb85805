// Synthetic fan-list customers for the search engine benchmark (and for comparing other
// engines on the same data): names repeat as they do in real fan lists (a few hundred first
// names and surnames, the common ones far more often), 1-2 emails at a few common domains,
// 1-2 phones in the US, Germany, the UK and France, some tags, short notes on a fifth.
// Deterministic: the same N gives the same customers.

/** Small fast PRNG (mulberry32). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  `Sofia Emma Olivia Mia Anna Lea Laura Julia Sarah Lena Hannah Lisa Marie Nina Clara Emily
Charlotte Amelia Isla Ava Grace Chloe Lucy Ella Zoe Ruby Léa Manon Camille Inès Chloé Jade Louise
Noah Liam Lucas Leon Ben Paul Jonas Elias Felix Max Luca Henry Oliver Jack Harry George Charlie
Thomas James William Daniel David Michael Matthew Andrew Joshua Ryan Ethan Jacob Tyler Brandon
Hugo Louis Gabriel Arthur Jules Raphaël Adam Mathis Nathan Théo Maël José María Lucía Martina
Valentina Alejandro Pablo Álvaro Mateo Javier Mohammed Ali Omar Yusuf Fatima Aisha Zeynep Emir
Jürgen Jörg Björn Søren Åsa Zoë Noël François Hélène Cécile Ågot Małgorzata Łukasz Ewa Tomasz
Ivan Olga Dmitri Anastasia Giulia Francesca Marco Alessandro Chiara Matteo Sven Ingrid Kai Finn
Mila Emilia Sophie Maja Greta Ida Frieda Jasper Oskar Anton Theo Karl Otto Aaron Samuel Noa`.split(
    /\s+/,
  );

const LAST =
  `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Clark
Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson
Baker Hall Rivera Campbell Mitchell Carter Roberts Müller Schmidt Schneider Fischer Weber Meyer
Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz
Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Meier Lehmann Köhler Dubois
Durand Leroy Moreau Simon Laurent Lefèvre Michel Fontaine Chevalier Robin Garnier Faure Rousseau
Blanc Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopes
O'Brien O'Connor Murphy Kelly Walsh Byrne Ryan Evans Hughes Edwards Davies Patel Khan Singh Shah
Jean-Baptiste Ben-David García-López Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci
Kowalski Nowak Wiśniewski Novák Svensson Johansson Andersen Nielsen Hansen Jensen Yılmaz Kaya
Demir Şahin Ivanov Petrov Smirnov Popescu Horvat Papadopoulos Van der Berg De Jong Jansen Bakker`
    .split('\n')
    .flatMap((line) => line.trim().split(/\s+(?=[A-Z])/));

const DOMAINS = [
  ['gmail.com', 40],
  ['yahoo.com', 8],
  ['hotmail.com', 8],
  ['outlook.com', 7],
  ['icloud.com', 6],
  ['web.de', 6],
  ['gmx.de', 6],
  ['t-online.de', 3],
  ['orange.fr', 4],
  ['free.fr', 3],
  ['btinternet.com', 3],
  ['aol.com', 2],
  ['protonmail.com', 2],
  ['mail.com', 2],
];
const TAGS = [
  'VIP',
  'newsletter',
  'presale 2024',
  'Summer Fest',
  'Jazz Nights',
  'backstage',
  'press',
  'early bird',
  'student',
  'season ticket',
  'Berlin',
  'London',
  'Paris',
  'NYC',
  'merch',
  'fan club',
  'donor',
  'artist guest',
  'volunteer',
  'crew',
];
const NOTE_WORDS = `met at the show wants front row tickets asked about vip upgrade loves the band
came with friends birthday next month follow up after tour called about refund great contact
prefers email sms only lives near venue bought merch signed poster newsletter subscriber`.split(
  /\s+/,
);
const LIFECYCLES = ['lead', 'prospect', 'customer', 'inactive'];
const OWNERS = ['', '', '', 'm-anna', 'm-ben', 'm-chris', 'm-dana', 'm-eli', 'm-fay', 'm-gus'];

/** Zipf-like pick: the first entries are far more common, as real name lists are. */
function zipf(next, list) {
  return list[Math.floor(list.length * next() ** 2.2)];
}

function weighted(next, pairs) {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let roll = next() * total;
  for (const [value, w] of pairs) if ((roll -= w) < 0) return value;
  return pairs[0][0];
}

const fold = (text) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o');
const ascii = (text) => fold(text).replace(/[^a-z0-9]/g, '');
const digits = (next, n) => Array.from({ length: n }, () => Math.floor(next() * 10)).join('');

function phoneOf(next) {
  const roll = next();
  if (roll < 0.4)
    return `+1${['212', '415', '312', '646', '305', '617'][Math.floor(next() * 6)]}${2 + Math.floor(next() * 8)}${digits(next, 6)}`;
  if (roll < 0.65)
    return `+49${['30', '89', '40', '151', '160', '170', '176'][Math.floor(next() * 7)]}${digits(next, 7 + Math.floor(next() * 2))}`;
  if (roll < 0.85) return `+44${next() < 0.6 ? '7' + digits(next, 9) : '20' + digits(next, 8)}`;
  return `+33${next() < 0.7 ? (next() < 0.5 ? '6' : '7') : '1'}${digits(next, 8)}`;
}

function emailOf(next, first, last, i) {
  const f = ascii(first) || 'fan';
  const l = ascii(last) || 'fan';
  const year = String(1960 + Math.floor(next() * 45));
  const local = [
    `${f}.${l}`,
    `${f}${l}`,
    `${f[0]}${l}`,
    `${f}_${l}${year.slice(2)}`,
    `${f}${year}`,
    `${f}.${l}${Math.floor(next() * 100)}`,
    `${l}.${f}`,
    `${f}${i % 1000}`,
  ][Math.floor(next() * 8)];
  return `${local}@${weighted(next, DOMAINS)}`;
}

const START = Date.parse('2022-01-01T00:00:00.000Z');
const SPAN = 3 * 365 * 86_400_000;

function uuidv7(ms, next) {
  const hex = ms.toString(16).padStart(12, '0');
  const r = () =>
    Math.floor(next() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${r().slice(1)}-${(8 + Math.floor(next() * 4)).toString(16)}${r().slice(1)}-${r()}${r()}${r()}`;
}

/** Customer i of a list of n (same i and n: same customer). */
export function fanCustomer(i, n, version = 0) {
  const next = random(i * 7919 + 17 + version * 104729);
  const first = zipf(next, FIRST);
  const last = zipf(next, LAST);
  const created = START + Math.floor((i / n) * SPAN) + Math.floor(next() * 1000);
  const emails = [emailOf(next, first, last, i)];
  if (next() < 0.3) emails.push(emailOf(next, first, last, i + 7));
  const phones = [phoneOf(next)];
  if (next() < 0.35) phones.push(phoneOf(next));
  const tags = [];
  for (let t = Math.floor(next() * next() * 3.2); t > 0; t -= 1)
    tags.push(TAGS[Math.floor(next() ** 1.5 * TAGS.length)]);
  const notes =
    next() < 0.2
      ? Array.from(
          { length: 3 + Math.floor(next() * 8) },
          () => NOTE_WORDS[Math.floor(next() * NOTE_WORDS.length)],
        ).join(' ')
      : '';
  const updated = created + Math.floor(next() * (START + SPAN - created));
  return {
    id: uuidv7(created, next),
    first_name: first,
    last_name: last,
    emails: [...new Set(emails.map((e) => e.toLowerCase()))],
    phones,
    tags: [...new Set(tags)],
    notes,
    lifecycle: LIFECYCLES[Math.floor(next() ** 1.5 * 4)],
    owner_id: OWNERS[Math.floor(next() * OWNERS.length)],
    email_opt_in: next() < 0.6 ? 1 : 0,
    sms_opt_in: next() < 0.3 ? 1 : 0,
    sort_name: fold(`${last} ${first}`),
    created_at: new Date(created).toISOString(),
    updated_at: new Date(updated).toISOString(),
    last_touch_at:
      next() < 0.6
        ? new Date(created + Math.floor(next() * (START + SPAN - created))).toISOString()
        : '',
  };
}

export function* fanCustomers(n, from = 0, to = n) {
  for (let i = from; i < to; i += 1) yield fanCustomer(i, n);
}

const ALL = {
  search: '',
  lifecycle: null,
  tag: null,
  optIn: null,
  ownerId: null,
  sort: 'name',
  direction: 'asc',
};

/** A single edit, as a fast typist makes them. */
function typo(next, word) {
  const chars = Array.from(word);
  const at = 1 + Math.floor(next() * (chars.length - 2));
  const kind = Math.floor(next() * 4);
  if (kind === 0) chars.splice(at, 1);
  else if (kind === 1) chars.splice(at, 0, 'eaiorn'[Math.floor(next() * 6)]);
  else if (kind === 2) chars[at] = 'eaiorn'[Math.floor(next() * 6)];
  else [chars[at], chars[at + 1]] = [chars[at + 1] ?? chars[at], chars[at]];
  return chars.join('');
}

function phoneFragment(next, e164) {
  const d = e164.slice(1);
  const len = 4 + Math.floor(next() * 4);
  const roll = next();
  const code = e164.startsWith('+1') ? 1 : 2;
  if (roll < 0.3)
    return `+${d.slice(0, code)} ${d.slice(code, code + 3)} ${d.slice(code + 3, len + 1)}`.trim();
  // National form: the trunk 0, then the number without its country code.
  if (roll < 0.5 && code === 2) return `0${d.slice(2, 2 + len)}`;
  const start = Math.floor(next() * (d.length - len));
  return d.slice(start, start + len);
}

/** What a person types to find customer c: [kind, text]. */
function intent(next, c, roll) {
  const cut = (text, min, max) => text.slice(0, min + Math.floor(next() * (max - min + 1)));
  if (roll < 0.3) return ['name prefix', cut(next() < 0.5 ? c.first_name : c.last_name, 2, 5)];
  if (roll < 0.45) return ['two words', `${cut(c.first_name, 2, 6)} ${cut(c.last_name, 1, 4)}`];
  if (roll < 0.6) {
    const email = c.emails[0];
    return ['email', next() < 0.7 ? cut(email, 3, 8) : email.slice(0, email.indexOf('@') + 3)];
  }
  if (roll < 0.78) return ['phone', phoneFragment(next, c.phones[0])];
  const word = [c.last_name, c.first_name].find((w) => ascii(w).length >= 6) ?? `${c.last_name}son`;
  return ['typo', typo(next, cut(word, 5, 8))];
}

/** 200 realistic queries drawn from the customers themselves (an intent each). */
export function realisticQueries(n, count = 200, seed = 99) {
  const next = random(seed);
  const queries = [];
  for (let q = 0; q < count; q += 1) {
    const c = fanCustomer(Math.floor(next() * n), n);
    const roll = next();
    const [kind, search] = intent(next, c, roll);
    const query = { ...ALL, search };
    if (next() < 0.4) {
      const f = Math.floor(next() * 5);
      if (f === 0) query.lifecycle = c.lifecycle;
      if (f === 1) query.tag = c.tags[0] ?? 'VIP';
      if (f === 2) query.optIn = next() < 0.5 ? 'email' : 'sms';
      if (f === 3) query.ownerId = c.owner_id;
      if (f === 4) {
        query.sort = ['created', 'updated', 'last_touch'][Math.floor(next() * 3)];
        query.direction = 'desc';
      }
    }
    queries.push({ kind, query });
  }
  return queries;
}
