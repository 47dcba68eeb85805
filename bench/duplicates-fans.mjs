// Synthetic fan lists for the duplicates benchmark, repeatable from a seed: common first and
// last names (Zipf-like, with the accents real lists have), families sharing a landline,
// venue box-office numbers on many customers, people with two emails, and planted
// duplicates (the same person re-imported under another email, the name typed differently).
const FIRST = [
  'Maria',
  'José',
  'Anna',
  'Ana',
  'John',
  'Zoë',
  'Emma',
  'Liam',
  'Sofia',
  'Lucas',
  'Mia',
  'Noah',
  'Léa',
  'Hugo',
  'Chloé',
  'Björn',
  'Søren',
  'Jürgen',
  'Élodie',
  'Iñaki',
  'Fatima',
  'Priya',
  'Wei',
  'Kenji',
  'Aiko',
  'Kwame',
  'Thabo',
  'Olivia',
  'Elena',
  'David',
  'Sarah',
  'Laura',
  'Daniel',
  'Julia',
  'Marco',
  'Giulia',
  'Pablo',
  'Lucía',
  'Tomás',
  'Ines',
  'Jonas',
  'Felix',
  'Nadia',
  'Oscar',
  'Rosa',
  'Diego',
  'Camille',
  'Amélie',
  'Bruno',
  'Malik',
  'Yusuf',
  'Zoltán',
  'Ursula',
  'Valentina',
  'Ximena',
  'Hannah',
  'Grégoire',
  'Quentin',
  'Renée',
  'Dmitri',
  'Siobhán',
  'Niamh',
];
const LAST = [
  'García',
  'Smith',
  'Müller',
  'Andersson',
  "O'Brien",
  'Nguyen',
  'Rossi',
  'Martin',
  'Kim',
  'Silva',
  'Johansson',
  'Fernández',
  'Kowalski',
  'Schröder',
  'Dubois',
  'Lefèvre',
  'Østergaard',
  'Núñez',
  'Okafor',
  'Tanaka',
  'Costa',
  'Novák',
  'Ibáñez',
  'Wójcik',
  'Brown',
  'Petrović',
  'Hernández',
  'Becker',
  'Moreau',
  'Jensen',
  'Mensah',
  'Álvarez',
  'Weiß',
  'Lambert',
  'Popescu',
  'Yılmaz',
  'Khan',
  'Murphy',
  'Santos',
  'Fischer',
  "D'Angelo",
  'McDonald',
  'van der Berg',
  'De la Cruz',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'sten',
  'vik',
  'ra',
  'dor',
  'el',
  'ton',
  'berg',
  'li',
  'sa',
  'no',
  'wen',
  'ga',
];
const FREEMAIL = [
  ['gmail.com', 30],
  ['hotmail.com', 8],
  ['yahoo.com', 7],
  ['outlook.com', 5],
  ['web.de', 3],
];

function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rank r is drawn with weight 1 / (r + 1)^0.9: a few names everywhere, a long tail. */
const cumulative = new Map();
function zipf(items, random) {
  let sums = cumulative.get(items);
  if (!sums) {
    let total = 0;
    sums = items.map((_, r) => (total += 1 / (r + 1) ** 0.9));
    cumulative.set(items, sums);
  }
  const x = random() * sums[sums.length - 1];
  let [lo, hi] = [0, sums.length - 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sums[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return items[lo];
}

function tailSurnames(random, count) {
  return Array.from({ length: count }, () => {
    const word = Array.from(
      { length: 2 + Math.floor(random() * 2) },
      () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
    ).join('');
    return word[0].toUpperCase() + word.slice(1);
  });
}

const fold = (text) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
const pad = (n, width) => String(n).padStart(width, '0');

export function syntheticFans(n, seed) {
  const random = seeded(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const lasts = [...LAST, ...tailSurnames(random, 3000)];
  const firsts = [...FIRST, ...tailSurnames(random, 300)];
  const taken = new Set();
  let counter = 0;
  const emailFor = (first, last, domain) => {
    const styles = [
      `${fold(first)}.${fold(last)}`,
      `${fold(first)}${fold(last)}`,
      `${fold(first)[0]}${fold(last)}`,
    ];
    let address = `${pick(styles)}@${domain}`;
    while (taken.has(address)) address = address.replace('@', `${(counter += 1) % 1000}@`);
    taken.add(address);
    return address;
  };
  const domain = () => {
    let x = random() * 100;
    for (const [name, share] of FREEMAIL) if ((x -= share) <= 0) return name;
    return `agency${Math.floor(random() * 3000)}.com`;
  };
  const mobile = () => `+467${pad((counter += 1), 8)}`;
  const boxOffices = Array.from({ length: 20 }, (_, i) => `+4631${pad(i, 7)}`);
  const fans = [];
  const truth = {
    pairs: [],
    duplicates: 0,
    households: 0,
    boxOfficeCustomers: 0,
    boxOffices: boxOffices.length,
  };
  let household = null;
  while (fans.length < n) {
    const id = `c${pad(fans.length, 8)}`;
    if (fans.length > 100 && random() < 0.03) {
      const original = fans[Math.floor(random() * fans.length)];
      fans.push(duplicateOf(original, id, random, emailFor, domain));
      truth.pairs.push([original.id, id]);
      truth.duplicates += 1;
      continue;
    }
    if (!household && random() < 0.03) {
      household = {
        last: zipf(lasts, random),
        landline: `+468${pad((counter += 1), 7)}`,
        left: 2 + Math.floor(random() * 4),
      };
      truth.households += 1;
    }
    const first = zipf(firsts, random);
    const last = household ? household.last : zipf(lasts, random);
    const phones = [];
    if (random() < 0.75) phones.push(mobile());
    if (household) phones.push(household.landline);
    else if (random() < 0.01) {
      phones.push(pick(boxOffices));
      truth.boxOfficeCustomers += 1;
    }
    const emails = [emailFor(first, last, domain())];
    if (random() < 0.25) emails.push(emailFor(first, last, domain()));
    const dob =
      random() < 0.3
        ? `19${50 + Math.floor(random() * 50)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`
        : null;
    fans.push({ id, first, last, dob, emails, phones });
    if (household && (household.left -= 1) === 0) household = null;
  }
  return { fans, truth };
}

/** The same person typed again: another email, the name as someone else wrote it. */
function duplicateOf(fan, id, random, emailFor, domain) {
  const variants = [
    () => [fan.first, fan.last],
    () => [fold(fan.first), fold(fan.last)],
    () => [fan.last, fan.first],
    () => [`${fan.first} ${fan.last}`, ''],
    () => [fan.first, fan.last.replace(/'/g, ' ').toUpperCase()],
    () => [fan.first, fan.last.slice(0, -1)],
  ];
  const [first, last] = variants[Math.floor(random() * variants.length)]();
  const phones = random() < 0.6 ? fan.phones.slice(0, 1) : [];
  const dob = fan.dob && random() < 0.7 ? fan.dob : null;
  return { id, first, last, dob, emails: [emailFor(fan.first, fan.last, domain())], phones };
}

/** A customer arriving after the scan: half look like someone already there. */
export function newFan(i, fans, seed) {
  const random = seeded(seed * 100_003 + i);
  const id = `n${pad(i, 8)}`;
  const emailFor = (first, last) => `${fold(first)}.${fold(last)}.new${i}@gmail.com`;
  if (random() < 0.5) {
    const fan = fans[Math.floor(random() * fans.length)];
    return duplicateOf(fan, id, random, emailFor, () => 'gmail.com');
  }
  return {
    id,
    first: 'Newcomer',
    last: `Fan${i}`,
    dob: null,
    emails: [emailFor('new', `fan${i}`)],
    phones: [`+4679${pad(i, 7)}`],
  };
}

/** An edit of an existing customer: a typo fixed, a phone added, or an email changed. */
export function editOf(fan, i) {
  const kind = i % 3;
  if (kind === 0) return { ...fan, last: `${fan.last}e` };
  if (kind === 1) return { ...fan, phones: [...fan.phones, `+4678${pad(i, 7)}`] };
  return { ...fan, emails: [`edited${i}.${fan.emails[0]}`] };
}
