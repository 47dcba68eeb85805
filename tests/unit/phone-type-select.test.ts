// The phone-type select was written in three places (the new-customer form, a customer's add
// row, the in-place editor): one component draws it now, and this fails when another copy
// of its options appears in the UI.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../src/renderer/src');
const ONE = 'components/customers/PhoneTypeSelect.tsx';

function uiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return uiFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

const files = [...uiFiles(join(root, 'components')), ...uiFiles(join(root, 'pages'))].map(
  (path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }),
);

describe('one phone-type select', () => {
  it('only PhoneTypeSelect lists the phone types as options', () => {
    const listing = files.filter(
      ({ text }) => /PHONE_TYPES\b/.test(text) || /<option[^>]*value=["']mobile["']/.test(text),
    );
    expect(listing.map(({ path }) => path)).toEqual([ONE]);
  });

  it('the new-customer form, the add row and the editor all use it', () => {
    const users = files
      .filter(({ text }) => /<PhoneTypeSelect\b/.test(text))
      .map(({ path }) => path)
      .sort();
    expect(users).toEqual(
      [
        'components/customers/ContactFieldset.tsx',
        'components/customers/ContactPointEditor.tsx',
        'components/customers/ContactPointSection.tsx',
      ].sort(),
    );
  });
});
