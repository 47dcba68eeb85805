/**
 * The packaged renderer is served from app://encore/, a custom scheme, not file://. A file://
 * page shares the opaque origin "null" with every other local file and (with Electron's
 * GrantFileProtocolExtraPrivileges fuse, now off) may read any of them; app://encore is an
 * origin of its own that can reach exactly the files of out/renderer and nothing else.
 */
import { join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'encore';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged (before the app is ready): standard, so
 * the page has a real origin with IndexedDB, localStorage and relative URLs; secure, so it is a
 * secure context (Web Locks, persistent storage); fetch and CORS for module scripts and workers;
 * V8's code cache, which Chromium keeps for http(s) only unless a scheme asks: from the second
 * start the renderer's start chunk is not compiled again (docs/architecture.md, "The start path").
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

/**
 * The file under `rootDir` an app:// URL names, or null when it names none: another host, an
 * encoded or literal path out of the folder, a NUL byte, a backslash (a second separator on
 * Windows). The bare origin and "/" are the index.
 */
export function resolveAppFile(requestUrl: string, rootDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '' || path === '/') path = '/index.html';
  const root = normalize(rootDir.endsWith(sep) ? rootDir : rootDir + sep);
  const file = normalize(join(root, path));
  return file.startsWith(root) && file.length > root.length ? file : null;
}
