/**
 * `npm run server`: the reference sync server. Configured by environment variables only
 * (config.ts, server/README.md); DATABASE_URL selects PostgreSQL, otherwise the data lives
 * in an embedded PGlite under SYNC_DATA_DIR. Logs JSON lines on stdout. SIGTERM (or SIGINT)
 * drains: new pushes get 503, running ones commit, then the database closes.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { readConfig } from './config';
import { DataDirBusy } from './data-dir-lock';
import { pgliteDatabase, postgresDatabase } from './db';
import { createLifecycle } from './lifecycle';
import { jsonLogger } from './log';
import { migrate } from './migrations';

const read = readConfig(process.env);
if (!read.ok) {
  for (const problem of read.problems) console.error(`Configuration error: ${problem}`);
  console.error('The sync server did not start. See server/README.md for every variable.');
  process.exit(2);
}
const config = read.config;
const logger = jsonLogger(config.logLevel);

const db = config.databaseUrl
  ? postgresDatabase(config.databaseUrl, config.poolSize)
  : await pgliteDatabase(config.dataDir, { thread: config.pgliteWorker, logger }).catch(
      (error: unknown) => {
        // Another process has the PGlite folder open (data-dir-lock.ts): say so and stop.
        if (!(error instanceof DataDirBusy)) throw error;
        logger.log('error', 'data folder in use', { message: error.message, holder: error.pid });
        process.exit(1);
      },
    );
const applied = await migrate(db);
if (applied.length > 0)
  logger.log('info', 'migrations applied', { migrations: applied.map(String) });

const lifecycle = createLifecycle();
const app = createApp(db, {
  logLevel: config.logLevel,
  bodyLimitBytes: config.bodyLimitBytes,
  lifecycle,
});
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.log('info', 'listening', {
    address: info.address,
    port: info.port,
    database:
      db.kind === 'postgres'
        ? 'postgres'
        : `pglite ${config.dataDir}${config.pgliteWorker ? ' (worker thread)' : ''}`,
    pid: process.pid,
  });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.log('info', 'shutting down', { signal });
  // No new connections; pushes arriving on open ones get 503 while the running ones finish.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const drained = await lifecycle.drain(config.shutdownTimeoutMs);
  // The last answers are written before the connections go (bounded: a stuck client
  // does not hold the exit).
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  await db.close();
  logger.log(drained ? 'info' : 'warn', 'stopped', { drained });
  process.exit(drained ? 0 : 1);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
