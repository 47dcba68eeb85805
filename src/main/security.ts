/**
 * Session and web-contents hardening: the renderer may show only our own pages, may open no
 * windows, gets no permissions but notifications, and every document carries our CSP.
 */
import { shell, type Session, type WebContents } from 'electron';
import { contentSecurityPolicy } from './csp';
import { canOpenExternally, isAppUrl, isPermissionAllowed, type AppLocation } from './url-policy';

export function hardenSession(session: Session, extraScriptSources: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));

  // The app:// handler sets the header on the built renderer (serve-renderer.ts); this covers
  // documents served over http, i.e. the dev server, so development runs under the same policy.
  const policy = contentSecurityPolicy(extraScriptSources);
  session.webRequest.onHeadersReceived(
    { urls: ['http://*/*', 'https://*/*'] },
    (details, callback) => {
      if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
        callback({});
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(details.responseHeaders ?? {}).filter(
          ([name]) => name.toLowerCase() !== 'content-security-policy',
        ),
      );
      callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
    },
  );
}

export function hardenWebContents(contents: WebContents, location: AppLocation): void {
  const stayInApp = (event: { preventDefault(): void; url: string }): void => {
    if (!isAppUrl(event.url, location)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  // <webview> would be a second, unhardened renderer.
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // No new Electron windows at all: links meant for the browser go to the OS browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (canOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
