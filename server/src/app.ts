/**
 * The HTTP API. Every route but the probes (/health, /healthz, /readyz) needs a bearer token;
 * the token decides the workspace, and every query below is scoped to it, so one agency's
 * token reads and writes nothing of another's. One JSON log line per request (log.ts).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { SyncErrorBody, SyncErrorCode } from '../../src/shared/sync/protocol';
import { SYNC_LIMITS, plainEnvelope, pushEnvelopeSchema } from '../../src/shared/sync/protocol';
import type { Principal } from './auth';
import { authenticate, bearerTokenHash, isRevoked } from './auth';
import type { Database } from './db';
import { ProtoKeyError, decodeBody, parseJsonBody } from './json-body';
import type { Lifecycle } from './lifecycle';
import { PgliteWorkerGone } from './pglite-thread';
import { createLifecycle } from './lifecycle';
import type { LogLevel, Logger } from './log';
import { describeFailure, jsonLogger } from './log';
import { MIGRATIONS } from './migrations';
import { markPush, namePush, tracePush } from './push-trace';
import type { PushHooks } from './sync-store';
import { SyncError, clientOrder, pull, push, pushInOneStatement, readPush } from './sync-store';
import { registerJoinRoute, registerTeamRoutes } from './team';

type Env = { Variables: { principal: Principal } };

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
  /** Receives the log, one JSON line at a time (stdout by default). */
  log?: (line: string) => void;
  logLevel?: LogLevel;
  pushHooks?: PushHooks;
  /** Largest body a push may have (the protocol's 4 MiB by default). */
  bodyLimitBytes?: number;
  /** Draining for a graceful shutdown (main.ts); a fresh one by default. */
  lifecycle?: Lifecycle;
};

/** The routes by name: a log line names the route, never a path a client made up. */
const ROUTES = new Set(['/health', '/healthz', '/readyz', '/v1/me', '/v1/push', '/v1/pull']);

function requestLog(logger: Logger) {
  return async (c: Context<Env>, next: () => Promise<void>) => {
    const started = performance.now();
    await next();
    logger.log('info', 'request', {
      method: c.req.method,
      route: ROUTES.has(c.req.path) ? c.req.path : 'unmatched',
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      workspace: c.get('principal')?.workspaceId,
    });
  };
}

export function createApp(db: Database, options: AppOptions = {}): Hono<Env> {
  const now = options.now ?? Date.now;
  const logger = jsonLogger(options.logLevel ?? 'info', options.log);
  const lifecycle = options.lifecycle ?? createLifecycle();
  const maxBody = options.bodyLimitBytes ?? SYNC_LIMITS.maxBodyBytes;
  const app = new Hono<Env>();

  app.onError((error, c) => {
    if (error instanceof SyncError)
      return errorResponse(c, error.status, error.code, error.message, error.details);
    // Never the error itself: its message, detail and context can quote the request's data.
    const requestId = randomUUID();
    logger.log(
      'error',
      'unexpected error',
      describeFailure(error, {
        method: c.req.method,
        route: ROUTES.has(c.req.path) ? c.req.path : 'unmatched',
        requestId,
        workspaceId: c.get('principal')?.workspaceId,
      }),
    );
    return errorResponse(c, 500, 'internal', 'The sync server failed; try again later.', {
      request_id: requestId,
    });
  });
  app.use('*', requestLog(logger));
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

  // Liveness: the process answers. Nothing else, so a slow database never gets it restarted.
  app.get('/healthz', (c) => c.json({ ok: true }));

  // Readiness: the database answers and every migration this code knows is applied; not
  // while draining, so a load balancer stops sending requests before the process exits.
  app.get('/readyz', async (c) => {
    if (lifecycle.draining) return c.json({ ready: false, reason: 'shutting down' }, 503);
    const latest = MIGRATIONS[MIGRATIONS.length - 1]?.id ?? 0;
    try {
      const [row] = await db.query<{ id: number | null }>(
        'SELECT max(id) AS id FROM schema_migrations',
      );
      const applied = Number(row?.id ?? 0);
      if (applied < latest)
        return c.json({ ready: false, reason: `migration ${applied} of ${latest}` }, 503);
      return c.json({ ready: true, database: db.kind, migration: applied });
    } catch (error) {
      const reason =
        error instanceof PgliteWorkerGone
          ? 'database unreachable: the PGlite worker thread stopped'
          : 'database unreachable';
      return c.json({ ready: false, reason }, 503);
    }
  });

  // Draining: a push is refused before it touches the database (not even the token check),
  // and one let in is counted until its answer is ready.
  app.use('/v1/push', async (c, next) => {
    if (!lifecycle.enter()) {
      c.header('retry-after', '1');
      return errorResponse(
        c,
        503,
        'unavailable',
        'The sync server is restarting; nothing of this push was stored. Try again in a moment.',
      );
    }
    try {
      await tracePush(async () => {
        await next();
        markPush('responseOut');
      });
    } finally {
      lifecycle.leave();
    }
  });

  // This server's pushes in flight per client: the one right behind another waits for it.
  const inClientOrder = clientOrder();

  registerJoinRoute(app, db); // the invite code is its credential: before the token check

  /**
   * Checks the request's token and records who calls (the log names the workspace). Returns
   * the 401 answer when the token is missing, unknown or revoked, null when it is valid.
   */
  const refuseToken = async (c: Context<Env>): Promise<Response | null> => {
    const header = c.req.header('authorization');
    const principal = await authenticate(db, header);
    if (principal) {
      c.set('principal', principal);
      return null;
    }
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
  };

  app.use('/v1/*', async (c, next) => {
    // A push checks its token in the statement that writes it (below): one round trip fewer.
    if (c.req.method === 'POST' && c.req.path === '/v1/push') return next();
    const refused = await refuseToken(c);
    if (refused) return refused;
    await next();
  });
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

  // The push: every refusal answers 401 first when the token is not valid, as on every route.
  // The common push checks its token in the one statement that writes it (sync-store.ts);
  // anything else checks the token first, then runs step by step.
  app.post(
    '/v1/push',
    bodyLimit({
      maxSize: maxBody,
      onError: async (c) =>
        (await refuseToken(c)) ??
        errorResponse(
          c,
          413,
          'payload_too_large',
          `A push may carry at most ${maxBody} bytes; send smaller batches.`,
        ),
    }),
    async (c) => {
      let body: unknown;
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const decoded = decodeBody(bytes);
      try {
        body = parseJsonBody(decoded.text);
      } catch (error) {
        return (
          (await refuseToken(c)) ??
          errorResponse(
            c,
            400,
            'invalid_body',
            error instanceof ProtoKeyError ? error.message : 'The body is not JSON.',
          )
        );
      }
      markPush('bodyRead');
      // The plain check first; zod only for a body it refuses, to say why.
      const envelope = plainEnvelope(body);
      const parsed = envelope
        ? ({ success: true, data: envelope } as const)
        : pushEnvelopeSchema.safeParse(body);
      if (!parsed.success)
        return (
          (await refuseToken(c)) ??
          errorResponse(
            c,
            400,
            'invalid_body',
            'The push body does not match the protocol.',
            parsed.error.issues.slice(0, 20).map((issue) => ({
              path: issue.path.join('.'),
              message: issue.message,
            })),
          )
        );
      const read = readPush(parsed.data, decoded.exact ? bytes : undefined);
      namePush(parsed.data.client_id, parsed.data.first_seq, parsed.data.changes.length);
      markPush('readDone');
      const serverNow = now();
      const tokenHash = bearerTokenHash(c.req.header('authorization'));
      // The common push in one statement (sync-store.ts); null when it wrote nothing.
      const oneStatement =
        tokenHash && !options.pushHooks
          ? async (): Promise<Response | null> => {
              const written = await pushInOneStatement(db, tokenHash, read, serverNow);
              if (!written) return null;
              c.set('principal', written.principal);
              return c.json(written.response);
            }
          : undefined;
      // Behind the client's push in flight here that ends where this one starts, its one
      // statement sent at once and ordered by the database (sync-store.ts, clientOrder).
      return inClientOrder(
        tokenHash,
        parsed.data,
        async () => {
          const written = await oneStatement?.();
          if (written) return written;
          const refused = await refuseToken(c);
          if (refused) return refused;
          const { workspaceId, workspaceKey, tokenHash: pusherToken } = c.get('principal');
          const result = await push(
            db,
            { workspaceId, workspaceKey, tokenHash: pusherToken },
            parsed.data,
            serverNow,
            options.pushHooks,
            read,
          );
          return c.json(result);
        },
        oneStatement,
      );
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
    const { workspaceId, workspaceKey } = c.get('principal');
    const result = await pull(
      db,
      { workspaceId, workspaceKey },
      c.req.query('cursor'),
      limit,
      c.req.query('count') === '1',
      now(),
    );
    return c.json(result);
  });

  return app;
}
