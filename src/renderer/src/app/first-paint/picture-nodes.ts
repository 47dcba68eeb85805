/**
 * The first screen's rows kept as element trees (tag, attributes, children), never as HTML: the
 * parse-time picture (early.ts) builds them with createElement and text nodes, so a customer's
 * name can only ever be text. Shared by the writer (rows-picture.ts) and early.ts, so it imports
 * nothing.
 */
export type PictureNode = [
  tag: string,
  attributes: Record<string, string>,
  children: PictureChild[],
];
export type PictureChild = PictureNode | string;

/** Only what rows.ts draws: anything else in a stored tree is not drawn (a damaged entry). */
const TAGS = new Set(['div', 'span', 'input']);

export function toPictureNode(element: Element): PictureNode {
  const attributes: Record<string, string> = {};
  for (const { name, value } of element.attributes) attributes[name] = value;
  const children: PictureChild[] = [];
  for (const child of element.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) children.push(child.textContent ?? '');
    else if (child.nodeType === Node.ELEMENT_NODE) children.push(toPictureNode(child as Element));
  }
  return [element.localName, attributes, children];
}

/** The element a stored tree describes; null when it is not one rows.ts could have drawn. */
export function fromPictureNode(node: unknown, doc: Document): Element | null {
  if (!Array.isArray(node) || node.length !== 3) return null;
  const [tag, attributes, children] = node as [unknown, unknown, unknown];
  if (typeof tag !== 'string' || !TAGS.has(tag)) return null;
  if (typeof attributes !== 'object' || attributes === null || !Array.isArray(children))
    return null;
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    // No handlers (on*) and nothing but strings: a picture never runs anything.
    if (typeof value !== 'string' || /^on/i.test(name)) return null;
    element.setAttribute(name, value);
  }
  for (const child of children) {
    if (typeof child === 'string') element.append(child);
    else {
      const built = fromPictureNode(child, doc);
      if (!built) return null;
      element.append(built);
    }
  }
  return element;
}
