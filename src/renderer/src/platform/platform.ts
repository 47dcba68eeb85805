import type { AppInfo, SaveTextFileRequest, SaveTextFileResult } from '@shared/ipc';

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
};
