/**
 * The parse-time picture (src/renderer/src/app/first-paint/early.ts, docs/architecture.md
 * "The start path"): compiled apart into one small classic script, emitted beside the other
 * assets under a content hash, and loaded by a `<script src>` at the end of index.html's body.
 * A classic script there runs while the page is parsed, once the stylesheet is in, before the
 * entry module (deferred), IndexedDB or the start chunk; not inline, so the Content-Security-
 * Policy stays `script-src 'self'` (index.html's meta and main's header, src/main/csp.ts).
 *
 * The app's stylesheets are loaded without blocking the first paint: `media="print"` (fetched,
 * not applied, not render- or script-blocking) and marked, so the entry applies them
 * (app/first-paint/stylesheet.ts) while the picture is drawn with the first screen's rules kept
 * with the snapshot (critical-css.ts). A blocking stylesheet held the classic script, so the
 * picture, until it was in.
 */
import { createHash } from 'node:crypto';
import { buildSync } from 'esbuild';
import type { Plugin } from 'vite';

/** The attribute app/first-paint/stylesheet.ts looks for (DEFERRED_STYLESHEET_ATTRIBUTE). */
const DEFERRED = 'data-encore-deferred';

/** index.html's stylesheet links, fetched but not applied until the entry applies them. */
export function deferStylesheets(html: string): string {
  const deferred = html.replace(
    /<link rel="stylesheet"(?![^>]*\bmedia=)([^>]*)>/g,
    `<link rel="stylesheet" media="print" ${DEFERRED}$1>`,
  );
  if (deferred === html) throw new Error('first paint early: index.html links no stylesheet');
  return deferred;
}

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
      handler: (html) => ({
        html: deferStylesheets(html),
        tags: [{ tag: 'script', attrs: { src: `./${fileName}` }, injectTo: 'body' as const }],
      }),
    },
  };
}
