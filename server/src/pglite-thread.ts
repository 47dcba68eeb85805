/**
 * The server's PGlite in a worker thread (pglite-worker.ts), behind the same `Database` door
 * as PGlite on one thread. PGlite is WebAssembly on the thread that calls it: in-process, a
 * push's statement and the server's JavaScript for the next push (reading the body, parsing,
 * digesting) took turns on one thread. Here the statement runs on the worker while the main
 * thread reads the next push (docs/sync.md, "Push: PGlite in a worker thread").
 *
 * Each call is one message to the worker and one back. A transaction is opened in the worker
 * (`begin`), its `tx.query` calls go there by transaction id, and `commit` or `rollback` (when
 * the work throws) ends it; PGlite's locks in the worker serialize transactions and queries as
 * on one thread. Errors come back with their fields (a SQLSTATE `code` above all: the push's
 * unique-violation retry and `isRetryable` read it). A parameter that is bytes owning its whole
 * buffer (a push's rows: `jsonbBytesParam`) is moved to the worker, not copied: the caller must
 * not read it after the call. A worker that dies fails every request under way and every later
 * one with `PgliteWorkerGone`, at once, until it is started again (pgliteInWorker: the lock
 * released first, a back-off when it dies again at once, each step logged).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DataDirBusy, releaseOwnDataDirLock } from './data-dir-lock';
import type { Database, QueryOptions, Sql } from './db';
import type { Logger } from './log';
import { jsonLogger } from './log';
import { markPush } from './push-trace';

export type WorkerStart = { dataDir?: string | undefined };

export type WorkerRequest = { id: number } & (
  | { op: 'query'; text: string; params: unknown[]; prepare?: boolean }
  | { op: 'exec'; text: string }
  | { op: 'begin'; tx: number }
  | { op: 'txQuery'; tx: number; text: string; params: unknown[] }
  | { op: 'txExec'; tx: number; text: string }
  | { op: 'commit'; tx: number }
  | { op: 'rollback'; tx: number }
  | { op: 'close' }
);

export type SerializedError = {
  name: string;
  message: string;
  stack?: string | undefined;
  fields: Record<string, string | number | boolean | null>;
};

export type WorkerReply =
  { id: number; ok: true; rows?: unknown[] } | { id: number; ok: false; error: SerializedError };

type StartReply = { ready: true } | { ready: false; error: SerializedError };

/** An error as plain data: its name, message, stack and every plain own field (code, detail…). */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: SerializedError['fields'] = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      fields[key] = value as string | number | boolean | null;
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** The worker's error again, on this thread: same name, message and fields. */
export function rebuildError(serialized: SerializedError): Error {
  const { name, message, fields } = serialized;
  if (name === 'DataDirBusy' && typeof fields.dataDir === 'string')
    return new DataDirBusy(fields.dataDir, Number(fields.pid));
  const error = new Error(message);
  Object.assign(error, fields);
  error.name = name;
  if (serialized.stack) error.stack = `${serialized.stack}\n    (in the PGlite worker thread)`;
  return error;
}

/** The worker stopped (it crashed, or was ended): no request can be answered any more. */
export class PgliteWorkerGone extends Error {
  constructor(reason: string) {
    super(
      `The PGlite worker thread stopped (${reason}): the server cannot reach its database ` +
        'until the worker is started again (the server does this itself; its data folder is kept).',
    );
    this.name = 'PgliteWorkerGone';
  }
}

/** The worker's module: TypeScript beside this one, or JavaScript beside a bundle (Dockerfile). */
function workerEntry(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './pglite-worker.ts' : './pglite-worker.js', here);
}

/**
 * A .ts worker (`npm run server`, the benchmarks, the tests; a bundle's worker is .js) starts
 * with tsx's loader registered in its own thread first: Node 20 does not carry the main
 * thread's loader hooks into a worker.
 */
function startWorker(entry: URL, start: WorkerStart): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: start });
  const tsx = new URL(
    'dist/esm/api/index.mjs',
    pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
  );
  const boot =
    `import(${JSON.stringify(tsx.href)})` +
    `.then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: start });
}

/** Parameters' own buffers, moved instead of copied (the caller's view is emptied). */
function transferables(params: readonly unknown[]): ArrayBuffer[] {
  let moved: Set<ArrayBuffer> | undefined;
  for (const param of params) {
    if (
      param instanceof Uint8Array &&
      param.byteLength >= 4096 &&
      param.byteOffset === 0 &&
      param.buffer instanceof ArrayBuffer &&
      param.byteLength === param.buffer.byteLength
    )
      (moved ??= new Set()).add(param.buffer);
  }
  return moved ? [...moved] : [];
}

/** Each worker-backed database's current worker (for tests that end it from outside). */
const workers = new WeakMap<Database, () => Worker | undefined>();
export function workerOf(db: Database): Worker | undefined {
  return workers.get(db)?.();
}

type Pending = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (e: Error) => void };

/** One worker and its requests: a generation of the database (a restart makes the next one). */
type Connection = {
  worker: Worker;
  call: (request: WorkerRequest, transfer?: ArrayBuffer[]) => Promise<WorkerReply & { ok: true }>;
  /** Set once the worker stopped: every request under way and later failed with it. */
  gone: () => PgliteWorkerGone | undefined;
  /** Resolves with the reason when the worker stops after its start (never when closed). */
  died: Promise<string>;
  /** Ends the worker as closed (its requests fail "the database was closed"). */
  end: () => Promise<void>;
};

/** Starts one worker on `dataDir` and waits for its database to open. */
async function connect(dataDir: string | undefined): Promise<Connection> {
  const worker = startWorker(workerEntry(), { dataDir });
  const pending = new Map<number, Pending>();
  let gone: PgliteWorkerGone | undefined;
  let closing = false;
  let died!: (reason: string) => void;
  const diedPromise = new Promise<string>((resolve) => (died = resolve));

  const fail = (reason: string) => {
    if (gone) return;
    gone = new PgliteWorkerGone(closing ? 'the database was closed' : reason);
    for (const request of pending.values()) request.reject(gone);
    pending.clear();
    if (!closing) died(reason);
  };

  const started = new Promise<void>((resolve, reject) => {
    const onStart = (message: StartReply) => {
      if (!('ready' in message)) return;
      worker.off('message', onStart);
      if (message.ready) resolve();
      else reject(rebuildError(message.error));
    };
    worker.on('message', onStart);
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => reject(new PgliteWorkerGone(`exit code ${code}`)));
  });
  worker.on('message', (message: WorkerReply | StartReply) => {
    if (!('id' in message)) return;
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    // Idle, the worker does not keep the process alive (a request under way does).
    if (pending.size === 0) worker.unref();
    if (message.ok) request.resolve(message);
    else request.reject(rebuildError(message.error));
  });
  worker.on('error', (error) => fail(`it threw ${error.name}: ${error.message}`));
  worker.on('messageerror', (error) => fail(`a message could not be read: ${error.message}`));
  worker.on('exit', (code) => fail(`exit code ${code}`));

  try {
    await started;
  } catch (error) {
    closing = true;
    await worker.terminate();
    throw error;
  }
  worker.unref();

  const call = (request: WorkerRequest, transfer: ArrayBuffer[] = []) =>
    new Promise<WorkerReply & { ok: true }>((resolve, reject) => {
      if (gone) return reject(gone);
      if (pending.size === 0) worker.ref();
      pending.set(request.id, { resolve, reject });
      try {
        worker.postMessage(request, transfer);
      } catch (error) {
        pending.delete(request.id);
        if (pending.size === 0) worker.unref();
        reject(error as Error);
      }
    });

  return {
    worker,
    call,
    gone: () => gone,
    died: diedPromise,
    end: async () => {
      closing = true;
      await worker.terminate();
      fail('the database was closed');
    },
  };
}

/**
 * When a worker that died is started again: at once (`firstDelayMs`) after one that had run
 * for `stableMs`; after one that died sooner (or did not start), twice the last delay, at most
 * `maxDelayMs`, so a worker that dies at every start (a full disk, a damaged data folder) is
 * not restarted in a tight loop.
 */
export type RestartPolicy = { firstDelayMs: number; maxDelayMs: number; stableMs: number };

export const RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 100,
  maxDelayMs: 30_000,
  stableMs: 60_000,
};

/** The delay before the next start, from the last one and how long the worker had run. */
export function nextRestartDelay(
  policy: RestartPolicy,
  last: { delayMs: number | null; ranMs: number | null },
): number {
  if (last.delayMs === null || (last.ranMs !== null && last.ranMs >= policy.stableMs))
    return policy.firstDelayMs;
  return Math.min(policy.maxDelayMs, Math.max(policy.firstDelayMs, last.delayMs * 2, 1));
}

export type WorkerOptions = {
  /** Where the restarts are logged (JSON lines: log.ts); default warnings and errors on stdout. */
  logger?: Logger;
  restart?: RestartPolicy;
};

/**
 * PGlite (in `dataDir`, or in memory) in a worker thread. Rejects as opening it there does.
 *
 * A worker that dies (it crashed, ran out of memory, or was ended from outside) fails every
 * request under way with `PgliteWorkerGone` (the clients retry them, as any failed push), and
 * every request until it is back; then it is started again on the same data folder: the
 * folder's lock, which names this process, is released first (the new worker takes it), and
 * the start waits `nextRestartDelay` (a back-off when it dies again at once). Each step is
 * logged. An in-memory database starts again empty (tests, benchmarks: nothing to keep).
 * `close` ends it for good.
 */
export async function pgliteInWorker(
  dataDir?: string,
  options: WorkerOptions = {},
): Promise<Database> {
  const logger = options.logger ?? jsonLogger('warn');
  const policy = options.restart ?? RESTART_POLICY;
  let current = await connect(dataDir);
  let startedAt = Date.now();
  let generation = 1;
  let nextId = 1;
  let nextTx = 1;
  let closed = false;
  let lastDelay: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restarting: Promise<void> | null = null;

  const restart = (reason: string, ranMs: number | null): void => {
    if (closed) return;
    const delayMs = nextRestartDelay(policy, { delayMs: lastDelay, ranMs });
    lastDelay = delayMs;
    logger.log('info', 'pglite worker restarting', {
      generation: generation + 1,
      delay_ms: delayMs,
      reason,
    });
    restarting = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        timer = undefined;
        // The dead worker's lock names this process: released, so the new worker takes it
        // as its own (not as a lock left by a process that is gone).
        if (dataDir) releaseOwnDataDirLock(dataDir);
        const began = Date.now();
        connect(dataDir).then(
          async (next) => {
            if (closed) {
              await next.end();
              return resolve();
            }
            generation += 1;
            current = next;
            startedAt = Date.now();
            restarting = null;
            logger.log('info', 'pglite worker restarted', { generation, ms: Date.now() - began });
            watch(next);
            resolve();
          },
          (error: unknown) => {
            logger.log('error', 'pglite worker did not start', {
              generation: generation + 1,
              error: error instanceof Error ? error.name : typeof error,
            });
            resolve();
            restart('it did not start', null);
          },
        );
      }, delayMs);
      // The server's listener keeps the process alive; a test or benchmark may end meanwhile.
      timer.unref();
    });
  };

  const watch = (connection: Connection): void => {
    void connection.died.then(async (reason) => {
      if (closed || connection !== current) return;
      const ranMs = Date.now() - startedAt;
      logger.log('warn', 'pglite worker stopped', { generation, reason, ran_ms: ranMs });
      // A worker given up on (a message it could not read) may still run: ended first, so two
      // PGlite never hold one data folder.
      await connection.worker.terminate().catch(() => undefined);
      restart(reason, ranMs);
    });
  };
  watch(current);

  const call = (request: WorkerRequest, transfer?: ArrayBuffer[]) =>
    closed
      ? Promise.reject(new PgliteWorkerGone('the database was closed'))
      : current.call(request, transfer);

  const txSql = (connection: Connection, tx: number): Sql => ({
    async query<Row>(text: string, params: unknown[] = []) {
      const reply = await connection.call(
        { id: nextId++, op: 'txQuery', tx, text, params },
        transferables(params),
      );
      return reply.rows as Row[];
    },
    async exec(text: string) {
      await connection.call({ id: nextId++, op: 'txExec', tx, text });
    },
  });

  const db: Database = {
    kind: 'pglite',
    async query<Row>(text: string, params: unknown[] = [], options?: QueryOptions) {
      const prepare = options?.prepare === true;
      const sent = call(
        { id: nextId++, op: 'query', text, params, prepare },
        transferables(params),
      );
      // What PGlite on one thread marks as its bind message is handed over: here the request.
      if (prepare) markPush('querySent');
      return (await sent).rows as Row[];
    },
    async exec(text: string) {
      await call({ id: nextId++, op: 'exec', text });
    },
    async transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      // The whole transaction on the worker it began on: one that dies fails the rest of it.
      if (closed) throw new PgliteWorkerGone('the database was closed');
      const connection = current;
      const tx = nextTx++;
      await connection.call({ id: nextId++, op: 'begin', tx });
      let result: T;
      try {
        result = await work(txSql(connection, tx));
      } catch (error) {
        await connection.call({ id: nextId++, op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await connection.call({ id: nextId++, op: 'commit', tx });
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      // A restart not begun is cancelled; one starting a worker is waited for (and ended).
      if (timer !== undefined) {
        clearTimeout(timer);
        timer = undefined;
      } else await restarting;
      if (current.gone()) {
        await current.end();
        return;
      }
      try {
        await current.call({ id: nextId++, op: 'close' });
      } finally {
        await current.end();
      }
    },
  };
  workers.set(db, () => current.worker);
  return db;
}
