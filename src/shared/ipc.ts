/**
 * The one typed door between the renderer and the desktop.
 *
 * Every capability is declared here once: its channel name, the zod schema of its argument
 * (main validates every call with it) and its result type. The preload builds `window.crm`
 * from this map and main registers a handler per entry, so the two cannot drift apart.
 */
import { z } from 'zod';
import { BACKUP_REASONS } from './backup/file-names';
import { menuActionIdSchema, type MenuActionId } from './menu-actions';

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

/** A file main opened for the import: an opaque handle, so the renderer never holds a path. */
export const fileHandleSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'a file handle');

/** One range of an opened file; the renderer pulls a large CSV chunk by chunk. */
export const readFileChunkRequestSchema = z.object({
  handle: fileHandleSchema,
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z
    .number()
    .int()
    .min(1)
    .max(16 * 1024 * 1024),
});
export type ReadFileChunkRequest = z.infer<typeof readFileChunkRequestSchema>;

export type OpenFileResult =
  { status: 'opened'; handle: string; name: string; size: number } | { status: 'cancelled' };

/** A streamed save (CSV export): main shows the save dialog, then takes the file in chunks. */
export const beginSaveRequestSchema = saveTextFileRequestSchema.pick({
  suggestedName: true,
  mimeType: true,
});
export type BeginSaveRequest = z.infer<typeof beginSaveRequestSchema>;
export type BeginSaveResult =
  { status: 'ready'; handle: string; location: string } | { status: 'cancelled' };
export const appendSaveRequestSchema = z.object({
  handle: fileHandleSchema,
  chunk: z.string().max(16 * 1024 * 1024),
});
export type AppendSaveRequest = z.infer<typeof appendSaveRequestSchema>;

/** A backup written into the app's own backups folder; main names the file. */
export const beginBackupRequestSchema = z.object({ reason: z.enum(BACKUP_REASONS) });
export type BeginBackupRequest = z.infer<typeof beginBackupRequestSchema>;

/** A finished backup in the backups folder. */
export type BackupFileInfo = { name: string; size: number; modifiedAt: string };

/** How many backups the folder keeps: the newest N, the older ones deleted. */
export const keepBackupsSchema = z.number().int().min(1).max(1000);

/** A desktop notification (task reminders): short plain text, shown by the OS. */
export const notifyRequestSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(1000),
});
export type NotifyRequest = z.infer<typeof notifyRequestSchema>;

/** The sync server's bearer token (null forgets it): printable ASCII, no spaces. */
export const syncTokenSchema = z
  .string()
  .min(10)
  .max(500)
  .regex(/^[\x21-\x7e]+$/, 'a token: printable characters, no spaces')
  .nullable();

export const ipcContract = {
  appInfo: { channel: 'crm:app-info', args: emptyArgsSchema },
  notify: { channel: 'crm:notify', args: notifyRequestSchema },
  saveTextFile: { channel: 'crm:save-text-file', args: saveTextFileRequestSchema },
  openExternal: { channel: 'crm:open-external', args: externalUrlSchema },
  openCsvFile: { channel: 'crm:open-csv-file', args: emptyArgsSchema },
  readFileChunk: { channel: 'crm:read-file-chunk', args: readFileChunkRequestSchema },
  closeFile: { channel: 'crm:close-file', args: fileHandleSchema },
  beginSave: { channel: 'crm:begin-save', args: beginSaveRequestSchema },
  appendSave: { channel: 'crm:append-save', args: appendSaveRequestSchema },
  finishSave: { channel: 'crm:finish-save', args: fileHandleSchema },
  abortSave: { channel: 'crm:abort-save', args: fileHandleSchema },
  beginBackup: { channel: 'crm:begin-backup', args: beginBackupRequestSchema },
  listBackups: { channel: 'crm:list-backups', args: emptyArgsSchema },
  pruneBackups: { channel: 'crm:prune-backups', args: keepBackupsSchema },
  showBackups: { channel: 'crm:show-backups', args: emptyArgsSchema },
  openBackupFile: { channel: 'crm:open-backup-file', args: emptyArgsSchema },
  getSyncToken: { channel: 'crm:get-sync-token', args: emptyArgsSchema },
  setSyncToken: { channel: 'crm:set-sync-token', args: syncTokenSchema },
} as const;

export type IpcCapability = keyof typeof ipcContract;

/**
 * Messages main sends to the window, each with the schema the preload checks its payload
 * against before the page sees it. The bridge exposes a subscribe function per event.
 */
export const ipcEvents = {
  onMenuAction: { channel: 'crm:menu-action', payload: menuActionIdSchema },
} as const;

export type IpcEvent = keyof typeof ipcEvents;

/** What the preload exposes as `window.crm`: one function per capability. */
export type CrmBridge = {
  appInfo(): Promise<AppInfo>;
  saveTextFile(request: SaveTextFileRequest): Promise<SaveTextFileResult>;
  openExternal(url: string): Promise<void>;
  /** Shows a desktop notification; clicking it brings the window forward. */
  notify(request: NotifyRequest): Promise<void>;
  /** Open dialog for a CSV; main keeps the path and returns a handle. */
  openCsvFile(): Promise<OpenFileResult>;
  readFileChunk(request: ReadFileChunkRequest): Promise<Uint8Array>;
  closeFile(handle: string): Promise<void>;
  /** Save dialog for a file written in chunks; the handle names the file in main. */
  beginSave(request: BeginSaveRequest): Promise<BeginSaveResult>;
  appendSave(request: AppendSaveRequest): Promise<void>;
  /** Closes the file and moves it into place; only now does the chosen path hold it. */
  finishSave(handle: string): Promise<SaveTextFileResult>;
  /** Cancels: the partial file is deleted and any file at the chosen path is left as it was. */
  abortSave(handle: string): Promise<void>;
  /**
   * Starts a backup file in the app's backups folder (userData/backups), written like a
   * streamed save: appendSave, then finishSave (fsync and rename into place) or abortSave.
   */
  beginBackup(request: BeginBackupRequest): Promise<BeginSaveResult>;
  /** The backups in the folder, newest first. */
  listBackups(): Promise<BackupFileInfo[]>;
  /** Deletes all but the newest `keep` backups (and stale partial files); returns how many went. */
  pruneBackups(keep: number): Promise<number>;
  /** Opens the backups folder in the OS file manager. */
  showBackups(): Promise<void>;
  /** Open dialog for a backup file (starting in the backups folder); read with readFileChunk. */
  openBackupFile(): Promise<OpenFileResult>;
  /** The sync token, decrypted by main (safeStorage); null when none is saved. */
  getSyncToken(): Promise<string | null>;
  /** Encrypts and keeps the sync token in main; null deletes it. */
  setSyncToken(token: string | null): Promise<void>;
  /** Calls `listener` with the id of each app menu action chosen; returns the unsubscribe. */
  onMenuAction(listener: (id: MenuActionId) => void): () => void;
};

// Errors: declared without zod (the renderer's start path loads them, not the schemas).
export { IpcError, decodeIpcError, encodeIpcError, type IpcErrorPayload } from './ipc-error';
