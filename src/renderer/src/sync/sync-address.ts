/**
 * Which sync server addresses this app sends a token and customer data to: https anywhere;
 * plain http only to this computer and private networks, for testing, where nothing crosses
 * the internet in clear text. The settings form and the transport both ask this function.
 */

export type AddressVerdict = { ok: true; url: string } | { ok: false; reason: string };

/** The rule in words, for the form's hint. */
export const SYNC_ADDRESS_RULE =
  'Use an https:// address. Plain http:// is accepted only for this computer (localhost) and private network addresses (10.x, 172.16–31.x, 192.168.x, *.local), for testing.';

function ipv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const numbers = parts.map(Number);
  return numbers.every((n) => n <= 255) ? numbers : null;
}

/** localhost, loopback, private and link-local addresses, and mDNS names (*.local). */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    // ::1 loopback, fc00::/7 unique local, fe80::/10 link-local.
    return v6 === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6);
  }
  return false;
}

export function checkSyncAddress(text: string): AddressVerdict {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'The server address is not a web address (https://…).' };
  }
  if (url.username || url.password)
    return {
      ok: false,
      reason: 'The server address must not contain a name or password; use the token field.',
    };
  if (url.protocol === 'https:') return { ok: true, url: trimmed };
  if (url.protocol !== 'http:')
    return { ok: false, reason: 'The server address starts with https://.' };
  if (isPrivateHost(url.hostname)) return { ok: true, url: trimmed };
  return {
    ok: false,
    reason: `Sync sends your token and customers to ${url.hostname}: use https:// (plain http:// only for localhost and private network addresses).`,
  };
}
