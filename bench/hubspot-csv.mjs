// HubSpot-shaped contact rows for the import benchmarks: deterministic, with every other row
// using an email already in the database (so half the file updates, half creates), those in
// shuffled order.
const FIRST = [
  'Ana',
  'Chloé',
  'Jonas',
  'Mia',
  'Łukasz',
  'Emma',
  'Mateo',
  'Sofia',
  'Hiroshi',
  'Leila',
];
const LAST = ['Costa', 'Okafor', 'Byrne', 'Murphy', 'Nowak', 'Tanaka', 'García', 'Jensen', 'Rossi'];
const STAGES = ['lead', 'subscriber', 'customer', 'opportunity'];

export function hubspotCsv(N, existingInDbOrder) {
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  // A real export lists the people we already have in its own order, not in our ids' order.
  const existingEmails = [...existingInDbOrder];
  for (let i = existingEmails.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rnd() * (i + 1));
    [existingEmails[i], existingEmails[j]] = [existingEmails[j], existingEmails[i]];
  }
  const pick = (items) => items[Math.floor(rnd() * items.length)];
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const lines = [
    'Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Contact owner,Create Date,Marketing contact status,Date of birth,Company Name',
  ];
  for (let i = 0; i < N; i += 1) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email =
      i % 2 === 0 && existingEmails[i / 2] !== undefined
        ? existingEmails[i / 2]
        : `${first.toLowerCase().replace(/[^a-z]/g, 'x')}.${last.toLowerCase().replace(/[^a-z]/g, 'x')}${i}@bench.example`;
    const phone =
      i % 3 === 0
        ? `+44 20 7${digits(3)} ${digits(4)}`
        : `(212) ${2 + Math.floor(rnd() * 7)}${digits(2)}-${digits(4)}`;
    const dob = `19${50 + Math.floor(rnd() * 50)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
    const status = rnd() < 0.5 ? 'Marketing contact' : 'Non-marketing contact';
    lines.push(
      `${60000 + i},${first},${last},${email},${phone},${pick(STAGES)},,2025-03-05 10:36,${status},${dob},"Live, Nation"`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}
