/**
 * The HTTP API. Every route but /health needs a bearer token; the token decides the
 * workspace, and every query below is scoped to it, so one agency's token reads and writes
 * nothing of another's.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { SyncErrorBody, SyncErrorCode } from '../../src/shared/sync/protocol';
import { SYNC_LIMITS, pushEnvelopeSchema } from '../../src/shared/sync/protocol';
import type { Principal } from './auth';
import { authenticate, isRevoked } from './auth';
import type { Database } from './db';
import { describeFailure } from './log';
import type { PushHooks } from './sync-store';
import { SyncError, pull, push } from './sync-store';
import { registerDeviceSeen, registerJoinRoute, registerTeamRoutes } from './team';

type Env = { Variables: { principal: Principal } };

class ProtoKeyError extends Error {}

/** JSON.parse reviver: keys that reach object prototypes have no business in a change. */
function refuseProtoKeys(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype')
    throw new ProtoKeyError(`"${key}" is not allowed as a field name`);
  return value;
}

function errorResponse(
  c: Context,
  status: number,
  code: SyncErrorCode,
  message: string,
  details?: unknown,
): Response {
  const body: SyncErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
  };
  return c.json(body, status as 400);
}

export type AppOptions = {
  /** The server's clock; tests move it to simulate drift. */
  now?: () => number;
  /** Receives one line per unexpected failure: codes and ids, never request data. */
  log?: (line: string) => void;
  pushHooks?: PushHooks;
};

export function createApp(db: Database, options: AppOptions = {}): Hono<Env> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line) => console.error(line));
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof SyncError)
      return errorResponse(c, error.status, error.code, error.message, error.details);
    // Never the error itself: its message, detail and context can quote the request's data.
    const requestId = randomUUID();
    log(
      describeFailure(error, {
        method: c.req.method,
        path: c.req.path,
        requestId,
        workspaceId: c.get('principal')?.workspaceId,
      }),
    );
    return errorResponse(c, 500, 'internal', 'The sync server failed; try again later.', {
      request_id: requestId,
    });
  });
  app.notFound((c) => errorResponse(c, 404, 'not_found', `No route ${c.req.method} ${c.req.path}`));

  // Bearer tokens, never cookies: any origin may call (the desktop app's origin is file://).
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['authorization', 'content-type'],
      maxAge: 600,
    }),
  );

  app.get('/health', async (c) => {
    await db.query('SELECT 1');
    return c.json({ ok: true, database: db.kind });
  });

  registerJoinRoute(app, db); // the invite code is its credential: before the token check

  app.use('/v1/*', async (c, next) => {
    const header = c.req.header('authorization');
    const principal = await authenticate(db, header);
    if (!principal)
      return (await isRevoked(db, header))
        ? errorResponse(
            c,
            401,
            'unauthorized',
            'A workspace admin removed this computer from the workspace.',
            { reason: 'revoked' },
          )
        : errorResponse(
            c,
            401,
            'unauthorized',
            'The sync token is missing, unknown or revoked. Ask your workspace admin for a new token.',
          );
    c.set('principal', principal);
    await next();
  });
  registerDeviceSeen(app, db);
  registerTeamRoutes(app, db, now);

  app.get('/v1/me', async (c) => {
    const principal = c.get('principal');
    const rows = await db.query<{ name: string }>('SELECT name FROM workspaces WHERE id = $1', [
      principal.workspaceId,
    ]);
    return c.json({
      workspace: { id: principal.workspaceId, name: rows[0]?.name ?? '' },
      member: { id: principal.memberId, name: principal.memberName },
    });
  });

  app.post(
    '/v1/push',
    bodyLimit({
      maxSize: SYNC_LIMITS.maxBodyBytes,
      onError: (c) =>
        errorResponse(
          c,
          413,
          'payload_too_large',
          `A push may carry at most ${SYNC_LIMITS.maxBodyBytes} bytes; send smaller batches.`,
        ),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text(), refuseProtoKeys);
      } catch (error) {
        return errorResponse(
          c,
          400,
          'invalid_body',
          error instanceof ProtoKeyError ? error.message : 'The body is not JSON.',
        );
      }
      const parsed = pushEnvelopeSchema.safeParse(body);
      if (!parsed.success)
        return errorResponse(
          c,
          400,
          'invalid_body',
          'The push body does not match the protocol.',
          parsed.error.issues.slice(0, 20).map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
          })),
        );
      const { workspaceId, tokenHash } = c.get('principal');
      const result = await push(
        db,
        { workspaceId, tokenHash },
        parsed.data,
        now(),
        options.pushHooks,
      );
      return c.json(result);
    },
  );

  app.get('/v1/pull', async (c) => {
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? SYNC_LIMITS.defaultPullLimit : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > SYNC_LIMITS.maxPullLimit)
      return errorResponse(
        c,
        400,
        'invalid_body',
        `limit must be an integer from 1 to ${SYNC_LIMITS.maxPullLimit}`,
      );
    const result = await pull(
      db,
      c.get('principal').workspaceId,
      c.req.query('cursor'),
      limit,
      c.req.query('count') === '1',
      now(),
    );
    return c.json(result);
  });

  return app;
}
