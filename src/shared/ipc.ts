/**
 * The one typed door between the renderer and the desktop.
 *
 * Every capability is declared here once: its channel name, the zod schema of its argument
 * (main validates every call with it) and its result type. The preload builds `window.crm`
 * from this map and main registers a handler per entry, so the two cannot drift apart.
 */
import { z } from 'zod';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** A text file the renderer wants saved (exports, backups); main shows the save dialog. */
export const saveTextFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
    .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'a file name, not a path')
    // "." and ".." pass the character rule but name a directory, not a file.
    .refine((name) => !/^\.+$/.test(name), 'a file name, not a path'),
  mimeType: z.string().min(1).max(100),
  // 512 MiB of UTF-16 is far beyond any export we make; the bound stops a runaway caller.
  content: z.string().max(256 * 1024 * 1024),
});
export type SaveTextFileRequest = z.infer<typeof saveTextFileRequestSchema>;

export type SaveTextFileResult = { status: 'saved'; location: string } | { status: 'cancelled' };

/** Only links a CRM user clicks on: web pages, mail and phone links. */
export const externalUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:', 'mailto:', 'tel:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'only http(s), mailto and tel links open outside the app');

export const emptyArgsSchema = z.undefined();

export const ipcContract = {
  appInfo: { channel: 'crm:app-info', args: emptyArgsSchema },
  saveTextFile: { channel: 'crm:save-text-file', args: saveTextFileRequestSchema },
  openExternal: { channel: 'crm:open-external', args: externalUrlSchema },
} as const;

export type IpcCapability = keyof typeof ipcContract;

/** What the preload exposes as `window.crm`: one function per capability. */
export type CrmBridge = {
  appInfo(): Promise<AppInfo>;
  saveTextFile(request: SaveTextFileRequest): Promise<SaveTextFileResult>;
  openExternal(url: string): Promise<void>;
};

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
