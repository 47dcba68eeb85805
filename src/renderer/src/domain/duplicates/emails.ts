/**
 * The parts of a normalized email address that duplicate detection compares: the domain, and
 * the local part as a person would recognise it as theirs.
 */

/**
 * The local part without a "+tag" and without dots, dashes and underscores:
 * "ana.andersson+tickets" and "anaandersson" are the same person's habit. Digits are kept:
 * "ana.andersson55" and "ana.andersson94" are as often two people as one.
 */
export function emailLocalKey(normalizedEmail: string): string {
  const at = normalizedEmail.lastIndexOf('@');
  const local = at < 0 ? normalizedEmail : normalizedEmail.slice(0, at);
  return local.replace(/\+.*$/, '').replace(/[._-]/g, '');
}

export function emailDomain(normalizedEmail: string): string {
  const at = normalizedEmail.lastIndexOf('@');
  return at < 0 ? '' : normalizedEmail.slice(at + 1);
}

// Mailbox providers anyone can sign up to: two people of the same name at gmail.com are
// often two people, two at a booking agency's own domain rarely are.
const FREEMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'msn.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'mail.ru',
  'qq.com',
  '163.com',
  'zoho.com',
  'fastmail.com',
  'hey.com',
]);
const FREEMAIL_FAMILIES = /^(?:yahoo|ymail|hotmail|outlook|live|gmx|yandex)\.[a-z.]+$/;

export function isFreemailDomain(domain: string): boolean {
  return FREEMAIL_DOMAINS.has(domain) || FREEMAIL_FAMILIES.test(domain);
}
