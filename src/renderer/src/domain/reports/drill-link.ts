/**
 * Where a click on a figure goes: one deal or customer opens its page; a list of rows opens
 * the report list page with the drill in its address (so the list survives a reload and the
 * back button returns to the dashboard). An address that is not a drill is refused in words.
 */
import type { Drill } from './drill';

export const REPORT_LIST_PATH = '/reports/list';

export function drillHref(drill: Drill): string {
  if (drill.kind === 'deal') return `/deals/${drill.id}`;
  if (drill.kind === 'customer') return `/customers/${drill.id}`;
  return `${REPORT_LIST_PATH}?drill=${encodeURIComponent(JSON.stringify(drill))}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const KINDS = new Set(['deals', 'customers', 'tasks']);

/** The drill in a list page's address, or why it cannot be read. */
export function parseDrillParam(
  text: string | null,
): { ok: true; drill: Drill } | { ok: false; message: string } {
  if (!text) return { ok: false, message: 'This list has no figure behind it.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: 'This list’s address is damaged: open it again from the dashboard.',
    };
  }
  if (
    !isRecord(value) ||
    !KINDS.has(String(value.kind)) ||
    typeof value.label !== 'string' ||
    !isRecord(value.scope)
  )
    return { ok: false, message: 'This list’s address is not one the dashboard made.' };
  return { ok: true, drill: value as Drill };
}
