import {
  IpcError,
  externalUrlSchema,
  saveTextFileRequestSchema,
  type AppInfo,
  type SaveTextFileRequest,
} from '@shared/ipc';
import type { z } from 'zod';
import type { Platform } from './platform';

/**
 * The web preview and the end-to-end tests run on this. It validates with the same schemas
 * main uses, so a call the desktop app would refuse fails here too, where the tests see it.
 */
function validated<T>(schema: z.ZodType<T>, value: unknown, capability: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((issue) => issue.message).join('; ');
  throw new IpcError({ code: 'invalid-argument', message: `${capability}: ${message}` });
}

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

export function createBrowserPlatform(): Platform {
  const info: AppInfo = {
    name: 'Encore CRM',
    version: String(import.meta.env['VITE_APP_VERSION'] ?? 'web preview'),
    platform: 'web',
  };
  return {
    kind: 'browser',
    appInfo: async () => info,
    saveTextFile: async (request) => {
      download(validated(saveTextFileRequestSchema, request, 'saveTextFile'));
      // The browser decides where downloads go and never tells the page.
      return { status: 'saved', location: `Downloads/${request.suggestedName}` };
    },
    openExternal: async (url) => {
      window.open(
        validated(externalUrlSchema, url, 'openExternal'),
        '_blank',
        'noopener,noreferrer',
      );
    },
  };
}
