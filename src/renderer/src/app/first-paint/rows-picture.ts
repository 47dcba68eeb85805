/**
 * The first screen's rows as the parse-time picture draws them (early.ts): rows.ts's elements
 * as trees (picture-nodes.ts), with what they were drawn under. They are drawn only while every
 * text in them is still what React would show: the same data (the list's generation,
 * list-generation.ts), the same languages and time zone (the days); the scores, which decay
 * by the hour, are computed as they are drawn (early.ts).
 */
import { formatListDay } from '../../domain/customers/list-cell-format';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { formatPhoneForDisplay } from '../../domain/phone-display';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { storedLog } from '../../domain/reports/engagement-score';
import { zoneSignature } from './page';
import { toPictureNode, type PictureNode } from './picture-nodes';
import { ROW_HEIGHT, rowElement, type RowTexts } from './rows';

export type RowsPicture = {
  /** list-generation.ts's token read before the rows were read. */
  generation: string;
  /** The chosen columns (stored value, normalized) they were drawn with. */
  chosen: string[];
  /** The rowgroup's height: the first window's rows (CustomerTable's slotCount). */
  height: number;
  nodes: PictureNode[];
  /** The rows' customers, in order: a click on a drawn row opens its customer. */
  ids: string[];
  /** navigator.languages and the time zone (zoneSignature) the days were written in. */
  languages: string;
  zone: string;
  /**
   * Each drawn row's engagement log (storedLog): its score decays by the hour, so early.ts
   * writes the score shown at the moment it draws (displayScore), never a kept text.
   */
  scoreLogs: (number | null)[];
  /** Epoch ms after which the kept rows are not drawn. */
  validUntil: number;
};

const DAY_MS = 86_400_000;
/** Kept rows older than this are not drawn (a long-closed app: its snapshot is stale anyway). */
const KEPT_FOR_MS = 30 * DAY_MS;

export function rowsPicture(input: {
  rows: readonly CustomerListRow[];
  members: readonly TeamMember[];
  columns: readonly ListColumnId[];
  chosen: readonly string[];
  generation: string;
  /** How many rows fill the screen (the picture draws only those). */
  visible: number;
  nowMs: number;
}): RowsPicture {
  const names = new Map(input.members.map((member) => [member.id, member.name]));
  const texts: RowTexts = {
    ownerName: (id) => names.get(id),
    phone: formatPhoneForDisplay,
    day: formatListDay,
    nowMs: input.nowMs,
  };
  const shown = input.rows.slice(0, input.visible);
  return {
    generation: input.generation,
    chosen: [...input.chosen],
    height: input.rows.length * ROW_HEIGHT,
    nodes: shown.map((row, index) => toPictureNode(rowElement(row, index, input.columns, texts))),
    ids: shown.map((row) => row.customer_id),
    languages: navigator.languages.join(),
    zone: zoneSignature(input.nowMs),
    scoreLogs: shown.map((row) => storedLog(row.engagement_log)),
    validUntil: input.nowMs + KEPT_FOR_MS,
  };
}
