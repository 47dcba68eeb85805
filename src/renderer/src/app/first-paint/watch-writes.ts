/**
 * Every write to what the first screen's rows show gives the list a new generation
 * (list-generation.ts), so rows kept before it are never drawn at parse time (early.ts).
 * Registered when the start chunk runs, before anything of this start can write; Dexie's
 * `storagemutated` reports this window's commits, its workers' (the import) and other windows'.
 */
import Dexie from 'dexie';
import { hasPendingRestore } from '../../services/crm/backup/restore-marker';
import { newGeneration, touchesPicture } from './list-generation';

let watching = false;

export function watchListWrites(dbName: string): void {
  if (watching) return;
  watching = true;
  // A restore about to swap the database in: whatever was kept is of the old one.
  if (hasPendingRestore(localStorage)) newGeneration(localStorage);
  Dexie.on('storagemutated', (parts) => {
    if (touchesPicture(parts, dbName)) newGeneration(localStorage);
  });
}
