/**
 * The worker thread that holds the server's PGlite (pglite-thread.ts starts it): the database
 * opened here as it is on one thread (pgliteInProcess: the data-directory lock, the in-memory
 * file system's tweaks, the prepared statements), answering the requests the main thread posts.
 * Requests run as they arrive; PGlite's own locks queue them (a query waits while a transaction
 * is open, as on one thread). A transaction stays open across messages: its `tx.query` calls
 * come back by transaction id and run on its connection, and `commit` or `rollback` ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Database, Sql } from './db';
import { pgliteInProcess } from './db';
import type { WorkerReply, WorkerRequest, WorkerStart } from './pglite-thread';
import { serializeError } from './pglite-thread';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (pglite-thread.ts)');
const { dataDir } = workerData as WorkerStart;

/** Thrown into a transaction's work to roll it back (`rollback` from the main thread). */
const ROLLBACK = Symbol('rollback');

type OpenTransaction = { sql?: Sql; finish: (commit: boolean) => void; ended: Promise<void> };

function reply(message: WorkerReply): void {
  port!.postMessage(message);
}

async function serve(db: Database): Promise<void> {
  const transactions = new Map<number, OpenTransaction>();
  const txSql = (tx: number): Sql => {
    const sql = transactions.get(tx)?.sql;
    if (!sql) throw new Error(`transaction ${tx} is not open`);
    return sql;
  };

  function begin(id: number, tx: number): void {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (finish = resolve));
    let began = false;
    const entry: OpenTransaction = { finish, ended: Promise.resolve() };
    transactions.set(tx, entry);
    entry.ended = db
      .transaction(async (sql) => {
        entry.sql = sql;
        began = true;
        reply({ id, ok: true });
        if (!(await decided)) throw ROLLBACK;
      })
      .then(
        () => undefined,
        (error: unknown) => {
          if (!began) {
            transactions.delete(tx);
            reply({ id, ok: false, error: serializeError(error) });
            return;
          }
          if (error !== ROLLBACK) throw error;
        },
      );
  }

  async function end(id: number, tx: number, commit: boolean): Promise<void> {
    const entry = transactions.get(tx);
    if (!entry) throw new Error(`transaction ${tx} is not open`);
    entry.finish(commit);
    try {
      await entry.ended;
    } finally {
      transactions.delete(tx);
    }
    reply({ id, ok: true });
  }

  port!.on('message', (request: WorkerRequest) => {
    const { id } = request;
    const run = async (): Promise<void> => {
      switch (request.op) {
        case 'query':
          return reply({
            id,
            ok: true,
            rows: await db.query(
              request.text,
              request.params,
              request.prepare ? { prepare: true } : undefined,
            ),
          });
        case 'exec':
          await db.exec(request.text);
          return reply({ id, ok: true });
        case 'begin':
          return begin(id, request.tx);
        case 'txQuery':
          return reply({
            id,
            ok: true,
            rows: await txSql(request.tx).query(request.text, request.params),
          });
        case 'txExec':
          await txSql(request.tx).exec(request.text);
          return reply({ id, ok: true });
        case 'commit':
          return end(id, request.tx, true);
        case 'rollback':
          return end(id, request.tx, false);
        case 'close':
          await db.close();
          return reply({ id, ok: true });
      }
    };
    run().catch((error: unknown) => reply({ id, ok: false, error: serializeError(error) }));
  });
}

try {
  const db = await pgliteInProcess(dataDir);
  await serve(db);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: serializeError(error) });
}
