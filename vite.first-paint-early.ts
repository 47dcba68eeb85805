/**
 * The parse-time picture (src/renderer/src/app/first-paint/early.ts, docs/architecture.md
 * "The start path"): compiled apart into one small classic script, emitted beside the other
 * assets under a content hash, and loaded by a `<script src>` at the end of index.html's body.
 * A classic script there runs while the page is parsed, once the stylesheet is in, before the
 * entry module (deferred), IndexedDB or the start chunk; not inline, so the Content-Security-
 * Policy stays `script-src 'self'` (index.html's meta and main's header, src/main/csp.ts).
 */
import { createHash } from 'node:crypto';
import { buildSync } from 'esbuild';
import type { Plugin } from 'vite';

export function firstPaintEarly(source: string): Plugin {
  let assetsDir = 'assets';
  let fileName = '';
  let code = '';
  return {
    name: 'encore-first-paint-early',
    apply: 'build',
    configResolved(config) {
      assetsDir = config.build.assetsDir;
    },
    buildStart() {
      const result = buildSync({
        entryPoints: [source],
        bundle: true,
        format: 'iife',
        minify: true,
        target: 'es2022',
        write: false,
        legalComments: 'none',
      });
      code = result.outputFiles[0]?.text ?? '';
      if (!code) this.error('first paint early: nothing compiled');
      const hash = createHash('sha256').update(code).digest('hex').slice(0, 8);
      fileName = `${assetsDir}/early-${hash}.js`;
      this.addWatchFile(source);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: code });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => {
        return [{ tag: 'script', attrs: { src: `./${fileName}` }, injectTo: 'body' as const }];
      },
    },
  };
}
