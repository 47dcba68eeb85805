import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script with no type declarations
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

type Options = {
  env?: Record<string, string>;
  canInstall?: () => boolean;
  install?: () => boolean;
  exists?: (path: string) => boolean;
};
const check = ensureChromium as (options: Options) => string | null;

describe('npm test finds or installs Chromium for the end-to-end suite', () => {
  it('uses Chromium where it is, and installs nothing', () => {
    let installs = 0;
    const answer = check({
      env: {},
      exists: (path) => path === '/usr/bin/chromium',
      canInstall: () => true,
      install: () => (installs++, true),
    });
    expect(answer).toBeNull();
    expect(installs).toBe(0);
  });

  it('installs it where it may (root with apt-get), then runs', () => {
    let installed = false;
    const answer = check({
      env: {},
      exists: () => installed,
      canInstall: () => true,
      install: () => (installed = true),
    });
    expect(answer).toBeNull();
    expect(installed).toBe(true);
  });

  it('says the command to run where it may not install', () => {
    const answer = check({ env: {}, exists: () => false, canInstall: () => false });
    expect(answer).toMatch(/apt-get install -y chromium/);
  });

  it('says when the install failed, and when CHROMIUM_PATH points nowhere', () => {
    expect(
      check({ env: {}, exists: () => false, canInstall: () => true, install: () => false }),
    ).toMatch(/failed/);
    expect(check({ env: { CHROMIUM_PATH: '/opt/none' }, exists: () => false })).toMatch(
      /CHROMIUM_PATH points to \/opt\/none/,
    );
  });
});
