/**
 * Real server processes for the load and fault test: `server/src/main.ts` run by tsx as a
 * child process on loopback, and a small TCP proxy in front of each that can drop every
 * connection or delay what the server sends back.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => done(port));
    });
  });
}

export type ServerProcess = {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resident memory in bytes (from /proc), or null once the process is gone. */
  rss(): number | null;
};

function rssOf(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** Starts a server process and resolves once /readyz answers 200. */
export async function startServerProcess(
  port: number,
  databaseUrl: string,
  readyWithinMs = 90_000,
  /** More environment (SYNC_DATA_DIR and SYNC_PGLITE_WORKER for a PGlite server). */
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: '5',
      SHUTDOWN_TIMEOUT_MS: '5000',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const deadline = Date.now() + readyWithinMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`The server process exited before it was ready: ${stderr}`);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (answer.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server process was not ready within ${readyWithinMs} ms: ${stderr}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { port, child, exited, rss: () => rssOf(child.pid) };
}

export type Proxy = {
  url: string;
  /** Cuts every open connection, both ways, mid-request or mid-answer. */
  dropAll(): number;
  /** Holds each chunk the server sends back this long (0: none). */
  setDelay(ms: number): void;
  close(): Promise<void>;
};

export async function startProxy(targetPort: number): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  let delay = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let queue = Promise.resolve();
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      const wait = delay;
      queue = queue
        .then(() => (wait > 0 ? new Promise((done) => setTimeout(done, wait)) : undefined))
        .then(() => {
          if (!client.destroyed) client.write(chunk);
        });
    });
    upstream.on('end', () => void queue.then(() => client.end()));
    client.on('end', () => upstream.end());
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', () => void queue.then(end));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropAll() {
      const count = sockets.size;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      return count;
    },
    setDelay(ms) {
      delay = ms;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
