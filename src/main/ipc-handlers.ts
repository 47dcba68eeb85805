/**
 * The logic behind every IPC capability, free of Electron so it runs in plain Node tests.
 * ipc.ts injects the real dialog, shell and file system and registers these with ipcMain.
 */
import type { z } from 'zod';
import { BACKUP_EXTENSION } from '../shared/backup/file-names';
import {
  encodeIpcError,
  ipcContract,
  type CrmBridge,
  type AppInfo,
  type IpcCapability,
  type IpcErrorPayload,
} from '../shared/ipc';
import type { BackupFolder } from './backup-folder';
import { createSaveSessions, type OpenSaveTarget, type SaveSessions } from './export-save-sessions';
import type { SyncTokenStore } from './sync-token-store';

/** The parts of Electron's WebFrameMain the sender check reads. */
export type SenderFrame = {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
};

export type SaveDialogRequest = {
  defaultFileName: string;
  filters: { name: string; extensions: string[] }[];
};

export type IpcDeps = {
  isTrustedSender(frame: SenderFrame | null): boolean;
  appInfo(): AppInfo;
  showSaveDialog(request: SaveDialogRequest): Promise<{ canceled: boolean; filePath?: string }>;
  writeTextFile(filePath: string, content: string): Promise<void>;
  openExternal(url: string): Promise<void>;
  /** Absent where the OS cannot show notifications: a reminder is then silently skipped. */
  showNotification?(request: { title: string; body: string }): void;
  showOpenDialog(request: {
    filters: { name: string; extensions: string[] }[];
    defaultPath?: string;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  /** Size of a regular file; throws when it is missing or not a file. */
  statFile(filePath: string): Promise<{ size: number }>;
  /**
   * `length` bytes from `offset`, refusing (throwing) when the file's size is no longer
   * `expectedSize`: a file rewritten mid-import must not be read half old, half new.
   */
  readFileRange(
    filePath: string,
    offset: number,
    length: number,
    expectedSize: number,
  ): Promise<Uint8Array>;
  newHandle(): string;
  /** Opens a streamed save (export) at a path the user chose; see export-save-sessions. */
  openSaveTarget: OpenSaveTarget;
  basename(filePath: string): string;
  /** userData/backups: automatic backups, named, listed and pruned by main. */
  backupFolder?: BackupFolder;
  /** Opens a folder in the OS file manager. */
  openFolder?(dir: string): Promise<void>;
  /**
   * The sync token at rest, encrypted by the OS (Electron safeStorage). Absent where the OS
   * offers no secure storage: the token is then refused rather than kept in plain text, and
   * `syncTokenUnavailable` says why and how to fix it.
   */
  syncTokenStore?: SyncTokenStore;
  syncTokenUnavailable?: string;
};

export type IpcHandlers = {
  [K in IpcCapability]: (sender: SenderFrame | null, arg: unknown) => ReturnType<CrmBridge[K]>;
};

type ArgsOf<K extends IpcCapability> = z.output<(typeof ipcContract)[K]['args']>;

function fail(code: IpcErrorPayload['code'], message: string): Error {
  return new Error(encodeIpcError({ code, message }));
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'argument'}: ${issue.message}`,
    )
    .join('; ');
}

/**
 * Every call passes the same three gates in order: who is asking (only our own window's
 * main frame), what it sent (the contract's schema), then the work itself, whose unexpected
 * errors (disk full, permission denied) come back as code "failed".
 */
function guarded<K extends IpcCapability, R>(
  capability: K,
  deps: IpcDeps,
  run: (arg: ArgsOf<K>) => Promise<R>,
): (sender: SenderFrame | null, arg: unknown) => Promise<R> {
  const schema: z.ZodType = ipcContract[capability].args;
  return async (sender, arg) => {
    if (!deps.isTrustedSender(sender)) {
      const from = sender ? sender.url.slice(0, 200) : 'a frame that no longer exists';
      throw fail('forbidden-sender', `${capability}: refused a call from ${from}`);
    }
    const parsed = schema.safeParse(arg);
    if (!parsed.success) {
      throw fail('invalid-argument', `${capability}: ${describeIssues(parsed.error)}`);
    }
    try {
      // TypeScript cannot follow K through ipcContract[capability]; the contract pairs them.
      return await run(parsed.data as ArgsOf<K>);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw fail('failed', `${capability}: ${detail}`);
    }
  };
}

/** Offer the file's own type first in the save dialog, e.g. "CSV file (*.csv)". */
export function saveDialogFilters(fileName: string): SaveDialogRequest['filters'] {
  const all = { name: 'All files', extensions: ['*'] };
  const extension = /\.([a-z0-9]{1,10})$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension
    ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }, all]
    : [all];
}

/**
 * `saves` is passed in by ipc.ts, which also tells it when the window closes or reloads, so
 * an export cut off that way leaves no `.partial` file behind.
 */
export function createIpcHandlers(
  deps: IpcDeps,
  saves: SaveSessions = createSaveSessions(),
): IpcHandlers {
  // Files opened for import or restore, by handle. The renderer never sees a path, so it can
  // read only what the user picked in the open dialog.
  const openFiles = new Map<string, { path: string; size: number }>();
  const openPicked = async (
    filters: { name: string; extensions: string[] }[],
    defaultPath?: string,
  ) => {
    const choice = await deps.showOpenDialog({ filters, defaultPath });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return { status: 'cancelled' } as const;
    const { size } = await deps.statFile(path);
    const handle = deps.newHandle();
    openFiles.set(handle, { path, size });
    return { status: 'opened', handle, name: deps.basename(path), size } as const;
  };
  const folder = (): BackupFolder => {
    if (!deps.backupFolder) throw new Error('this computer has no backups folder');
    return deps.backupFolder;
  };
  // Streamed saves (exports) in progress, by handle; main alone knows their paths.
  return {
    appInfo: guarded('appInfo', deps, async () => deps.appInfo()),
    saveTextFile: guarded('saveTextFile', deps, async (request) => {
      const choice = await deps.showSaveDialog({
        defaultFileName: request.suggestedName,
        filters: saveDialogFilters(request.suggestedName),
      });
      if (choice.canceled || !choice.filePath) return { status: 'cancelled' } as const;
      await deps.writeTextFile(choice.filePath, request.content);
      return { status: 'saved', location: choice.filePath } as const;
    }),
    openExternal: guarded('openExternal', deps, (url) => deps.openExternal(url)),
    notify: guarded('notify', deps, async (request) => {
      deps.showNotification?.({ title: request.title, body: request.body });
    }),
    openCsvFile: guarded('openCsvFile', deps, () =>
      openPicked([
        { name: 'CSV and text files', extensions: ['csv', 'txt', 'tsv'] },
        { name: 'All files', extensions: ['*'] },
      ]),
    ),
    openBackupFile: guarded('openBackupFile', deps, () =>
      openPicked(
        [
          { name: 'Encore CRM backups', extensions: [BACKUP_EXTENSION] },
          { name: 'All files', extensions: ['*'] },
        ],
        deps.backupFolder?.dir,
      ),
    ),
    readFileChunk: guarded('readFileChunk', deps, async ({ handle, offset, length }) => {
      const file = openFiles.get(handle);
      if (!file) throw new Error('this file is no longer open');
      if (offset > file.size) throw new Error('offset beyond the end of the file');
      return deps.readFileRange(file.path, offset, Math.min(length, file.size - offset), file.size);
    }),
    closeFile: guarded('closeFile', deps, async (handle) => {
      openFiles.delete(handle);
    }),
    beginSave: guarded('beginSave', deps, async (request) => {
      if (!saves.hasRoom()) throw new Error('too many saves at once');
      const choice = await deps.showSaveDialog({
        defaultFileName: request.suggestedName,
        filters: saveDialogFilters(request.suggestedName),
      });
      if (choice.canceled || !choice.filePath) return { status: 'cancelled' } as const;
      const handle = deps.newHandle();
      saves.add(handle, choice.filePath, await deps.openSaveTarget(choice.filePath));
      return { status: 'ready', handle, location: choice.filePath } as const;
    }),
    appendSave: guarded('appendSave', deps, ({ handle, chunk }) => saves.append(handle, chunk)),
    finishSave: guarded('finishSave', deps, async (handle) => ({
      status: 'saved' as const,
      location: await saves.finish(handle),
    })),
    abortSave: guarded('abortSave', deps, (handle) => saves.abort(handle)),
    beginBackup: guarded('beginBackup', deps, async ({ reason }) => {
      if (!saves.hasRoom()) throw new Error('too many saves at once');
      const path = await folder().newBackupPath(reason);
      const handle = deps.newHandle();
      saves.add(handle, path, await deps.openSaveTarget(path));
      return { status: 'ready', handle, location: path } as const;
    }),
    listBackups: guarded('listBackups', deps, () => folder().list()),
    pruneBackups: guarded('pruneBackups', deps, (keep) => folder().prune(keep)),
    showBackups: guarded('showBackups', deps, async () => {
      const dir = folder().dir;
      // Listing creates the folder, so there is always one to show.
      await folder().list();
      if (!deps.openFolder) throw new Error('this computer cannot open folders');
      await deps.openFolder(dir);
    }),
    getSyncToken: guarded('getSyncToken', deps, async () =>
      deps.syncTokenStore ? deps.syncTokenStore.read() : null,
    ),
    setSyncToken: guarded('setSyncToken', deps, async (token) => {
      if (!deps.syncTokenStore) {
        // Forgetting a token needs no encryption; keeping one does.
        if (token === null) return;
        throw new Error(
          deps.syncTokenUnavailable ?? 'this computer offers no secure storage for the sync token',
        );
      }
      await deps.syncTokenStore.write(token);
    }),
  };
}

/**
 * Only the main frame of our one window, showing our own renderer, may call: not an iframe,
 * not a page the window was somehow navigated to, not a frame that was torn down meanwhile.
 * Frames are compared by their ids, which name the frame Chromium actually sent from.
 */
export function isTrustedSenderFrame(
  frame: SenderFrame | null,
  mainFrame: SenderFrame | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  return (
    frame !== null &&
    mainFrame !== undefined &&
    frame.processId === mainFrame.processId &&
    frame.routingId === mainFrame.routingId &&
    isAppUrl(frame.url)
  );
}
