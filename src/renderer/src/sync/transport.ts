/**
 * How the sync client reaches a server. The engine only sees this function type, so tests
 * hand it the Hono app's fetch (with faults injected) and the app hands it real HTTP.
 */
import type { SyncErrorCode } from '../../../shared/sync/protocol';
import { errorBodySchema } from '../../../shared/sync/protocol';

export type SyncRequest = { method: 'GET' | 'POST'; path: string; body?: unknown };
export type SyncTransport = (request: SyncRequest) => Promise<unknown>;

/** The server could not be reached (offline, DNS, refused, timed out): retry later. */
export class SyncOfflineError extends Error {
  override name = 'SyncOfflineError';
}

/** The server answered with an error; `code` says which (protocol.ts SyncErrorCode). */
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
  throw new SyncServerError(
    response.status,
    response.status >= 500 ? 'internal' : 'invalid_body',
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
  return async (request) => {
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
