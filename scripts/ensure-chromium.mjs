// The end-to-end suite drives Debian's Chromium. On a fresh machine it is often missing, and
// `npm test` must still be the one command that runs every test: where we may install packages
// (root, apt-get present) we install it, as .ci/run does; elsewhere we say exactly what to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';

function canInstallHere() {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function aptInstallChromium() {
  console.log(
    "Chromium is missing: installing Debian's chromium (apt-get) for the end-to-end tests",
  );
  const aptGet = (args) =>
    spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  return aptGet(['update', '-qq']) && aptGet(['install', '-y', '-qq', 'chromium']);
}

/** Returns null when Chromium is there (or now installed), else the reason it is not. */
export function ensureChromium({
  env = process.env,
  defaultPath = DEFAULT_PATH,
  canInstall = canInstallHere,
  install = aptInstallChromium,
  exists = existsSync,
} = {}) {
  const path = env.CHROMIUM_PATH || defaultPath;
  if (exists(path)) return null;
  if (env.CHROMIUM_PATH) return `CHROMIUM_PATH points to ${path}, which does not exist`;
  if (!canInstall())
    return 'Chromium is not installed: run "sudo apt-get install -y chromium" (or set CHROMIUM_PATH)';
  if (!install()) return 'installing Chromium with apt-get failed (see above)';
  return exists(path) ? null : `apt-get installed chromium, but ${path} is not there`;
}
