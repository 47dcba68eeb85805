import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/csp';
import {
  canOpenExternally,
  isAppUrl,
  isPermissionAllowed,
  resolveAppLocation,
} from '../../src/main/url-policy';

const rendererDir = resolve('/opt/Encore CRM/resources/app.asar/out/renderer');
const rendererIndexFile = join(rendererDir, 'index.html');
const fileUrl = (path: string) => pathToFileURL(path).href;

describe('resolveAppLocation', () => {
  it('uses the dev server in development', () => {
    expect(
      resolveAppLocation({
        isPackaged: false,
        devServerUrl: 'http://localhost:5173/',
        rendererIndexFile,
      }),
    ).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    const location = resolveAppLocation({
      isPackaged: true,
      devServerUrl: 'https://evil.example/',
      rendererIndexFile,
    });
    expect(location.kind).toBe('file');
    expect(isAppUrl('https://evil.example/', location)).toBe(false);
  });
});

describe('isAppUrl on the dev server', () => {
  const location = resolveAppLocation({
    isPackaged: false,
    devServerUrl: 'http://localhost:5173',
    rendererIndexFile,
  });

  it.each([
    'http://localhost:5173/',
    'http://localhost:5173/index.html#/deals',
    'http://localhost:5173/?x=1',
  ])('allows %s', (url) => expect(isAppUrl(url, location)).toBe(true));

  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://127.0.0.1:5173/',
    'http://localhost:5173.evil.example/',
    'http://evil.example/?http://localhost:5173',
    'not a url',
  ])('refuses %s', (url) => expect(isAppUrl(url, location)).toBe(false));
});

describe('isAppUrl for the built renderer', () => {
  const location = resolveAppLocation({
    isPackaged: true,
    devServerUrl: undefined,
    rendererIndexFile,
  });

  it.each([fileUrl(rendererIndexFile), `${fileUrl(rendererIndexFile)}#/customers/42`])(
    'allows %s',
    (url) => expect(isAppUrl(url, location)).toBe(true),
  );

  it.each([
    ['a file outside out/renderer', fileUrl('/etc/passwd')],
    ['a traversal out of out/renderer', `${fileUrl(rendererDir)}/../../../../../../etc/passwd`],
    ['an encoded traversal', `${fileUrl(rendererDir)}/%2e%2e/%2e%2e/secrets.html`],
    ['a sibling directory with the same prefix', fileUrl(`${rendererDir}-evil/index.html`)],
    [
      'a file URL with a host (a UNC path on Windows)',
      `file://attacker${new URL(fileUrl(rendererIndexFile)).pathname}`,
    ],
    ['a web page', 'https://example.com/'],
  ])('refuses %s', (_label, url) => expect(isAppUrl(url, location)).toBe(false));
});

describe('canOpenExternally', () => {
  it.each([
    'https://example.com',
    'http://example.com/a?b=c',
    'mailto:ana@example.com',
    'tel:+441234567890',
  ])('lets the OS open %s', (url) => expect(canOpenExternally(url)).toBe(true));

  it.each([
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'data:text/html,hi',
    'vbscript:msgbox',
    'smb://attacker/share',
    'chrome://settings',
    '/customers',
    '',
  ])('keeps %s away from the OS', (url) => expect(canOpenExternally(url)).toBe(false));
});

describe('isPermissionAllowed', () => {
  it('allows notifications only', () => {
    expect(isPermissionAllowed('notifications')).toBe(true);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'midiSysex',
      'openExternal',
      'hid',
      'usb',
    ]) {
      expect(isPermissionAllowed(permission)).toBe(false);
    }
  });
});

describe('contentSecurityPolicy', () => {
  it('is the policy of the meta tag in index.html, so header and meta cannot drift apart', () => {
    const html = readFileSync(
      resolve(import.meta.dirname, '../../src/renderer/index.html'),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const normalise = (policy: string) =>
      policy
        .split(';')
        .map((directive) => directive.trim().split(/\s+/).join(' '))
        .filter(Boolean)
        .sort();
    expect(meta).toBeDefined();
    expect(normalise(contentSecurityPolicy())).toEqual(normalise(meta ?? ''));
  });

  it('never allows eval or inline scripts', () => {
    const scriptSrc = contentSecurityPolicy()
      .split('; ')
      .find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
  });

  it('adds development script hashes to script-src only', () => {
    const policy = contentSecurityPolicy(["'sha256-abc='"]);
    expect(policy).toContain("script-src 'self' 'sha256-abc='");
    expect(policy.match(/sha256-abc=/g)).toHaveLength(1);
  });
});
