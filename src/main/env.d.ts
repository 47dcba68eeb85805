// `?asset` imports: electron-vite returns the runtime path of a file under resources/.
/// <reference types="electron-vite/node" />

/**
 * CSP hash sources of the inline script the Vite dev server injects, computed by
 * electron.vite.config.ts; only applied when the app is not packaged.
 */
declare const __DEV_INLINE_SCRIPT_SOURCES__: readonly string[];
