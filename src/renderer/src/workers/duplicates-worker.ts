/**
 * Duplicate detection off the UI thread (duplicates-worker-api.ts). The window tells it which
 * customers a write touched (duplicates-client.ts).
 */
import * as Comlink from 'comlink';
import { createDuplicatesWorkerApi } from './duplicates-worker-api';

export type { DuplicatesWorkerApi } from './duplicates-worker-api';

Comlink.expose(createDuplicatesWorkerApi());
