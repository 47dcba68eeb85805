/**
 * Every relationship at once, each read from its stored (`from`) side: "Ana manages Bo".
 * For the relationships page's list and its filter.
 */
import type { CustomerRelationship } from '../records';
import { foldText } from '../text-fold';
import { isRelationshipType, RELATIONSHIP_CATALOGUE } from './catalogue';

export type LinkLine = {
  id: string;
  fromId: string;
  fromName: string;
  /** The verb from the `from` side: "manages", "works with". */
  label: string;
  toId: string;
  toName: string;
  note: string;
};

/**
 * The live links whose both ends are live customers (`names` holds exactly those), by the
 * first name then the second, as a person scans a list.
 */
export function linkLines(
  rows: readonly Pick<
    CustomerRelationship,
    'id' | 'from_customer_id' | 'to_customer_id' | 'type' | 'deleted' | 'note'
  >[],
  names: ReadonlyMap<string, string>,
): LinkLine[] {
  const lines: LinkLine[] = [];
  for (const row of rows) {
    if (row.deleted === 1 || !isRelationshipType(row.type)) continue;
    const fromName = names.get(row.from_customer_id);
    const toName = names.get(row.to_customer_id);
    if (fromName === undefined || toName === undefined) continue;
    lines.push({
      id: row.id,
      fromId: row.from_customer_id,
      fromName,
      label: RELATIONSHIP_CATALOGUE[row.type].forward,
      toId: row.to_customer_id,
      toName,
      note: row.note,
    });
  }
  return lines.sort(
    (a, b) => a.fromName.localeCompare(b.fromName) || a.toName.localeCompare(b.toName),
  );
}

/**
 * The lines where every word typed appears in a name, the verb or the note, accents and case
 * ignored: "ana manag" finds "Ana Lima manages Bo Chen".
 */
export function filterLinkLines(lines: readonly LinkLine[], text: string): LinkLine[] {
  const words = foldText(text).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...lines];
  return lines.filter((line) => {
    const haystack = foldText(`${line.fromName} ${line.label} ${line.toName} ${line.note}`);
    return words.every((word) => haystack.includes(word));
  });
}
