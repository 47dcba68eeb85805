// `npm start`: the desktop app (electron-vite dev) where Electron can run, otherwise the web
// preview of the same renderer, so a fresh checkout always starts something useful.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of a runnable Electron binary, or undefined when its download was skipped or failed. */
function electronBinary() {
  try {
    // node_modules/electron/index.js returns the binary's path and throws when the
    // postinstall download never happened (ELECTRON_SKIP_BINARY_DOWNLOAD=1, offline install).
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** The JS file behind a package's command, run with this Node: no npx, no shell. */
function packageBin(packageName, command) {
  const manifestPath = require.resolve(`${packageName}/package.json`);
  const { bin } = require(manifestPath);
  return join(dirname(manifestPath), typeof bin === 'string' ? bin : bin[command]);
}

function run(script, args) {
  const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  child.on('exit', (code, signal) => {
    for (const name of signals) process.off(name, forward);
    // Die the way the child died, so callers (npm, CI) see the same outcome.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

/**
 * Electron's own postinstall download is not allowed to run at install time (package.json
 * `allowScripts`), so that `npm install` succeeds where GitHub, which hosts the binary, is out of
 * reach. The first `npm start` fetches it instead; when that fails too, the web preview starts.
 */
function fetchElectron() {
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return false; // the package itself is missing (an install without dev dependencies)
  }
  console.log('Fetching the Electron binary (first start; about 100 MB)...');
  const result = spawnSync(process.execPath, [installer], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10 * 60 * 1000,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const reason = (result.stderr ?? '').split('\n').find((line) => line.trim()) ?? 'timed out';
    console.warn(`Could not fetch Electron: ${reason.trim()}`);
  }
  return electronBinary() !== undefined;
}

/** Linux without a display (a server, CI, a container) cannot open a window. */
function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function startWebPreview(reason) {
  console.warn(
    [
      reason,
      'Starting the web preview of the same renderer instead (`npm run web`): same app, with browser downloads in place of the desktop file dialogs.',
    ].join('\n'),
  );
  run(packageBin('vite', 'vite'), ['--config', 'vite.web.config.ts', ...process.argv.slice(2)]);
}

if (!hasDisplay()) {
  startWebPreview(
    'There is no display here (no DISPLAY or WAYLAND_DISPLAY): Electron cannot open a window.',
  );
} else if (electronBinary() || fetchElectron()) {
  run(packageBin('electron-vite', 'electron-vite'), ['dev', ...process.argv.slice(2)]);
} else {
  startWebPreview(
    'Electron cannot start here: its binary could not be downloaded (no access to github.com, where Electron publishes it). On a machine with access, `npm start` fetches it by itself.',
  );
}
