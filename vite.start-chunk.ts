/**
 * The renderer's chunks at start (docs/architecture.md, "The start path"): index.html loads a
 * small entry (src/main.tsx: the first paint) and names the start chunk (a meta: the build's
 * identity for the first paint's snapshot, and what the benchmark counts), every module app/start.tsx imports statically
 * (React, Dexie, the list) and the entry does not, in one chunk. Left to itself, rolldown cuts that code into ~30 chunks shared with the lazy pages:
 * one request each before the first React row (measured ~150 ms later on a loaded machine).
 * The entry imports app/start.tsx dynamically, after its first paint's frame: only then is the
 * chunk fetched.
 */
import type { Plugin } from 'vite';

/** index.html's meta naming the start chunk's files (imported by src/main.tsx, not preloaded). */
export const START_CHUNK_META = 'encore-start-chunk';

type Group = { name: string; test: (id: string) => boolean; priority: number };

export function startChunk(
  entryModule: string,
  startModule: string,
): {
  plugin: Plugin;
  groups: Group[];
} {
  const inEntry = new Set<string>();
  const inStart = new Set<string>();
  let startFiles: string[] = [];
  const plugin: Plugin = {
    name: 'encore-start-chunk',
    apply: 'build',
    buildEnd() {
      // Static imports only (importedIds): lazy pages and workers stay chunks of their own.
      const reach = (from: string) => {
        const seen = new Set<string>();
        const stack = [from];
        for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
          if (seen.has(id)) continue;
          seen.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      inEntry.clear();
      for (const id of reach(entryModule)) inEntry.add(id);
      inStart.clear();
      for (const id of reach(startModule)) if (!inEntry.has(id)) inStart.add(id);
      if (inStart.size < 2) this.error(`start chunk: nothing reached from ${startModule}`);
    },
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [file] : []));
      const start = chunks.find((chunk) => chunk.moduleIds.includes(startModule));
      if (!start) this.error('start chunk: no chunk holds app/start.tsx');
      // The chunk and what it imports (rolldown's runtime), not the entry's: already in the page.
      const entries = chunks.filter((chunk) => chunk.isEntry);
      const inPage = new Set(entries.flatMap((chunk) => [chunk.fileName, ...chunk.imports]));
      startFiles = [start.fileName, ...start.imports].filter((file) => !inPage.has(file));
    },
    // Named, not preloaded: fetched by the page from the start, the 700 KiB chunk (served,
    // compressed and compiled on the same 2 cores) delayed the first paint's rows and frame by
    // more than it saved later (docs/architecture.md, "On screen, not only in the DOM").
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: {
            name: START_CHUNK_META,
            content: startFiles.map((file) => `./${file}`).join(' '),
          },
          injectTo: 'head' as const,
        },
      ],
    },
  };
  return {
    plugin,
    // The entry's modules first: those the start shares with it stay in the entry's chunk.
    groups: [
      { name: 'index', test: (id) => inEntry.has(id), priority: 2 },
      { name: 'start', test: (id) => inStart.has(id), priority: 1 },
    ],
  };
}
