/** HTTP calls to the server under test, in-process (Hono `app.request`), for the server suites. */
import { expect } from 'vitest';
import type { PullResponse, PushResponse, SyncChange } from '../../src/shared/sync/protocol';
import type { TestServer } from './harness';

export type Answer<T> = { status: number; body: T };

export async function call<T>(
  app: TestServer['app'],
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Answer<T>> {
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export function pushTo(
  app: TestServer['app'],
  token: string,
  clientId: string,
  firstSeq: number,
  changes: unknown[],
): Promise<Answer<PushResponse>> {
  return call<PushResponse>(app, token, 'POST', '/v1/push', {
    client_id: clientId,
    first_seq: firstSeq,
    changes,
  });
}

/** Every row after `cursor`, page by page; returns the rows and the last cursor. */
export async function pullFrom(
  app: TestServer['app'],
  token: string,
  cursor = '',
  limit = 500,
): Promise<{ rows: PullResponse['changes']; cursor: string }> {
  const rows: PullResponse['changes'] = [];
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await call<PullResponse>(app, token, 'GET', `/v1/pull?${query.toString()}`);
    expect(page.status).toBe(200);
    rows.push(...page.body.changes);
    cursor = page.body.cursor;
    if (!page.body.has_more) return { rows, cursor };
  }
}

export function put(
  row_id: string,
  fields: Record<string, unknown>,
  hlc: string,
  table = 'team_members',
): SyncChange {
  return { table, row_id, op: 'put', fields, hlc };
}
