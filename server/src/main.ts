/**
 * `npm run server`: the reference sync server. DATABASE_URL selects PostgreSQL; without it
 * the data lives in an embedded PGlite under SYNC_DATA_DIR (default .server-data/).
 */
import { serve } from '@hono/node-server';
import { resolve } from 'node:path';
import { createApp } from './app';
import { openDatabase } from './db';
import { migrate } from './migrations';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.SYNC_DATA_DIR ?? '.server-data');

const db = await openDatabase(process.env, dataDir);
const applied = await migrate(db);
if (applied.length > 0) console.log(`Applied migrations ${applied.join(', ')}`);

const server = serve({ fetch: createApp(db).fetch, port, hostname: host }, (info) => {
  const where = db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;
  console.log(`Encore sync server on http://${info.address}:${info.port}, data in ${where}`);
});

async function shutdown(): Promise<void> {
  server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
