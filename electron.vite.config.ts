// Three builds: main (ESM, Node), preload (CommonJS: sandboxed preloads cannot be ES
// modules and may require only 'electron') and the renderer (the same app the web preview
// serves through vite.web.config.ts).
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { firstPaintEarly } from './vite.first-paint-early.ts';
import { startChunk } from './vite.start-chunk.ts';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@shared': resolve(__dirname, 'src/shared') };
const start = startChunk(
  resolve(__dirname, 'src/renderer/src/main.tsx'),
  resolve(__dirname, 'src/renderer/src/app/start.tsx'),
);
/** The parse-time picture: a classic script of its own (vite.first-paint-early.ts). */
const EARLY_SOURCE = resolve(__dirname, 'src/renderer/src/app/first-paint/early.ts');

/**
 * The dev server puts one inline script (React Fast Refresh's preamble) at the top of the
 * page. The CSP meta tag comes after it, so only main's CSP header would block it; main
 * allows exactly this script by hash, and only when not packaged, rather than 'unsafe-inline'.
 */
function reactPreambleHashSources(): string[] {
  const preamble = react.preambleCode.replace('__BASE__', '/');
  return [`'sha256-${createHash('sha256').update(preamble).digest('base64')}'`];
}

export default defineConfig({
  main: {
    resolve: { alias },
    define: { __DEV_INLINE_SCRIPT_SOURCES__: JSON.stringify(reactPreambleHashSources()) },
    build: {
      // Bundle zod and friends: the packaged app runs from out/** and needs no node_modules.
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src/main/index.ts'), formats: ['es'] },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload cannot require anything from node_modules: bundle it all in.
      externalizeDeps: false,
      lib: { entry: resolve(__dirname, 'src/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [react(), start.plugin, firstPaintEarly(EARLY_SOURCE)],
    worker: { format: 'es' },
    build: {
      // electron-vite leaves the renderer unminified by default: 3.5 MB the window must parse
      // before it draws. Minified like the web preview; pages and dialogs are split chunks.
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: {
        input: resolve(__dirname, 'src/renderer/index.html'),
        // The first paint's entry, then the start chunk, as in vite.web.config.ts.
        output: { codeSplitting: { groups: start.groups } },
      },
    },
  },
});
