#!/usr/bin/env node
// `npm test`: every suite in order (lint, typecheck, unit, end-to-end), each run even if an
// earlier one failed, then one closing line that sums them: "N passed, N failed".
// Lint and typecheck count as one check each; vitest suites count their tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'test-output');
mkdirSync(out, { recursive: true });

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

function vitestSuite(name, configArgs, env = {}) {
  const report = resolve(out, `${name}.json`);
  rmSync(report, { force: true });
  const ok = run(
    'npx',
    [
      'vitest',
      'run',
      ...configArgs,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  if (!existsSync(report))
    return { name, passed: 0, failed: 1, note: 'the runner produced no report' };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const failed = json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1); // a crash outside tests still fails
  return {
    name,
    passed: json.numPassedTests,
    failed,
    note: `${json.numTotalTests} tests`,
    failures: failedTestNames(json),
  };
}

// The names of the failed tests, with their files and first message line: CI shows only the tail of
// the log, so the summary must say which test failed, not only how many.
function failedTestNames(json) {
  const names = [];
  for (const file of json.testResults ?? []) {
    const where = file.name ? file.name.replace(`${root}/`, '') : '(unknown file)';
    for (const test of file.assertionResults ?? [])
      if (test.status === 'failed') {
        // Three lines: a property test's seed and counterexample follow its first line.
        const why = (test.failureMessages?.[0] ?? '')
          .split('\n')
          .filter((line) => line.trim() !== '' && !line.trim().startsWith('at '))
          .slice(0, 3)
          .join(' | ')
          .slice(0, 400);
        names.push(`${where} > ${test.fullName}${why ? `: ${why}` : ''}`);
      }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed')
      names.push(`${where}: ${(file.message ?? 'failed to run').split('\n')[0].slice(0, 200)}`);
  }
  return names;
}

const suites = [];
const check = (name, ok) =>
  suites.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, note: ok ? 'clean' : 'FAILED' });

console.log('\n== lint ==');
check('lint', run('npm', ['run', '-s', 'lint']));
console.log('\n== typecheck ==');
check('typecheck', run('npm', ['run', '-s', 'typecheck']));
console.log('\n== unit and integration (vitest, fake-indexeddb, Node) ==');
suites.push(vitestSuite('unit', []));
console.log('\n== sync server and protocol on PGlite ==');
suites.push(
  vitestSuite('sync', ['--config', 'tests/server/vitest.config.ts'], { DATABASE_URL: '' }),
);
if (process.env.DATABASE_URL) {
  console.log('\n== sync server and protocol on PostgreSQL ==');
  suites.push(vitestSuite('sync-pg', ['--config', 'tests/server/vitest.config.ts']));
}
console.log('\n== end-to-end (Chromium, web preview) ==');
const noChromium = ensureChromium();
if (noChromium) {
  console.log(noChromium);
  suites.push({ name: 'e2e', passed: 0, failed: 1, note: noChromium });
} else suites.push(vitestSuite('e2e', ['--config', 'tests/e2e/vitest.config.ts']));

const failures = suites.flatMap((suite) =>
  (suite.failures ?? []).map((f) => `  ${suite.name}: ${f}`),
);
if (failures.length > 0) console.log(`\nFailed\n${failures.join('\n')}`);
console.log('\nSummary');
for (const suite of suites)
  console.log(
    `  ${suite.name.padEnd(10)} ${suite.passed} passed, ${suite.failed} failed (${suite.note})`,
  );
const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
