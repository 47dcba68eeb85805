/**
 * The parse-time picture's pure parts (app/first-paint, docs/architecture.md "The start path"):
 * which writes make kept rows stale, and that a stored tree can only ever become the elements
 * rows.ts draws (text, never markup or handlers).
 */
import { describe, expect, it } from 'vitest';
import { touchesPicture } from '../../src/renderer/src/app/first-paint/list-generation';
import { fromPictureNode } from '../../src/renderer/src/app/first-paint/picture-nodes';

describe('touchesPicture', () => {
  it('is true for writes to the list view, the team and the settings of this database only', () => {
    const tree = {};
    expect(touchesPicture({ 'idb://encore/customers_crm_v/': tree }, 'encore')).toBe(true);
    expect(touchesPicture({ 'idb://encore/customers_crm_v/sort_name': tree }, 'encore')).toBe(true);
    expect(touchesPicture({ 'idb://encore/team_members/:dels': tree }, 'encore')).toBe(true);
    // Settings: the columns chosen only (others, like the backup schedule's, are written often).
    const keys = (from: string, to = from) => ({ from, to, d: 1, l: null, r: null });
    const columns = keys('customer_list_columns');
    expect(touchesPicture({ 'idb://encore/app_settings/': columns }, 'encore')).toBe(true);
    expect(
      touchesPicture({ 'idb://encore/app_settings/': { ...keys('a'), r: columns } }, 'encore'),
    ).toBe(true);
    expect(touchesPicture({ 'idb://encore/app_settings/': keys('a', 'z') }, 'encore')).toBe(true);
    expect(touchesPicture({ 'idb://encore/app_settings/': keys('last_backup_at') }, 'encore')).toBe(
      false,
    );
    expect(touchesPicture({ 'idb://encore/deals/': tree }, 'encore')).toBe(false);
    expect(touchesPicture({ 'idb://other/customers_crm_v/': tree }, 'encore')).toBe(false);
  });
});

/** A document that records what is built (the unit tests run without a DOM). */
type Built = { tag: string; attributes: Record<string, string>; children: (Built | string)[] };
const fakeDocument = {
  createElement(tag: string) {
    const built: Built & { setAttribute(n: string, v: string): void; append(c: unknown): void } = {
      tag,
      attributes: {},
      children: [],
      setAttribute(name, value) {
        built.attributes[name] = value;
      },
      append(child) {
        built.children.push(child as Built | string);
      },
    };
    return built;
  },
} as unknown as Document;

describe('fromPictureNode', () => {
  it('builds the elements of a kept row, its texts as text', () => {
    const node = [
      'div',
      { role: 'row', class: 'list-row' },
      [['span', { class: 'cell' }, ['<b>Ann</b>']]],
    ];
    const built = fromPictureNode(node, fakeDocument) as unknown as Built;
    expect(built.tag).toBe('div');
    expect(built.attributes).toEqual({ role: 'row', class: 'list-row' });
    const cell = built.children[0] as Built;
    expect(cell.children).toEqual(['<b>Ann</b>']); // a text node: never parsed as markup
  });

  it('refuses anything rows.ts does not draw: other tags, handlers, non-text values, other shapes', () => {
    const refused = [
      ['script', {}, ['alert(1)']],
      ['img', { src: 'x' }, []],
      ['div', { onclick: 'alert(1)' }, []],
      ['div', { OnMouseOver: 'alert(1)' }, []],
      ['div', { title: 1 }, []],
      ['div', {}, [['iframe', {}, []]]],
      ['div', {}],
      'div',
      null,
    ];
    for (const node of refused) expect(fromPictureNode(node, fakeDocument)).toBeNull();
  });
});
