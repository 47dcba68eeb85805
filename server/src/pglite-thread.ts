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
 * one with `PgliteWorkerGone`, at once.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DataDirBusy } from './data-dir-lock';
import type { Database, QueryOptions, Sql } from './db';
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
      `The PGlite worker thread stopped (${reason}): the server cannot reach its database. ` +
        'Restart the server (its data folder is kept).',
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

/** Each worker-backed database's worker (for tests that end it from outside). */
const workers = new WeakMap<Database, Worker>();
export function workerOf(db: Database): Worker | undefined {
  return workers.get(db);
}

type Pending = { resolve: (reply: WorkerReply & { ok: true }) => void; reject: (e: Error) => void };

/** PGlite (in `dataDir`, or in memory) in a worker thread. Rejects as opening it there does. */
export async function pgliteInWorker(dataDir?: string): Promise<Database> {
  const entry = workerEntry();
  const worker = startWorker(entry, { dataDir });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextTx = 1;
  let gone: PgliteWorkerGone | undefined;
  let closing = false;

  const fail = (reason: string) => {
    if (gone) return;
    gone = new PgliteWorkerGone(closing ? 'the database was closed' : reason);
    for (const request of pending.values()) request.reject(gone);
    pending.clear();
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

  const txSql = (tx: number): Sql => ({
    async query<Row>(text: string, params: unknown[] = []) {
      const reply = await call(
        { id: nextId++, op: 'txQuery', tx, text, params },
        transferables(params),
      );
      return reply.rows as Row[];
    },
    async exec(text: string) {
      await call({ id: nextId++, op: 'txExec', tx, text });
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
      const tx = nextTx++;
      await call({ id: nextId++, op: 'begin', tx });
      let result: T;
      try {
        result = await work(txSql(tx));
      } catch (error) {
        await call({ id: nextId++, op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await call({ id: nextId++, op: 'commit', tx });
      return result;
    },
    async close() {
      if (gone) return;
      try {
        await call({ id: nextId++, op: 'close' });
      } finally {
        closing = true;
        await worker.terminate();
        fail('the database was closed');
      }
    },
  };
  workers.set(db, worker);
  return db;
}
