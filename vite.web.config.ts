// The web preview: the same renderer as the desktop app, served to plain Chromium with the
// browser Platform. Used where Electron cannot start, by the end-to-end tests and benchmarks.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: resolve(__dirname, 'src/renderer'),
  base: './',
  plugins: [react()],
  resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
  worker: { format: 'es' },
  // Minified, and split: pages, heavy dialogs and workers are chunks of their own (app/lazy.tsx).
  build: {
    outDir: resolve(__dirname, 'out/web'),
    emptyOutDir: true,
    sourcemap: true,
    minify: true,
    // Everything the start page imports statically in one chunk: left to itself, rolldown cuts
    // the start path into ~30 small chunks shared with lazy ones, and each is one more request
    // before the first row (measured: the scripts arrive ~150 ms later on a loaded machine).
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] } },
    },
  },
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
});
