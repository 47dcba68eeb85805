// `npm start`: the desktop app (electron-vite dev) where Electron can run, otherwise the web
// preview of the same renderer, so a fresh checkout always starts something useful.
import { spawn } from 'node:child_process';
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

if (electronBinary()) {
  run(packageBin('electron-vite', 'electron-vite'), ['dev', ...process.argv.slice(2)]);
} else {
  console.warn(
    [
      'Electron cannot start here: its binary is not installed (node_modules/electron was installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without network).',
      'To get it, on a machine with network access run `node node_modules/electron/install.js` (or `npm rebuild electron`), then check with `npx electron --version`.',
      'Starting the web preview of the same renderer instead (`npm run web`): same app, with browser downloads in place of the desktop file dialogs.',
    ].join('\n'),
  );
  run(packageBin('vite', 'vite'), ['--config', 'vite.web.config.ts', ...process.argv.slice(2)]);
}
