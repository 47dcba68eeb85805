/**
 * How the sync client reaches a server. The engine only sees this function type, so tests
 * hand it the Hono app's fetch (with faults injected) and the app hands it real HTTP.
 */
import type { SyncErrorCode } from '../../../shared/sync/protocol';
import { errorBodySchema } from '../../../shared/sync/protocol';
import { checkSyncAddress } from './sync-address';

export type SyncRequest = { method: 'GET' | 'POST'; path: string; body?: unknown };
export type SyncTransport = (request: SyncRequest) => Promise<unknown>;

/** The server could not be reached (offline, DNS, refused, timed out): retry later. */
export class SyncOfflineError extends Error {
  override name = 'SyncOfflineError';
}

/** The server address may not carry a token and customer data (http on the internet). */
export class SyncAddressError extends Error {
  override name = 'SyncAddressError';
}

/**
 * The server answered with an error; `code` says which (protocol.ts SyncErrorCode, or
 * `rate_limited` for a 429 from a proxy in front of it).
 */
export class SyncServerError extends Error {
  override name = 'SyncServerError';
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode | string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Turns a fetch Response into the JSON body or a SyncServerError. */
export async function readResponse(response: Response): Promise<unknown> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) return body;
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success)
    throw new SyncServerError(
      response.status,
      parsed.data.error.code,
      parsed.data.error.message,
      parsed.data.error.details,
    );
  // No error body of ours: a proxy or load balancer answered. Busy and failing are worth
  // retrying later; anything else means the address does not lead to a sync server.
  throw new SyncServerError(
    response.status,
    response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'internal' : 'invalid_body',
    `The sync server answered ${response.status} ${response.statusText}`.trim(),
  );
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function httpTransport(options: {
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}): SyncTransport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const address = checkSyncAddress(base);
  return async (request) => {
    // Nothing is sent to an address the rule refuses, whatever saved it.
    if (!address.ok) throw new SyncAddressError(address.reason);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await doFetch(`${base}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: controller.signal,
      });
    } catch (error) {
      throw new SyncOfflineError(
        controller.signal.aborted
          ? 'The sync server did not answer in time.'
          : `The sync server cannot be reached (${error instanceof Error ? error.message : String(error)}).`,
      );
    } finally {
      clearTimeout(timer);
    }
    return readResponse(response);
  };
}
