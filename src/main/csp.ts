/**
 * The Content-Security-Policy main adds as a response header. It must equal the meta tag in
 * src/renderer/index.html (a test compares them): both are enforced, so a stricter header
 * would silently break the app and a looser one would be pointless.
 */
const directives: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['worker-src', "'self'", 'blob:'],
  // The optional sync server lives wherever the user points it.
  ['connect-src', "'self'", 'ws:', 'http:', 'https:'],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
];

/**
 * `extraScriptSources` exists for development only: the Vite dev server injects one inline
 * script (React Fast Refresh's preamble), allowed by its hash rather than 'unsafe-inline'.
 */
export function contentSecurityPolicy(extraScriptSources: readonly string[] = []): string {
  return directives
    .map(([name, ...sources]) =>
      [name, ...sources, ...(name === 'script-src' ? extraScriptSources : [])].join(' '),
    )
    .join('; ');
}
