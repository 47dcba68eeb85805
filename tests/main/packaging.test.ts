import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const builderConfig = readFileSync(
  resolve(import.meta.dirname, '../../electron-builder.yml'),
  'utf8',
);

/** The `electronFuses:` block as name -> value (the file's only nested map of booleans). */
function fuses(): Record<string, string> {
  const block = /^electronFuses:\n((?:[ ]{2}.*\n|[ ]*#.*\n)+)/m.exec(builderConfig)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^ {2}([A-Za-z]+): (\S+)$/gm)].map((match) => [match[1], match[2]]),
  );
}

describe('Electron fuses of the packaged app', () => {
  it('turn on asar integrity and cookie encryption, and give file:// no extra privileges', () => {
    expect(fuses()).toMatchObject({
      enableEmbeddedAsarIntegrityValidation: 'true',
      enableCookieEncryption: 'true',
      grantFileProtocolExtraPrivileges: 'false',
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      onlyLoadAppFromAsar: 'true',
    });
  });
});
