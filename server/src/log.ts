/**
 * The server's log: one JSON object per line (time, level, msg and fields), for any log
 * collector. What goes in is codes, ids, routes, statuses and durations, never request data:
 * no bodies, no query strings (a pull cursor names rows), no tokens, no error messages
 * (PostgreSQL puts values into them, 'invalid input syntax for type integer: "Ana"', and into
 * their detail and context, the JSON text around a bad byte).
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export type Logger = {
  log(level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void;
};

/** A logger writing JSON lines at `level` and above to `write` (stdout by default). */
export function jsonLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  return {
    log(at, msg, fields = {}) {
      if (LOG_LEVELS.indexOf(at) < threshold) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields }));
    },
  };
}

export type LogContext = {
  method: string;
  route: string;
  requestId: string;
  workspaceId?: string | undefined;
};

/** Where in the code it failed: the stack's frames, without the message line(s) above them. */
function frames(error: Error): string[] {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
}

/** The fields logged for an unexpected error: its class, SQLSTATE and routine, and where. */
export function describeFailure(error: unknown, context: LogContext): LogFields {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const sqlState = (error as { code?: unknown } | null)?.code;
  const routine = (error as { routine?: unknown } | null)?.routine;
  return {
    error: name,
    sqlstate: typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) ? sqlState : undefined,
    routine: typeof routine === 'string' && /^\w{1,64}$/.test(routine) ? routine : undefined,
    request_id: context.requestId,
    method: context.method,
    route: context.route,
    workspace: context.workspaceId,
    stack: error instanceof Error ? frames(error) : [],
  };
}
