import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { Platform } from './platform';

export type { Platform } from './platform';

let current: Platform | undefined;

/** The desktop bridge when the preload put one on window, the browser otherwise. */
export function getPlatform(): Platform {
  current ??= window.crm ? createElectronPlatform(window.crm) : createBrowserPlatform();
  return current;
}

/** Tests swap in a fake platform; `undefined` goes back to detection. */
export function setPlatformForTesting(platform: Platform | undefined): void {
  current = platform;
}
