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

/** The tables whose writes change the rows the picture shows. */
export const PICTURED_TABLES = ['customers_crm_v', 'team_members', 'app_settings'] as const;

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

/** Whether a storagemutated part (`idb://<db>/<table>/…`) is a pictured table of this database. */
export function touchesPicture(parts: Record<string, unknown>, dbName: string): boolean {
  return Object.keys(parts).some((key) =>
    PICTURED_TABLES.some((table) => key.startsWith(`idb://${dbName}/${table}/`)),
  );
}
