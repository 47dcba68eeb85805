/**
 * The server under test: PGlite in memory, or PostgreSQL when DATABASE_URL is set (CI runs
 * both). One database per test file; each test makes its own workspace, which is also how
 * the server keeps tenants apart.
 */
import { createApp } from '../../server/src/app';
import type { AppOptions } from '../../server/src/app';
import { createToken, createWorkspace } from '../../server/src/auth';
import type { Database } from '../../server/src/db';
import { pgliteDatabase, postgresDatabase } from '../../server/src/db';
import { migrate } from '../../server/src/migrations';
import type { SyncTransport } from '../../src/renderer/src/sync/transport';
import { readResponse } from '../../src/renderer/src/sync/transport';

export type TestServer = {
  db: Database;
  app: ReturnType<typeof createApp>;
  /** Moves the server's clock (ms added to the real time). */
  setClockOffset(ms: number): void;
  close(): Promise<void>;
};

export async function startTestServer(options: Omit<AppOptions, 'now'> = {}): Promise<TestServer> {
  const url = process.env.DATABASE_URL;
  const db = url ? postgresDatabase(url) : await pgliteDatabase();
  await migrate(db);
  let offset = 0;
  const app = createApp(db, { log: () => undefined, ...options, now: () => Date.now() + offset });
  return {
    db,
    app,
    setClockOffset: (ms) => {
      offset = ms;
    },
    close: () => db.close(),
  };
}

export async function newWorkspace(
  server: TestServer,
  name = 'Agency',
): Promise<{ workspaceId: string; token: string }> {
  const workspaceId = await createWorkspace(server.db, name);
  const { token } = await createToken(server.db, workspaceId, 'Ana');
  return { workspaceId, token };
}

/** Calls the Hono app in-process, through the same response handling as real HTTP. */
export function appTransport(server: TestServer, token: string): SyncTransport {
  return async (request) => {
    const response = await server.app.request(request.path, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    return readResponse(response);
  };
}

export function hlcAt(ms: number, node = 'node1', counter = 0): string {
  return `${String(ms).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${node}`;
}

/**
 * A database of its own left at migration `version`, for a migration's test: PGlite, or a new
 * database in PostgreSQL when DATABASE_URL is set (dropped again by `drop`).
 */
export async function databaseAtMigration(
  version: number,
  label: string,
): Promise<{ db: Database; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await pgliteDatabase();
    await migrate(db, version);
    return { db, drop: () => db.close() };
  }
  const name = `encore_${label}_${process.pid}_${Date.now()}`;
  const admin = postgresDatabase(url, 1);
  await admin.exec(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const db = postgresDatabase(own.toString());
  await migrate(db, version);
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    },
  };
}
