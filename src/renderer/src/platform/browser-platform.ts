import type * as ipcContract from '@shared/ipc';
import type { AppInfo, SaveTextFileRequest } from '@shared/ipc';
import { IpcError } from '@shared/ipc-error';
// The byte source alone, not the CSV barrel: the platform loads with the start page, the CSV
// reader (papaparse, chardet) only with the import wizard.
import { blobByteSource, type ByteSource } from '@shared/csv/byte-source';
import type { z } from 'zod';
import { beginBrowserSave } from './export-save-sink';
import { browserNotify } from './browser-notify';
import type { Platform } from './platform';

type IpcModule = typeof ipcContract;

/**
 * The web preview and the end-to-end tests run on this. It validates with the same schemas
 * main uses, so a call the desktop app would refuse fails here too, where the tests see it.
 * The schemas (zod) load with the first call that needs them, not with the start page.
 */
async function validated<T>(
  schemaOf: (ipc: IpcModule) => z.ZodType<T>,
  value: unknown,
  capability: string,
): Promise<T> {
  const parsed = schemaOf(await import('@shared/ipc')).safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((issue) => issue.message).join('; ');
  throw new IpcError({ code: 'invalid-argument', message: `${capability}: ${message}` });
}

const SYNC_TOKEN_KEY = 'encore.sync-token';

// Revoking at once can cancel a download that has not started yet.
const revokeAfterMs = 60_000;

function download(request: SaveTextFileRequest): void {
  const url = URL.createObjectURL(new Blob([request.content], { type: request.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = request.suggestedName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}

/** A one-off file input: resolves with the picked file, or null when the picker is cancelled. */
function pickFile(accept: string): Promise<ByteSource | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      resolve(file ? blobByteSource(file, file.name) : null);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

export function createBrowserPlatform(): Platform {
  const info: AppInfo = {
    name: 'Encore CRM',
    version: String(import.meta.env['VITE_APP_VERSION'] ?? 'web preview'),
    platform: 'web',
  };
  return {
    kind: 'browser',
    notify: browserNotify,
    appInfo: async () => info,
    saveTextFile: async (request) => {
      download(await validated((ipc) => ipc.saveTextFileRequestSchema, request, 'saveTextFile'));
      // The browser decides where downloads go and never tells the page.
      return { status: 'saved', location: `Downloads/${request.suggestedName}` };
    },
    openExternal: async (url) => {
      window.open(
        await validated((ipc) => ipc.externalUrlSchema, url, 'openExternal'),
        '_blank',
        'noopener,noreferrer',
      );
    },
    openCsvFile: () => pickFile('.csv,.tsv,.txt,text/csv,text/plain'),
    openBackupFile: () => pickFile('.ndjson,application/x-ndjson,application/json'),
    beginSave: async (request) =>
      beginBrowserSave(await validated((ipc) => ipc.beginSaveRequestSchema, request, 'beginSave')),
    // Not encrypted: the web preview has no OS keychain (the desktop app uses safeStorage).
    getSyncToken: async () => localStorage.getItem(SYNC_TOKEN_KEY),
    setSyncToken: async (token) => {
      const valid = await validated((ipc) => ipc.syncTokenSchema, token, 'setSyncToken');
      if (valid === null) localStorage.removeItem(SYNC_TOKEN_KEY);
      else localStorage.setItem(SYNC_TOKEN_KEY, valid);
    },
  };
}
