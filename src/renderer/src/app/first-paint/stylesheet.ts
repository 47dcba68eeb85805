/**
 * The app's stylesheet does not block the first paint (docs/architecture.md, "The start path",
 * critical CSS): index.html loads it with media="print" (vite.first-paint-early.ts marks it),
 * so the parse-time picture is drawn with the first screen's rules alone (critical-css.ts, kept
 * with the snapshot), and the entry applies the full sheet before React renders. In the dev
 * server the CSS comes as <style> elements and nothing is deferred. Imports nothing: early.ts
 * is compiled apart and stays a few KiB.
 */

/** The attribute vite.first-paint-early.ts puts on the deferred stylesheet's link. */
export const DEFERRED_STYLESHEET_ATTRIBUTE = 'data-encore-deferred';
/** The <style> holding the first screen's rules (until the full sheet is applied). */
export const FIRST_SCREEN_CSS_ID = 'encore-first-screen-css';

function deferredLinks(doc: Document): HTMLLinkElement[] {
  return [...doc.querySelectorAll<HTMLLinkElement>(`link[${DEFERRED_STYLESHEET_ATTRIBUTE}]`)];
}

/** True when the app's stylesheet is still deferred (not applied). */
export function stylesheetDeferred(doc: Document): boolean {
  return deferredLinks(doc).some((link) => link.media !== 'all');
}

/**
 * Puts the first screen's rules in the page, before the deferred stylesheet: once that applies,
 * its own rules come later in the cascade and win (another page's rules override the list's).
 */
export function insertFirstScreenCss(doc: Document, css: string): void {
  if (doc.getElementById(FIRST_SCREEN_CSS_ID)) return;
  const style = doc.createElement('style');
  style.id = FIRST_SCREEN_CSS_ID;
  style.textContent = css;
  const first = deferredLinks(doc)[0];
  if (first) first.before(style);
  else doc.head.append(style);
}

/** Applies the app's stylesheet (media all) and resolves once it is loaded (or failed). */
export function applyStylesheet(doc: Document): Promise<void> {
  return Promise.all(
    deferredLinks(doc).map(
      (link) =>
        new Promise<void>((resolve) => {
          const loaded = link.sheet !== null;
          link.media = 'all';
          if (loaded) return resolve();
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  ).then(() => undefined);
}

/** The first screen's rules go once the full sheet is applied (React draws every page). */
export function removeFirstScreenCss(doc: Document): void {
  if (!stylesheetDeferred(doc)) doc.getElementById(FIRST_SCREEN_CSS_ID)?.remove();
}
