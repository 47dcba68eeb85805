import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../src/main/app-protocol';
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
    expect(location.kind).toBe('app-protocol');
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

describe('isAppUrl for the built renderer (app://encore)', () => {
  const location = resolveAppLocation({
    isPackaged: true,
    devServerUrl: undefined,
    rendererIndexFile,
  });

  it('loads the renderer from app://encore/index.html, not from file://', () => {
    expect(location).toEqual({
      kind: 'app-protocol',
      url: 'app://encore/index.html',
      rendererDir,
    });
  });

  it.each(['app://encore/index.html', 'app://encore/index.html#/customers/42', 'app://encore/'])(
    'allows %s',
    (url) => expect(isAppUrl(url, location)).toBe(true),
  );

  it.each([
    ['the old file:// page', fileUrl(rendererIndexFile)],
    ['another app:// host', 'app://evil/index.html'],
    ['a host that starts like ours', 'app://encore.evil/index.html'],
    ['a port', 'app://encore:8080/index.html'],
    ['credentials', 'app://user@encore/index.html'],
    ['another scheme with our host', 'http://encore/index.html'],
    ['a web page', 'https://example.com/'],
    ['not a URL', 'app encore'],
  ])('refuses %s', (_label, url) => expect(isAppUrl(url, location)).toBe(false));
});

describe('resolveAppFile: what app://encore/ may serve', () => {
  it.each([
    ['app://encore/index.html', 'index.html'],
    ['app://encore/', 'index.html'],
    ['app://encore', 'index.html'],
    ['app://encore/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://encore/assets/a%20b.css?x=1#y', 'assets/a b.css'],
    // The URL parser resolves dot segments inside the folder before we see them.
    ['app://encore/assets/../index.html', 'index.html'],
  ])('serves %s from out/renderer', (url, relative) =>
    expect(resolveAppFile(url, rendererDir)).toBe(join(rendererDir, relative)),
  );

  it.each([
    ['a traversal', 'app://encore/../../../../etc/passwd', 'etc/passwd'],
    ['an encoded traversal', 'app://encore/%2e%2e/%2e%2e/secrets.txt', 'secrets.txt'],
    ['an encoded dot', 'app://encore/%2e', 'index.html'],
  ])('keeps %s inside out/renderer (the URL parser resolves it first)', (_label, url, inside) =>
    expect(resolveAppFile(url, rendererDir)).toBe(join(rendererDir, inside)),
  );

  it.each([
    ['an encoded slash traversal', 'app://encore/..%2f..%2fsecrets.txt'],
    ['a backslash traversal', 'app://encore/..%5c..%5csecrets.txt'],
    ['a NUL byte', 'app://encore/index.html%00.png'],
    ['malformed escapes', 'app://encore/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('refuses %s', (_label, url) => expect(resolveAppFile(url, rendererDir)).toBeNull());

  it('refuses a sibling folder whose name starts like the renderer folder', () => {
    expect(resolveAppFile('app://encore/..%2frenderer-evil/x.js', rendererDir)).toBeNull();
  });
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
