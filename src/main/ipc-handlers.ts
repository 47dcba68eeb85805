/**
 * The logic behind every IPC capability, free of Electron so it runs in plain Node tests.
 * ipc.ts injects the real dialog, shell and file system and registers these with ipcMain.
 */
import type { z } from 'zod';
import {
  encodeIpcError,
  ipcContract,
  type CrmBridge,
  type AppInfo,
  type IpcCapability,
  type IpcErrorPayload,
} from '../shared/ipc';

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

export function createIpcHandlers(deps: IpcDeps): IpcHandlers {
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
