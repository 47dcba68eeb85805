/**
 * Links in text (a deal's participants, a customer's deals) take the theme's link colour, not
 * the browser's blue, with at least 4.5:1 (WCAG AA) against every surface a link sits on, in
 * both themes; the focus ring 3:1 (non-text contrast).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const styles = resolve(import.meta.dirname, '../../src/renderer/src/styles');
const tokensCss = readFileSync(resolve(styles, 'tokens.css'), 'utf8');
const appCss = readFileSync(resolve(styles, 'app.css'), 'utf8');

/** The custom properties of the light block (`:root`) and of the dark one (the media query). */
function themes(css: string): { light: Map<string, string>; dark: Map<string, string> } {
  const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
  const read = (text: string) =>
    new Map([...text.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b/g)].map((m) => [m[1]!, m[2]!]));
  const light = read(css.slice(0, darkAt));
  return { light, dark: new Map([...light, ...read(css.slice(darkAt))]) };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// Where links are drawn: the page, panels, hovered and selected rows, the accent-soft notices.
const SURFACES = [
  '--color-bg',
  '--color-bg-subtle',
  '--color-bg-sidebar',
  '--color-bg-hover',
  '--color-bg-selected',
  '--color-accent-soft',
];

describe('link colour and focus ring', () => {
  it('links use the link token in app.css (not the browser blue)', () => {
    expect(appCss).toMatch(/(^|\n)a \{\s*color: var\(--color-link\);/);
    expect(appCss).toMatch(/a:where\(:hover\) \{\s*color: var\(--color-link-hover\);/);
  });

  for (const [scheme, tokens] of Object.entries(themes(tokensCss))) {
    it(`reads 4.5:1 or more on every surface, focus ring 3:1, in ${scheme}`, () => {
      for (const surface of SURFACES) {
        const background = tokens.get(surface)!;
        for (const link of ['--color-link', '--color-link-hover']) {
          const ratio = contrast(tokens.get(link)!, background);
          expect(ratio, `${scheme} ${link} on ${surface}`).toBeGreaterThanOrEqual(4.5);
        }
        const ring = contrast(tokens.get('--color-focus')!, background);
        expect(ring, `${scheme} focus ring on ${surface}`).toBeGreaterThanOrEqual(3);
      }
    });
  }
});
