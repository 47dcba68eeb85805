/**
 * One small door to SQL, over a real PostgreSQL (pg Pool) or an embedded PGlite, so the same
 * statements run on both. Only what the server needs: query, and a transaction that retries
 * on serialization failures and deadlocks.
 */
import { hash } from 'node:crypto';
import { lockDataDir } from './data-dir-lock';
import { PGlite, parse as pgliteParse, protocol as pgliteProtocol } from '@electric-sql/pglite';
import pg from 'pg';
import { tuneMemoryPglite } from './pglite-memory';
import type { WorkerOptions } from './pglite-thread';
import { pgliteInWorker } from './pglite-thread';
import { markPush, traceSocketWrites } from './push-trace';

/**
 * `prepare`: a named prepared statement (parsed and analysed once, not on every call), for the
 * statements every push runs: per connection on PostgreSQL; on PGlite per database, outside a
 * transaction (inside one PGlite's own query runs it).
 */
export type QueryOptions = { prepare?: boolean };

export type Sql = {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
};

export type Database = Sql & {
  readonly kind: 'postgres' | 'pglite';
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 4;

/** A unique violation: a plain INSERT met a row that exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/** A serialization failure or a deadlock: the transaction may simply run again. */
export function isRetryable(error: unknown): boolean {
  return RETRYABLE.has((error as { code?: string } | null)?.code ?? '');
}

/** A prepared statement's name: its text's digest, so one text is prepared once per connection. */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${hash('sha256', text, 'hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

function postgresQuery(text: string, params: unknown[], options: QueryOptions | undefined) {
  return options?.prepare
    ? { name: statementName(text), text, values: params }
    : { text, values: params };
}

/**
 * How many connections `query` keeps out of the pool, idle and ready. The pool hands out an
 * idle connection only on a later `process.nextTick`, which runs after every microtask queued
 * meanwhile: when push n's result came back, push n+1's statement (let go by n settling,
 * clientOrder in sync-store.ts) reached the wire only after n's answer, the next request's
 * body parse and digests had run, 5.9 ms a push with the database idle (docs/sync.md, "Push:
 * the serial chain"). A kept connection takes the query in the call itself. Two: the pushes a
 * client keeps in flight (push.ts); more queries at once take the pool's way.
 */
export const KEPT_CONNECTIONS = 2;

type PoolClient = pg.PoolClient & { _queryable?: boolean; _ending?: boolean };

/** Kept connections, most recently used first out (their prepared statements are warm). */
function keptConnections(keep: number) {
  const idle: PoolClient[] = [];
  const watched = new WeakSet<PoolClient>();
  let closing = false;
  const drop = (client: PoolClient, error: Error) => {
    const at = idle.indexOf(client);
    if (at < 0) return;
    idle.splice(at, 1);
    client.release(error);
  };
  return {
    take(): PoolClient | undefined {
      for (;;) {
        const client = idle.pop();
        if (!client || (client._queryable !== false && !client._ending)) return client;
        client.release(new Error('connection ended while kept'));
      }
    },
    /**
     * Back after a query: kept while fewer than `keep` are, else to the pool. After an error
     * the pool's own `query` ends the connection; so does this, unless the server answered the
     * statement with a plain ERROR (a unique violation, say: the connection is ready again).
     */
    give(client: PoolClient, error?: unknown): void {
      const fine =
        error === undefined || (error instanceof pg.DatabaseError && error.severity === 'ERROR');
      if (!fine || client._queryable === false || client._ending)
        return client.release(error instanceof Error ? error : new Error('connection ended'));
      if (closing || idle.length >= keep) return client.release();
      idle.push(client);
    },
    /**
     * Listens for a connection's failure before it runs a query (the pool's `query` does too:
     * a connection lost with no listener would throw its 'error' event). An idle kept one
     * that fails or ends leaves the kept ones (and the pool) at once; one in use has its query
     * rejected, and `give` ends it.
     */
    watch(client: PoolClient): PoolClient {
      if (watched.has(client)) return client;
      watched.add(client);
      client.on('error', (failure: Error) => drop(client, failure));
      client.on('end', () => drop(client, new Error('connection ended')));
      return client;
    },
    /** Every kept connection back to the pool (before it ends). */
    close(): void {
      closing = true;
      for (const client of idle.splice(0)) client.release();
    },
  };
}

/** `kept`: connections kept for `query` (KEPT_CONNECTIONS; 0 leaves every query to the pool). */
export function postgresDatabase(
  connectionString: string,
  poolSize = 10,
  kept = KEPT_CONNECTIONS,
): Database {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('connect', (client) => {
    const stream = (client as unknown as { connection?: { stream?: { write: () => unknown } } })
      .connection?.stream;
    if (stream) traceSocketWrites(stream);
  });
  const keptForQueries = keptConnections(Math.min(kept, poolSize - 1));
  // bigint (int8) as a JS number: versions and sequences stay far below 2^53.
  pg.types.setTypeParser(20, (value) => Number(value));
  return {
    kind: 'postgres',
    async query<Row>(text: string, params: unknown[] = [], options?: QueryOptions) {
      const client =
        keptForQueries.take() ?? keptForQueries.watch((await pool.connect()) as PoolClient);
      let result: pg.QueryResult;
      try {
        // On a kept connection the statement is written before this call returns.
        result = await client.query(postgresQuery(text, params, options));
      } catch (error) {
        keptForQueries.give(client, error);
        throw error;
      }
      keptForQueries.give(client);
      return result.rows as Row[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const tx: Sql = {
            async query<Row>(text: string, params: unknown[] = [], options?: QueryOptions) {
              return (await client.query(postgresQuery(text, params, options))).rows as Row[];
            },
            async exec(text: string) {
              await client.query(text);
            },
          };
          const result = await work(tx);
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    close: () => {
      keptForQueries.close();
      return pool.end();
    },
  };
}

/**
 * A jsonb parameter as bytes in PostgreSQL's binary format (a version byte, 1, then the JSON
 * text), for a large one: the driver copies the bytes as they are, where a string is measured
 * and encoded again (PGlite counts a string's UTF-8 length character by character in
 * JavaScript: 4.9 % of a push's CPU samples for its rows' JSON). node-postgres sends a Buffer
 * in the binary format too, so one value serves both. The statement must read it as jsonb.
 */
export function jsonbParam(json: string): Buffer {
  const bytes = Buffer.allocUnsafe(Buffer.byteLength(json) + 1);
  bytes[0] = 1;
  bytes.write(json, 1);
  return bytes;
}

/** `jsonbParam` for JSON already encoded as UTF-8 (a request's body): one copy, no encoding. */
export function jsonbBytesParam(json: Uint8Array): Buffer {
  const bytes = Buffer.allocUnsafe(json.length + 1);
  bytes[0] = 1;
  bytes.set(json, 1);
  return bytes;
}

const JSONB_OID = 3802;
/**
 * PGlite's own jsonb serializer would turn bytes into JSON: bytes go through as they are (the
 * binary format above), anything else as PGlite does it.
 */
const PGLITE_OPTIONS = {
  serializers: {
    [JSONB_OID]: (value: unknown) =>
      (value instanceof Uint8Array
        ? value
        : typeof value === 'string'
          ? value
          : JSON.stringify(value, (_key, inner: unknown) =>
              typeof inner === 'bigint' ? inner.toString() : inner,
            )) as unknown as string,
  },
};

/** What PGlite's query does under its two locks, reached for a prepared statement. */
type PgliteLocks = {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
};

const { serialize } = pgliteProtocol;

function concatMessages(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

/**
 * A statement run on PGlite as a named prepared statement: parsed, analysed and described once
 * per database (the first call), then bound and executed in one message per call. PGlite's own
 * `query` parses, analyses and plans the text on every call (the push's one statement: about
 * 4 ms of planning in WebAssembly per push, docs/sync.md). It holds the locks PGlite's `query`
 * holds (no transaction open, no other query meanwhile), so it never runs inside another
 * caller's transaction; a failure (a unique violation, say) ends with Sync like any query.
 */
function preparedPglite(lite: PGlite) {
  const described = new Map<string, { name: string; types: number[] }>();
  const locks = lite as unknown as PgliteLocks;
  const run = (message: Uint8Array) => lite.execProtocolStream(message, { syncToFs: false });
  return async <Row>(text: string, params: unknown[]): Promise<Row[]> =>
    locks._runExclusiveTransaction(() =>
      locks._runExclusiveQuery(async () => {
        let statement = described.get(text);
        if (!statement) {
          const name = statementName(text);
          const messages = await run(
            concatMessages([
              serialize.parse({ name, text }),
              serialize.describe({ type: 'S', name }),
              serialize.sync(),
            ]),
          );
          statement = { name, types: pgliteParse.parseDescribeStatementResults(messages) };
          described.set(text, statement);
        }
        const { types } = statement;
        const values = params.map((param, i) => {
          if (param === null || param === undefined) return null;
          const oid = types[i] as number;
          const serializer =
            (PGLITE_OPTIONS.serializers as Record<number, (value: unknown) => string>)[oid] ??
            lite.serializers[oid];
          return serializer ? serializer(param) : String(param);
        });
        markPush('querySent');
        const messages = await run(
          concatMessages([
            serialize.bind({ statement: statement.name, values }),
            serialize.describe({ type: 'P' }),
            serialize.execute({}),
            serialize.sync(),
          ]),
        );
        await lite.syncToFs();
        return (pgliteParse.parseResults(messages, lite.parsers)[0]?.rows ?? []) as Row[];
      }),
    );
}

/**
 * PGlite on this thread (the worker's side of `pgliteDatabase`, and tests that want no
 * worker). PGlite is one connection: its transaction() queues callers, which serializes pushes.
 */
export async function pgliteInProcess(dataDir?: string): Promise<Database> {
  // One process at a time in a data folder (data-dir-lock.ts): refused before anything opens.
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  let lite: PGlite;
  try {
    lite = dataDir ? new PGlite(dataDir) : new PGlite();
    await lite.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  if (!dataDir) await tuneMemoryPglite(lite);
  const wrap = (runner: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<Row>(text: string, params: unknown[] = []) {
      return (await runner.query<Row>(text, params, PGLITE_OPTIONS)).rows;
    },
    async exec(text: string) {
      await runner.exec(text);
    },
  });
  const plain = wrap(lite);
  const prepared = preparedPglite(lite);
  return {
    kind: 'pglite',
    ...plain,
    query: <Row>(text: string, params: unknown[] = [], options?: QueryOptions) =>
      options?.prepare ? prepared<Row>(text, params) : plain.query<Row>(text, params),
    transaction: (work) => lite.transaction((tx) => work(wrap(tx))),
    close: async () => {
      try {
        await lite.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * The server's PGlite, on this thread (pgliteInProcess), or with `thread: true` in a worker
 * thread (pglite-thread.ts) behind this same door, so the server's JavaScript (reading,
 * parsing and digesting the next push) runs on one core while PGlite's WebAssembly writes the
 * last one on another. On by default (SYNC_PGLITE_WORKER=0 turns it off; config.ts
 * reads it for the server, tests and benchmarks take it from the environment): measured quiet,
 * a push is 1.3-1.4x as fast with it (docs/sync.md, "Push: PGlite in a worker thread"). A
 * worker that dies is started again (`options.logger` says so, `options.restart` paces it).
 */
export async function pgliteDatabase(
  dataDir?: string,
  options: { thread?: boolean } & WorkerOptions = {},
): Promise<Database> {
  const { thread: wanted, ...worker } = options;
  const thread = wanted ?? process.env.SYNC_PGLITE_WORKER !== '0';
  return thread ? pgliteInWorker(dataDir, worker) : pgliteInProcess(dataDir);
}

/** DATABASE_URL when set, otherwise PGlite in `dataDir` (or in memory when none). */
export async function openDatabase(
  env: { DATABASE_URL?: string | undefined },
  dataDir?: string,
): Promise<Database> {
  if (env.DATABASE_URL) return postgresDatabase(env.DATABASE_URL);
  return pgliteDatabase(dataDir);
}
