/** Serves out/renderer over app://encore/ (see app-protocol.ts), with the CSP as a header. */
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import { APP_SCHEME, resolveAppFile } from './app-protocol';

const notFound = () => new Response('Not found', { status: 404 });

export function serveRenderer(
  protocol: Protocol,
  net: Net,
  rendererDir: string,
  contentSecurityPolicy: string,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file) return notFound();
    try {
      const response = await net.fetch(pathToFileURL(file).href);
      if (!response.ok) return notFound();
      const headers = new Headers(response.headers);
      // The meta tag in index.html says the same; a header also covers what a meta cannot.
      if (file.endsWith('.html')) headers.set('Content-Security-Policy', contentSecurityPolicy);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(response.body, { status: response.status, headers });
    } catch {
      return notFound();
    }
  });
}
