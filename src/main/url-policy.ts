/**
 * Which URLs belong to the app, which may leave it for the OS, which permissions a page gets.
 * Pure functions, so the security rules are unit-tested without Electron.
 */
import { pathToFileURL } from 'node:url';
import { externalUrlSchema } from '../shared/ipc';

/** Where our renderer lives: the Vite dev server in development, out/renderer when built. */
export type AppLocation =
  | { kind: 'dev-server'; url: string; origin: string }
  | { kind: 'file'; indexFile: string; directoryUrl: string };

/**
 * The dev server URL comes from an environment variable, so a packaged app ignores it:
 * otherwise anyone able to set ELECTRON_RENDERER_URL could load a page that holds window.crm.
 */
export function resolveAppLocation(options: {
  isPackaged: boolean;
  devServerUrl: string | undefined;
  rendererIndexFile: string;
}): AppLocation {
  const { isPackaged, devServerUrl, rendererIndexFile } = options;
  if (!isPackaged && devServerUrl) {
    return { kind: 'dev-server', url: devServerUrl, origin: new URL(devServerUrl).origin };
  }
  // The trailing "/" keeps a sibling such as out/renderer-evil/ from matching.
  const directoryUrl = new URL('.', pathToFileURL(rendererIndexFile)).href;
  return { kind: 'file', indexFile: rendererIndexFile, directoryUrl };
}

/** True when `url` is a page of our own renderer (any route or hash of it). */
export function isAppUrl(url: string, location: AppLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  // file: URLs all share the opaque origin "null", so compare the whole URL instead. The
  // parser has already resolved "..", and comparing href (not pathname) also refuses
  // file://host/... (a UNC path on Windows).
  return parsed.href.startsWith(location.directoryUrl);
}

/** Links the OS may open for us: the same rule main applies to the openExternal capability. */
export function canOpenExternally(url: string): boolean {
  return externalUrlSchema.safeParse(url).success;
}

/**
 * A CRM needs no camera, microphone, location, MIDI or clipboard-read: only notifications
 * (task reminders). Everything else is refused without asking the user.
 */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'notifications';
}
