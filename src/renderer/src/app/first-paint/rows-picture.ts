/**
 * The first screen's rows as the parse-time picture draws them (early.ts): rows.ts's elements
 * as trees (picture-nodes.ts), with what they were drawn under. They are drawn only while every
 * text in them is still what React would show: the same data (the list's generation,
 * list-generation.ts), the same languages and time zone (the days), and before the first
 * moment a shown engagement score changes by the clock (`validUntil`).
 */
import { formatListDay } from '../../domain/customers/list-cell-format';
import type { ListColumnId } from '../../domain/customers/list-columns';
import { formatPhoneForDisplay } from '../../domain/phone-display';
import type { CustomerListRow, TeamMember } from '../../domain/records';
import { displayScore, storedLog } from '../../domain/reports/engagement-score';
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
  /** Epoch ms from which a shown score would read differently. */
  validUntil: number;
};

const DAY_MS = 86_400_000;

/** The first moment after `nowMs` at which a score reads differently (at most a day ahead). */
export function scoreValidUntil(logs: readonly (number | null)[], nowMs: number): number {
  let until = nowMs + DAY_MS;
  for (const log of logs) {
    if (log === null) continue;
    const shown = displayScore(log, nowMs);
    if (displayScore(log, until) === shown) continue;
    let [low, high] = [nowMs, until]; // shown at low, different at high
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2);
      if (displayScore(log, middle) === shown) low = middle;
      else high = middle;
    }
    until = low;
  }
  return until;
}

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
    validUntil: input.columns.includes('score')
      ? scoreValidUntil(
          shown.map((row) => storedLog(row.engagement_log)),
          input.nowMs,
        )
      : input.nowMs + 30 * DAY_MS,
  };
}
