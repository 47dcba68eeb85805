import { describe, expect, it } from 'vitest';
import {
  elementQuery,
  splitRules,
  splitSelectorList,
  stylesPage,
} from '../../src/renderer/src/app/first-paint/critical-css';

describe('the first screen CSS: cutting a stylesheet into rules', () => {
  it("keeps each rule's own text, in order, @charset and comments left out", () => {
    const css =
      '@charset "UTF-8";/* a */:root{--c:#fff}kbd{border:1px solid var(--c);border-bottom-width:2px}' +
      '@media (prefers-color-scheme:dark){:root{--c:#000}.a{color:red}}@layer base, app;';
    expect(splitRules(css)).toEqual([
      ':root{--c:#fff}',
      // Chromium's cssText would lose these longhands: the text is what is kept.
      'kbd{border:1px solid var(--c);border-bottom-width:2px}',
      '@media (prefers-color-scheme:dark){:root{--c:#000}.a{color:red}}',
      '@layer base, app;',
    ]);
  });

  it('is not fooled by braces or semicolons in strings', () => {
    expect(splitRules(".a::after{content:\"}{;\"}.b{content:'\\'}'}")).toEqual([
      '.a::after{content:"}{;"}',
      ".b{content:'\\'}'}",
    ]);
  });
});

describe('the first screen CSS: which rules style the page', () => {
  it('splits selector lists at their own commas only', () => {
    expect(splitSelectorList('.a, .b:is(.c, .d) > e,[data-x="1,2"]')).toEqual([
      '.a',
      '.b:is(.c, .d) > e',
      '[data-x="1,2"]',
    ]);
  });

  it('asks for the element a rule styles in any state or part', () => {
    expect(elementQuery('.row:hover .cell::after')).toBe('.row .cell');
    expect(elementQuery('.input:focus-visible')).toBe('.input');
    expect(elementQuery('::placeholder')).toBe('*');
    expect(elementQuery('.list > :hover')).toBe('.list > *');
    expect(elementQuery('.row:nth-child(2):not(.x)')).toBe('.row:nth-child(2):not(.x)');
  });

  it('keeps a rule when one of its selectors finds an element, or cannot be asked', () => {
    const onPage = new Set(['.row', 'kbd']);
    const matches = (query: string) => {
      if (query.includes(':unknown')) throw new SyntaxError(query);
      return onPage.has(query);
    };
    expect(stylesPage('.deal-card, .row:hover', matches)).toBe(true);
    expect(stylesPage('.deal-card, .report', matches)).toBe(false);
    expect(stylesPage('.x:unknown-state', matches)).toBe(true);
  });
});
