/**
 * The server's configuration: environment variables only (twelve-factor), every one checked
 * at start. A wrong value stops the server before it listens, with one sentence per problem
 * naming the variable and what it accepts (DATABASE_URL's value is never repeated: it may
 * hold a password).
 */
import { resolve } from 'node:path';
import { SYNC_LIMITS } from '../../src/shared/sync/protocol';
import { LOG_LEVELS } from './log';
import type { LogLevel } from './log';

export type ServerConfig = {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise an embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Largest request body accepted (a push); the protocol's 4 MiB at most. */
  bodyLimitBytes: number;
  logLevel: LogLevel;
  /** How long SIGTERM waits for in-flight pushes before closing anyway. */
  shutdownTimeoutMs: number;
  /** PostgreSQL connections per process. */
  poolSize: number;
  /** PGlite in a worker thread (pglite-thread.ts) instead of on the server's thread. */
  pgliteWorker: boolean;
};

type Env = Record<string, string | undefined>;

/** One variable: its default when unset, or a reason it is wrong. */
type Reader<T> = (raw: string) => T | { problem: string };

function integer(min: number, max: number): Reader<number> {
  return (raw) => {
    const value = Number(raw);
    return /^\d+$/.test(raw.trim()) && value >= min && value <= max
      ? value
      : { problem: `must be a whole number from ${min} to ${max} (got "${raw}")` };
  };
}

const host: Reader<string> = (raw) =>
  /^[A-Za-z0-9.:_-]{1,253}$/.test(raw)
    ? raw
    : { problem: `must be a host name or IP address to listen on (got "${raw}")` };

const databaseUrl: Reader<string> = (raw) =>
  /^postgres(ql)?:\/\/\S+$/.test(raw)
    ? raw
    : { problem: 'must be a postgres:// or postgresql:// connection URL (value not shown)' };

const logLevel: Reader<LogLevel> = (raw) =>
  (LOG_LEVELS as readonly string[]).includes(raw)
    ? (raw as LogLevel)
    : { problem: `must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")` };

const flag: Reader<boolean> = (raw) =>
  raw === '1' || raw === '0' ? raw === '1' : { problem: `must be 0 or 1 (got "${raw}")` };

const text: Reader<string> = (raw) => (raw.trim() ? raw : { problem: 'must not be empty' });

/** The variables, their readers and defaults: server/README.md documents the same table. */
const VARIABLES = {
  port: ['PORT', integer(1, 65_535), 8787],
  host: ['HOST', host, '127.0.0.1'],
  databaseUrl: ['DATABASE_URL', databaseUrl, undefined],
  dataDir: ['SYNC_DATA_DIR', text, '.server-data'],
  bodyLimitBytes: [
    'BODY_LIMIT_BYTES',
    integer(1024, SYNC_LIMITS.maxBodyBytes),
    SYNC_LIMITS.maxBodyBytes,
  ],
  logLevel: ['LOG_LEVEL', logLevel, 'info'],
  shutdownTimeoutMs: ['SHUTDOWN_TIMEOUT_MS', integer(0, 600_000), 10_000],
  poolSize: ['DB_POOL_SIZE', integer(1, 100), 10],
  pgliteWorker: ['SYNC_PGLITE_WORKER', flag, true],
} as const;

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

export function readConfig(env: Env): ConfigResult {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, [name, read, fallback]] of Object.entries(VARIABLES)) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      values[key] = fallback;
      continue;
    }
    const value = (read as Reader<unknown>)(raw);
    if (value !== null && typeof value === 'object' && 'problem' in value)
      problems.push(`${name} ${(value as { problem: string }).problem}`);
    else values[key] = value;
  }
  if (problems.length > 0) return { ok: false, problems };
  const config = values as ServerConfig;
  return { ok: true, config: { ...config, dataDir: resolve(config.dataDir) } };
}
