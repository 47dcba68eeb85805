/**
 * The list's data generation, for the parse-time picture (early.ts): a random token in
 * localStorage, replaced whenever a write to what the first screen's rows show commits (the
 * customers' list view, the team's names, the chosen columns), in this window, a worker or
 * another window (Dexie's `storagemutated`, which live queries use too). The rows kept for the
 * picture carry the token read BEFORE they were read; a write since then changed the token,
 * so those rows are never drawn (docs/architecture.md, "The start path").
 * This file imports nothing: early.ts, compiled apart into the page, reads the token with it.
 */
export const GENERATION_KEY = 'encore:list-generation';

export function readGeneration(storage: Storage): string {
  try {
    return storage.getItem(GENERATION_KEY) ?? 'none';
  } catch {
    return 'unreadable'; // storage refused: nothing is written for it either
  }
}

export function newGeneration(storage: Storage): void {
  try {
    storage.setItem(
      GENERATION_KEY,
      `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    );
  } catch {
    // Storage refused: no rows are kept (writing them fails the same way).
  }
}

/** A part's key tree (Dexie's IntervalTree): a node per range of keys written. */
type KeyRanges = { from?: unknown; to?: unknown; l?: KeyRanges | null; r?: KeyRanges | null };

/** Whether a written key range holds `key` (a range it cannot read counts as holding it). */
function holdsKey(node: KeyRanges | null | undefined, key: string): boolean {
  if (!node || !('from' in node)) return false;
  const { from, to } = node;
  if (typeof from !== 'string' || typeof to !== 'string') return true;
  if (from <= key && key <= to) return true;
  return holdsKey(node.l, key) || holdsKey(node.r, key);
}

/** The one setting the rows depend on (the columns chosen); other settings are written often. */
const PICTURED_SETTING = 'customer_list_columns';

/**
 * Whether a storagemutated part (`idb://<db>/<table>/<index>`) touches what the picture shows:
 * any write to the list view or the team, and of the settings only the columns chosen.
 */
export function touchesPicture(parts: Record<string, unknown>, dbName: string): boolean {
  const base = `idb://${dbName}/`;
  return Object.entries(parts).some(([key, tree]) => {
    if (!key.startsWith(base)) return false;
    const [table, index] = key.slice(base.length).split('/');
    if (table === 'customers_crm_v' || table === 'team_members') return true;
    if (table !== 'app_settings') return false;
    // The primary key part lists the keys written; any other (':dels', an index) counts.
    return index !== '' || holdsKey(tree as KeyRanges, PICTURED_SETTING);
  });
}
