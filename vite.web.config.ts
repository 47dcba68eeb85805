// The web preview: the same renderer as the desktop app, served to plain Chromium with the
// browser Platform. Used where Electron cannot start, by the end-to-end tests and benchmarks.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { firstPaintEarly } from './vite.first-paint-early.ts';
import { startChunk } from './vite.start-chunk.ts';

const start = startChunk(
  resolve(__dirname, 'src/renderer/src/main.tsx'),
  resolve(__dirname, 'src/renderer/src/app/start.tsx'),
);
/** The parse-time picture: a classic script of its own (vite.first-paint-early.ts). */
const EARLY_SOURCE = resolve(__dirname, 'src/renderer/src/app/first-paint/early.ts');

export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react(), start.plugin, firstPaintEarly(EARLY_SOURCE)],
  resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
  worker: { format: 'es' },
  // Minified, and split: pages, heavy dialogs and workers are chunks of their own (app/lazy.tsx).
  build: {
    outDir: resolve(__dirname, 'out/web'),
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    // Chromium (and Electron, whose build has none) preloads modules itself: without the
    // polyfill the entry is the first paint's chunk, not a 1 KiB script importing it.
    modulePreload: { polyfill: false },
    // The first paint's small entry, then the start chunk (preloaded): vite.start-chunk.ts.
    rolldownOptions: { output: { codeSplitting: { groups: start.groups } } },
  },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
});
