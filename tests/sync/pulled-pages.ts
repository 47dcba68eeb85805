/** Pulled pages as the sync server serves them, for tests of the client's apply alone. */
import type { PullResponse, RemoteRow } from '../../src/shared/sync/protocol';
import type { SyncTransport } from '../../src/renderer/src/sync/transport';

const pad = (i: number) => String(i).padStart(7, '0');

/** An HLC of the bench's form, `ms` and `counter` given. */
export const clockAt = (ms: number, counter: number) =>
  `${String(ms).padStart(15, '0')}-${String(counter % 1_000_000).padStart(6, '0')}-remote`;

function remote(table: string, row_id: string, data: Record<string, unknown>, hlc: string) {
  const clocks = Object.fromEntries(Object.keys(data).map((field) => [field, hlc]));
  return { table, row_id, data, clocks, version: 1 } satisfies RemoteRow;
}

/** A pulled profile (every field, as the server holds a row another laptop created). */
export function remoteProfile(id: string, hlc: string, fields: Record<string, unknown> = {}) {
  const at = new Date().toISOString();
  return remote(
    'customer_profiles',
    id,
    {
      first_name: 'First',
      last_name: 'Last',
      date_of_birth: null,
      notes: '',
      tags: [],
      lifecycle: 'lead',
      owner_id: null,
      email_consent: { opted_in: false, source: null, changed_at: null },
      sms_consent: { opted_in: false, source: null, changed_at: null },
      created_at: at,
      updated_at: at,
      deleted: 0,
      ...fields,
    },
    hlc,
  );
}

export function remoteEmail(id: string, customerId: string, address: string, hlc: string) {
  const at = new Date().toISOString();
  return remote(
    'customer_emails',
    id,
    {
      customer_id: customerId,
      address,
      address_normalized: address,
      label: '',
      source: 'import',
      is_primary: 1,
      created_at: at,
      updated_at: at,
      deleted: 0,
    },
    hlc,
  );
}

export function remotePhone(id: string, customerId: string, e164: string, hlc: string) {
  const at = new Date().toISOString();
  return remote(
    'customer_phones',
    id,
    {
      customer_id: customerId,
      e164,
      raw_input: e164,
      type: 'mobile',
      label: '',
      source: 'import',
      is_primary: 1,
      created_at: at,
      updated_at: at,
      deleted: 0,
    },
    hlc,
  );
}

/**
 * `count` customers (from `first`), each a profile, an email and a phone: 3 rows each, with
 * the versions the server gives them when they are pushed in batches of 500 changes.
 */
export function customerRows(count: number, first = 0): RemoteRow[] {
  const ms = Date.now() - 60_000;
  const rows: RemoteRow[] = [];
  for (let i = first; i < first + count; i += 1) {
    const id = `0190cust-${pad(i)}`;
    const hlc = clockAt(ms, i);
    rows.push(
      remoteProfile(id, hlc, { first_name: `First${i}`, last_name: `Last${i}` }),
      remoteEmail(`0190mail-${pad(i)}`, id, `person${i}@example.com`, hlc),
      remotePhone(`0190phon-${pad(i)}`, id, `+1415${String(2_000_000 + i)}`, hlc),
    );
  }
  return rows.map((row, index) => ({ ...row, version: Math.floor(index / 500) + 1 }));
}

/**
 * A transport serving `rows` as pull pages in the server's order (table, then id, per
 * version), honouring the limit and cursor it is asked for.
 */
export function pagesTransport(rows: readonly RemoteRow[]): SyncTransport {
  const ordered = [...rows].sort(
    (a, b) =>
      a.version - b.version ||
      a.table.localeCompare(b.table) ||
      (a.row_id < b.row_id ? -1 : a.row_id > b.row_id ? 1 : 0),
  );
  // A cursor of another transport (an earlier pull of the same laptop) starts from the top.
  const tag = Math.random().toString(36).slice(2);
  return async (request) => {
    const url = new URL(request.path, 'http://server');
    if (url.pathname !== '/v1/pull') throw new Error(`unexpected ${request.path}`);
    const [cursorTag, at] = (url.searchParams.get('cursor') ?? '').split(':');
    const from = cursorTag === tag ? Number(at) : 0;
    const limit = Number(url.searchParams.get('limit'));
    const changes = ordered.slice(from, from + limit);
    const to = from + changes.length;
    const page: PullResponse = {
      changes,
      cursor: `${tag}:${to}`,
      has_more: to < ordered.length,
      total: ordered.length - from,
      server_time: Date.now(),
    };
    return page;
  };
}
