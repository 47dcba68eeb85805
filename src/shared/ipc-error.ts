/**
 * Errors of the IPC contract (ipc.ts re-exports them), apart from its zod schemas: the
 * renderer's platform needs them at start, the schemas only when a capability is called.
 */
/** Errors cross the bridge as plain data so the renderer can show them. */
export type IpcErrorPayload = {
  code: 'invalid-argument' | 'forbidden-sender' | 'failed';
  message: string;
};

const ipcErrorCodes: readonly IpcErrorPayload['code'][] = [
  'invalid-argument',
  'forbidden-sender',
  'failed',
];

/**
 * Electron carries only an Error's `message` through `ipcRenderer.invoke` (and prefixes it
 * with "Error invoking remote method ..."), so main puts the code inside the message.
 */
export function encodeIpcError(payload: IpcErrorPayload): string {
  return `[crm:${payload.code}] ${payload.message}`;
}

/** The inverse of encodeIpcError for whatever the bridge rejected with. */
export function decodeIpcError(error: unknown): IpcErrorPayload {
  const text = error instanceof Error ? error.message : String(error);
  const match = /\[crm:([a-z-]+)\] ([\s\S]*)$/.exec(text);
  const code = ipcErrorCodes.find((known) => known === match?.[1]);
  return code && match?.[2] !== undefined
    ? { code, message: match[2] }
    : { code: 'failed', message: text };
}

/** What the renderer sees when a desktop call fails; `code` tells a bug from a disk problem. */
export class IpcError extends Error {
  readonly code: IpcErrorPayload['code'];

  constructor(payload: IpcErrorPayload) {
    super(payload.message);
    this.name = 'IpcError';
    this.code = payload.code;
  }
}
