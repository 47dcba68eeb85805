import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, preview } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../..');

/** Builds the web preview once and serves it on a free localhost port for every test file. */
export default async function setup(project: TestProject) {
  const configFile = resolve(root, 'vite.web.config.ts');
  // A build folder of this run's own, so concurrent runs never serve each other's half-written files.
  const outDir = resolve(root, 'test-output', `web-e2e-${process.pid}`);
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({
    configFile,
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const address = server.resolvedUrls?.local[0];
  if (!address) throw new Error('The web preview did not start');
  project.provide('baseUrl', address);
  return async () => {
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
