/**
 * What the server writes to its log about a failure: codes and ids only. Error messages are
 * left out on purpose: PostgreSQL puts values into them ('invalid input syntax for type
 * integer: "Ana"') and into their detail and context (the JSON text around a bad byte), and
 * a log is no place for customer data.
 */

export type LogContext = { method: string; path: string; requestId: string; workspaceId?: string };

/** Where in the code it failed: the stack's frames, without the message line(s) above them. */
function frames(error: Error): string[] {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
}

/** One log line for an unexpected error: its class, SQLSTATE and routine, and where. */
export function describeFailure(error: unknown, context: LogContext): string {
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const sqlState = (error as { code?: unknown } | null)?.code;
  const routine = (error as { routine?: unknown } | null)?.routine;
  const parts = [
    `sync server: unexpected ${name}`,
    typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) ? `sqlstate=${sqlState}` : '',
    typeof routine === 'string' && /^\w{1,64}$/.test(routine) ? `routine=${routine}` : '',
    `request=${context.requestId}`,
    `${context.method} ${context.path}`,
    context.workspaceId ? `workspace=${context.workspaceId}` : '',
  ].filter(Boolean);
  const where = error instanceof Error ? frames(error) : [];
  return [parts.join(' '), ...where.map((frame) => `    ${frame}`)].join('\n');
}
