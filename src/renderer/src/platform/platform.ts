import type { MenuActionId } from '@shared/menu-actions';
import type { AppInfo, NotifyRequest, SaveTextFileRequest, SaveTextFileResult } from '@shared/ipc';
import type { ByteSource } from '@shared/csv';
import type { BackupFileInfo, BeginSaveRequest } from '@shared/ipc';
import type { BackupReason } from '@shared/backup/file-names';
import type { SaveSink } from './export-save-sink';

/**
 * The desktop app's automatic backups folder (userData/backups). The browser has no data
 * folder of its own, so there is none there.
 */
export type BackupFolderAccess = {
  /** A new backup file in the folder, written in chunks; main picks its name. */
  begin(reason: BackupReason): Promise<SaveSink>;
  /** Newest first. */
  list(): Promise<BackupFileInfo[]>;
  /** Keeps the newest `keep`; returns how many were deleted. */
  prune(keep: number): Promise<number>;
  /** Opens the folder in the file manager. */
  show(): Promise<void>;
};

/**
 * Everything the renderer needs from the desktop, and nothing more. Two implementations:
 * electron (calls window.crm) and browser (File API, downloads) for the web preview and
 * the end-to-end tests.
 */
export type Platform = {
  kind: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
  saveTextFile(request: SaveTextFileRequest): Promise<SaveTextFileResult>;
  openExternal(url: string): Promise<void>;
  /**
   * A desktop notification. Electron: shown by main. Browser: the Notification API, asking
   * permission the first time; resolves quietly when the user declined.
   */
  notify(request: NotifyRequest): Promise<void>;
  /**
   * Let the user pick a CSV and read it in ranges (import). Null when they cancel. Electron:
   * main's open dialog, bytes streamed from disk by handle; browser: a file input.
   */
  openCsvFile(): Promise<ByteSource | null>;
  /**
   * A file written in chunks (CSV export): the save dialog first, null when cancelled.
   * Electron: written to disk as it comes; browser: downloaded when finished.
   */
  beginSave(request: BeginSaveRequest): Promise<SaveSink | null>;
  /** Let the user pick a backup file to restore; null when they cancel. */
  openBackupFile(): Promise<ByteSource | null>;
  /** Present in the desktop app only. */
  backups?: BackupFolderAccess;
  /**
   * The sync server token. Electron: encrypted by main with safeStorage. Browser (web
   * preview, tests): localStorage, which is NOT encrypted; acceptable for a preview only.
   */
  getSyncToken(): Promise<string | null>;
  setSyncToken(token: string | null): Promise<void>;
  /**
   * The app menu's actions (desktop only): `listener` gets the id of each one chosen;
   * returns the unsubscribe. Absent in the browser, which has no app menu.
   */
  onMenuAction?(listener: (id: MenuActionId) => void): () => void;
};
