/**
 * Which URLs belong to the app, which may leave it for the OS, which permissions a page gets.
 * Pure functions, so the security rules are unit-tested without Electron.
 */
import { dirname } from 'node:path';
import { externalUrlSchema } from '../shared/ipc';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-protocol';

/**
 * Where our renderer lives: the Vite dev server in development; out/renderer when built,
 * served as app://encore/ (app-protocol.ts).
 */
export type AppLocation =
  | { kind: 'dev-server'; url: string; origin: string }
  | { kind: 'app-protocol'; url: string; rendererDir: string };

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
  return { kind: 'app-protocol', url: APP_INDEX_URL, rendererDir: dirname(rendererIndexFile) };
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
  // Node's URL gives custom schemes the origin "null", so compare scheme and host; no port or
  // credentials either (app://encore:1/ or app://x@encore/ are not ours). Paths are the
  // protocol handler's business: it serves only files under out/renderer.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
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
