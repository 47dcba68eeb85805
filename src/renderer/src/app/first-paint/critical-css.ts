/**
 * The first screen's CSS (docs/architecture.md, "The start path", critical CSS): the rules of
 * the app's stylesheets that style something on the page when the list is settled, kept with
 * the snapshot (capture.ts) and put in the page by the parse-time picture (early.ts) and the
 * entry's (paint.ts), so neither waits for the full stylesheet (loaded without blocking the
 * first paint: vite.first-paint-early.ts, stylesheet.ts). Taken from the page itself, so it
 * follows the shell as drawn (its columns, sidebar, filters) with no list kept by hand.
 */

/**
 * States and parts an element on the page may take later (hovered, focused, its ::before):
 * left out when asking whether the rule's element is on the page, so its rule is kept.
 */
const STATES =
  /::?(?:before|after|placeholder|selection|marker|backdrop|first-letter|first-line|-webkit-[\w-]+|-moz-[\w-]+|hover|active|visited|focus-visible|focus-within|focus|target|autofill)(?![\w-])/g;

/** A selector list's selectors (commas inside :is(), :not(), :where() do not split it). */
export function splitSelectorList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i += 1) {
    const char = list[i];
    if (char === '(' || char === '[') depth += 1;
    else if (char === ')' || char === ']') depth -= 1;
    else if (char === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts.filter((part) => part !== '');
}

/** The selector as a query for the element it styles in any state: `a:hover::after` -> `a`. */
export function elementQuery(selector: string): string {
  const bare = selector.replace(STATES, '').trim();
  if (bare === '') return '*';
  return /[>+~]$/.test(bare) ? `${bare} *` : bare;
}

/** True when some selector of the list styles an element on the page (or cannot be asked). */
export function stylesPage(selectorText: string, matches: (query: string) => boolean): boolean {
  return splitSelectorList(selectorText).some((selector) => {
    try {
      return matches(elementQuery(selector));
    } catch {
      return true; // a selector this engine cannot query: kept rather than lost
    }
  });
}

/** Where the quoted string starting at `from` ends (the index of its closing quote). */
function stringEnd(css: string, from: number): number {
  const quote = css[from];
  let i = from + 1;
  while (i < css.length && css[i] !== quote) i += css[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * A stylesheet's text cut into its top-level rules, in the order of its `cssRules` (comments
 * dropped, `@charset` too: the CSSOM has no rule for it). The rules' own text is kept, not the
 * CSSOM's `cssText`: Chromium serializes a shorthand holding var() followed by one of its
 * longhands (`border: 1px solid var(--c); border-bottom-width: 2px`) as empty longhands.
 */
export function splitRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"' || char === "'") i = stringEnd(text, i);
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) {
        rules.push(text.slice(start, i + 1).trim());
        start = i + 1;
      }
    } else if (char === ';' && depth === 0) {
      const statement = text.slice(start, i + 1).trim();
      if (!/^@charset\b/i.test(statement)) rules.push(statement);
      start = i + 1;
    }
  }
  return rules;
}

/** A grouping rule's text cut in two: `@media (x)` and the rules inside its braces. */
function groupParts(rule: string): { prelude: string; inner: string } {
  const open = rule.indexOf('{');
  return {
    prelude: rule.slice(0, open).trim(),
    inner: rule.slice(open + 1, rule.lastIndexOf('}')),
  };
}

/**
 * Which rules of a list style the page, asked of the CSSOM (what a rule is, which elements it
 * selects) at one moment: grouping rules (@media, @supports, @layer) with what they hold that
 * does. `count` is the list's length, to check the text's rules line up with it.
 */
type Plan = { count: number; kept: { index: number; inner: Plan | null }[] };

function planOf(rules: CSSRuleList, matches: (query: string) => boolean): Plan {
  const kept: Plan['kept'] = [];
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index]!;
    if (rule instanceof CSSStyleRule) {
      if (stylesPage(rule.selectorText, matches)) kept.push({ index, inner: null });
    } else if (
      rule instanceof CSSMediaRule ||
      rule instanceof CSSSupportsRule ||
      rule instanceof CSSLayerBlockRule
    ) {
      const inner = planOf(rule.cssRules, matches);
      if (inner.kept.length > 0) kept.push({ index, inner });
    } else if (!(rule instanceof CSSImportRule)) {
      kept.push({ index, inner: null }); // @font-face, @keyframes, @property: small, kept
    }
  }
  return { count: rules.length, kept };
}

/** The plan's rules, in the sheet's own text; null when the text does not line up with it. */
function keptTexts(plan: Plan, texts: string[]): string[] | null {
  if (texts.length !== plan.count) return null;
  const kept: string[] = [];
  for (const { index, inner } of plan.kept) {
    const text = texts[index]!;
    if (inner === null) {
      kept.push(text);
      continue;
    }
    const { prelude, inner: body } = groupParts(text);
    const held = keptTexts(inner, splitRules(body));
    if (held === null) return null;
    kept.push(`${prelude}{${held.join('')}}`);
  }
  return kept;
}

/**
 * The first screen's CSS: the rules of every stylesheet of `doc` (but `except`) that style an
 * element of it now (asked at once, before any wait), in their order, as their sheet's text
 * has them (`textOf`: its <style>'s, or its file's). Empty when a sheet cannot be read or cut
 * up: no partial CSS (a picture lacking a rule would change when the full sheet comes).
 */
export async function firstScreenCss(
  doc: Document,
  except: Element | null,
  textOf: (sheet: CSSStyleSheet) => Promise<string>,
): Promise<string> {
  const matches = (query: string) => doc.querySelector(query) !== null;
  const sheets = [...doc.styleSheets].filter(
    (sheet) => except === null || sheet.ownerNode !== except,
  );
  let plans: Plan[];
  try {
    plans = sheets.map((sheet) => planOf(sheet.cssRules, matches));
  } catch {
    return ''; // a sheet whose rules cannot be read
  }
  const kept: string[] = [];
  for (const [index, sheet] of sheets.entries()) {
    const text = await textOf(sheet).catch(() => null);
    if (text === null) return '';
    const texts = keptTexts(plans[index]!, splitRules(text));
    if (texts === null) return '';
    kept.push(...texts);
  }
  return kept.join('\n');
}

/** A sheet's text: its <style> element's, or its file's (from the HTTP cache). */
export async function sheetText(sheet: CSSStyleSheet): Promise<string> {
  if (sheet.href === null) return sheet.ownerNode?.textContent ?? '';
  const response = await fetch(sheet.href);
  if (!response.ok) throw new Error(`stylesheet ${sheet.href}: ${response.status}`);
  return response.text();
}
